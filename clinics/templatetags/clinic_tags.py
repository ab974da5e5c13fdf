"""Presentation helpers for the clinic pages: distances and schema.org JSON-LD."""

from __future__ import annotations

import json

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from clinics.hours import opening_hours_specification

register = template.Library()

# The escapes Django's json_script uses, so no string in the data can end the element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
MENTAL_HEALTH_EXCLUDED = {"chronic-pain"}


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
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308
