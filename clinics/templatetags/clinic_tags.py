"""Presentation helpers for the clinic pages: distances, schema.org JSON-LD, and what
other pages show from this app: the condition choices (the home page) and the crisis
help panel (the about page)."""

from __future__ import annotations

import datetime

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

from clinics import hours as opening_hours
from clinics.models import Clinic, Condition, CrisisResource
from config.site.json_ld import json_ld_script_body
from config.site.seo import truncate_sentence

register = template.Library()

MENTAL_HEALTH_EXCLUDED = {"chronic-pain"}


@register.inclusion_tag("clinics/includes/condition_options.html")
def condition_options():
    """<option> elements for every condition, for a search form outside the clinics app."""
    return {"conditions": Condition.objects.only("name", "name_es", "slug")}


@register.inclusion_tag("clinics/includes/crisis_panel.html")
def crisis_help_panel():
    """The "Get help now" panel (id="get-help"): 988, 911 and the active local services."""
    return {"resources": CrisisResource.objects.active()}


@register.filter
def miles(value) -> str:
    """3.24 -> "3.2 mi"; very close reads "under 0.1 mi" rather than "0.0 mi"."""
    if value is None:
        return ""
    if float(value) < 0.05:
        return gettext("under 0.1 mi")
    return gettext("%(miles)s mi") % {"miles": f"{float(value):.1f}"}


def price_range(treatments) -> str:
    """ "$450–$700": the lowest to the highest self-pay price a session; "" if none."""
    prices = [
        price for offer in treatments for price in (offer.price_min, offer.price_max) if price
    ]
    if not prices:
        return ""
    low, high = min(prices), max(prices)
    return f"${low:,}" if low == high else f"${low:,}–${high:,}"


def clinic_structured_data(
    clinic, hours, treatments, conditions, exceptions=(), today=None
) -> dict:
    """schema.org MedicalClinic for one clinic, from already-fetched related rows.

    `exceptions` (HoursException rows) become specialOpeningHoursSpecification. A
    temporarily closed clinic publishes no regular hours, as if it were open: one
    special entry says it is closed from `today` (default: today in Pacific time) until
    the day before it expects to reopen, and the description says why.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "name": clinic.name,
        "url": settings.SITE_URL + clinic.get_absolute_url(),
        "telephone": clinic.phone,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": clinic.street_address,
            "addressLocality": clinic.city,
            "addressRegion": clinic.state,
            "postalCode": clinic.zip_code,
            "addressCountry": "US",
        },
        "isAcceptingNewPatients": clinic.accepting_new_patients,
        "openingHoursSpecification": opening_hours.opening_hours_specification(hours),
        "availableService": [
            {"@type": "MedicalTherapy", "name": offer.treatment.display_name}
            for offer in treatments
        ],
    }
    if clinic.description:
        data["description"] = clinic.description
    if clinic.status == Clinic.Status.TEMPORARILY_CLOSED:
        today = today or opening_hours.pacific_today()
        reopens = clinic.reopens_on
        through = reopens - datetime.timedelta(days=1) if reopens and reopens > today else None
        del data["openingHoursSpecification"]
        data["specialOpeningHoursSpecification"] = [
            opening_hours.closed_specification(today, through)
        ]
        data["description"] = " ".join(filter(None, [clinic.closure_notice, clinic.description]))
    elif exceptions:
        data["specialOpeningHoursSpecification"] = (
            opening_hours.special_opening_hours_specification(exceptions)
        )
    if prices := price_range(treatments):
        data["priceRange"] = prices
    if clinic.latitude is not None and clinic.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": round(clinic.latitude, 6),
            "longitude": round(clinic.longitude, 6),
        }
    if clinic.website:
        data["sameAs"] = clinic.website
    if any(c.slug not in MENTAL_HEALTH_EXCLUDED for c in conditions):
        data["medicalSpecialty"] = "https://schema.org/Psychiatric"
    return data


@register.simple_tag
def clinic_json_ld(clinic):
    """<script type="application/ld+json"> for the clinic page (uses its prefetches)."""
    exceptions = getattr(clinic, "upcoming_hours_exceptions", None)
    data = clinic_structured_data(
        clinic,
        hours=clinic.opening_hours.all(),
        treatments=clinic.clinic_treatments.all(),
        conditions=clinic.conditions.all(),
        exceptions=clinic.hours_exceptions.all() if exceptions is None else exceptions,
    )
    return format_html('<script type="application/ld+json">{}</script>', json_ld_script_body(data))


@register.filter
def clinic_meta_description(clinic) -> str:
    """The clinic page's meta and link-preview description."""
    about = gettext(
        "%(name)s in %(city)s, %(state)s: ketamine treatments, prices, insurance, opening "
        "hours and how to contact the clinic."
    ) % {"name": clinic.name, "city": clinic.city, "state": clinic.state}
    if clinic.status == Clinic.Status.TEMPORARILY_CLOSED:
        return gettext("Temporarily closed. %(about)s") % {"about": about}
    return about


def condition_structured_data(condition, clinics, summary: str | None = None) -> dict:
    """schema.org MedicalWebPage about a condition, listing the clinics the page shows.

    `summary`: the summary the page shows, when not the English one (the Spanish text,
    once reviewed, which the articles app decides).
    """
    url = settings.SITE_URL + condition.get_absolute_url()
    return {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "url": url,
        "name": gettext("%(name)s: ketamine clinics near Sacramento")
        % {"name": condition.display_name},
        "description": truncate_sentence(summary or condition.summary),
        "inLanguage": "es-US" if get_language() == "es" else "en-US",
        "about": {"@type": "MedicalCondition", "name": condition.display_name, "url": url},
        "mainEntity": {
            "@type": "ItemList",
            "name": gettext("Clinics that treat %(name)s") % {"name": condition.display_name},
            "numberOfItems": len(clinics),
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "item": {
                        "@type": "MedicalClinic",
                        "name": clinic.name,
                        "url": settings.SITE_URL + clinic.get_absolute_url(),
                    },
                }
                for position, clinic in enumerate(clinics, start=1)
            ],
        },
    }


@register.simple_tag
def condition_json_ld(condition, clinics, summary=None):
    """<script type="application/ld+json"> for a condition page and the clinics it lists."""
    data = condition_structured_data(condition, list(clinics), summary)
    return format_html('<script type="application/ld+json">{}</script>', json_ld_script_body(data))
