"""Presentation helpers for finding and comparing clinics: what a result card says about
price and freshness, and the choices of the home page's search form."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from clinics.filters import SELF_PAY
from clinics.models import HeadlinePrice, InsurancePlan, Treatment

register = template.Library()


@register.filter
def price_line(headline) -> str:
    """A card's `headline` annotation (ClinicQuerySet.with_headline_price) in words:
    "Self-pay: IV infusion from $450 a session"; "" for a clinic that lists no treatment.

    Always one named treatment's price a session, never a consultation fee.
    """
    if not headline:
        return ""
    price = HeadlinePrice(headline["treatment_name"], headline["price_min"])
    if price.price_min is None:
        return f"Self-pay price of {price.treatment_name}: ask the clinic"
    return f"Self-pay: {price}"


@register.simple_tag
def last_checked(clinic) -> str:
    """The latest check of a listing, and who made it, with a machine-readable date."""
    verified, confirmed = clinic.last_verified_on, clinic.staff_confirmed_on
    if verified is None and confirmed is None:
        return "Not yet checked by the directory or the clinic"
    if confirmed is not None and (verified is None or confirmed > verified):
        who, date = "Confirmed by the clinic", confirmed
    else:
        who, date = "Checked by the directory", verified
    return format_html(
        '{} on <time datetime="{}">{}</time>',
        who,
        date.isoformat(),
        f"{date:%b} {date.day}, {date.year}",
    )


@register.inclusion_tag("clinics/includes/search_options.html")
def treatment_options():
    """<option>s for every treatment, for a search form outside the search page."""
    return {"options": Treatment.objects.values_list("slug", "name")}


@register.inclusion_tag("clinics/includes/search_options.html")
def insurance_options():
    """<option>s for every plan and self-pay, for a search form outside the search page."""
    options = list(InsurancePlan.objects.values_list("slug", "name"))
    return {"options": [*options, (SELF_PAY, "Self-pay (no insurance)")]}
