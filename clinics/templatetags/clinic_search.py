"""Presentation helpers for finding and comparing clinics: what a result card says about
price and freshness, and the choices of the home page's search form."""

from __future__ import annotations

from django import template
from django.db import models
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext

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
        return gettext("Self-pay price of %(treatment)s: ask the clinic") % {
            "treatment": price.treatment_name
        }
    return gettext("Self-pay: %(price)s") % {"price": price}


@register.simple_tag
def last_checked(clinic) -> str:
    """The latest check of a listing, and who made it, with a machine-readable date."""
    verified, confirmed = clinic.last_verified_on, clinic.staff_confirmed_on
    if verified is None and confirmed is None:
        return gettext("Not yet checked by the directory or the clinic")
    if confirmed is not None and (verified is None or confirmed > verified):
        sentence, date = gettext("Confirmed by the clinic on {date}"), confirmed
    else:
        sentence, date = gettext("Checked by the directory on {date}"), verified
    shown = format_html(
        '<time datetime="{}">{}</time>', date.isoformat(), date_format(date, gettext("M j, Y"))
    )
    return format_html(sentence, date=shown)


def _menu_options(context) -> dict[str, list[tuple[str, str]]]:
    """Every insurance plan (and self-pay) and treatment, in display order: one query
    for both menus of a page, kept for the rest of its rendering."""
    key = "clinic_search_menu_options"
    if key not in context.render_context:
        plans = InsurancePlan.objects.annotate(kind=models.Value("insurance")).values_list(
            "kind", "slug", "name", "sort_order"
        )
        treatments = Treatment.objects.annotate(kind=models.Value("treatment")).values_list(
            "kind", "slug", "name", "sort_order"
        )
        options = {"insurance": [], "treatment": []}
        for kind, slug, name, _ in plans.union(treatments, all=True).order_by(
            "kind", "sort_order", "name"
        ):
            options[kind].append((slug, name))
        options["insurance"].append((SELF_PAY, gettext("Self-pay (no insurance)")))
        context.render_context[key] = options
    return context.render_context[key]


@register.inclusion_tag("clinics/includes/search_options.html", takes_context=True)
def treatment_options(context):
    """<option>s for every treatment, for a search form outside the search page."""
    return {"options": _menu_options(context)["treatment"]}


@register.inclusion_tag("clinics/includes/search_options.html", takes_context=True)
def insurance_options(context):
    """<option>s for every plan and self-pay, for a search form outside the search page."""
    return {"options": _menu_options(context)["insurance"]}
