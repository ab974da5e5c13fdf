"""Presentation helpers for the clinic pages: distances, schema.org JSON-LD, and what
other pages show from this app: the condition choices (the home page) and the crisis
help panel (the about page)."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.html import format_html

from clinics.hours import opening_hours_specification
from clinics.models import Condition, CrisisResource
from config.site.json_ld import json_ld_script_body

register = template.Library()

MENTAL_HEALTH_EXCLUDED = {"chronic-pain"}


@register.inclusion_tag("clinics/includes/condition_options.html")
def condition_options():
    """<option> elements for every condition, for a search form outside the clinics app."""
    return {"conditions": Condition.objects.only("name", "slug")}


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
        return "under 0.1 mi"
    return f"{float(value):.1f} mi"


def clinic_structured_data(clinic, hours, treatments, conditions) -> dict:
    """schema.org MedicalClinic for one clinic, from already-fetched related rows."""
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
        "openingHoursSpecification": opening_hours_specification(hours),
        "availableService": [
            {"@type": "MedicalTherapy", "name": offer.treatment.name} for offer in treatments
        ],
    }
    if clinic.description:
        data["description"] = clinic.description
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
    data = clinic_structured_data(
        clinic,
        hours=clinic.opening_hours.all(),
        treatments=clinic.clinic_treatments.all(),
        conditions=clinic.conditions.all(),
    )
    return format_html('<script type="application/ld+json">{}</script>', json_ld_script_body(data))
