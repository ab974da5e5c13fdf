"""The query parameters of each HSDS endpoint, as forms: one definition read three ways.

The views validate requests with them (a bad value is a 400, never a 500), the page
cache keys on their fields (``cache_public_page(params=...)``), and the OpenAPI
document is generated from them (clinics.hsds.openapi), so the three cannot drift.
Parameters follow the HSDS 3.0 API reference; ``lat``, ``lng`` and ``radius`` are our
documented extension.
"""

from __future__ import annotations

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_date, parse_datetime

from clinics import geo
from clinics.hsds.queries import METERS_PER_MILE, Place, place_for_postcode

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
MAX_PAGE = 100_000
MAX_RADIUS_MILES = 100
MAX_PROXIMITY_METERS = round(MAX_RADIUS_MILES * METERS_PER_MILE)
DEFAULT_RADIUS_MILES = 25


class FlagField(forms.Field):
    """A boolean that must say so: "true" or "false" (also 1 or 0); absent means no."""

    openapi = {"type": "boolean"}

    def to_python(self, value):
        if value in self.empty_values:
            return False
        text = str(value).strip().lower()
        if text in {"true", "1"}:
            return True
        if text in {"false", "0"}:
            return False
        raise ValidationError("Enter true or false.", code="invalid")


class TimestampField(forms.Field):
    """An ISO 8601 date or date-time; without an offset it is read as UTC (as HSDS says)."""

    openapi = {"type": "string", "format": "date-time"}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        # A "+" left unescaped in a query string arrives as a space.
        text = re.sub(r"(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$", r"\1+\2", text)
        try:
            moment = parse_datetime(text)
            if moment is None:
                day = parse_date(text)
                moment = day and datetime.datetime.combine(day, datetime.time())
        except ValueError:
            moment = None
        if moment is None:
            raise ValidationError(
                "Enter an ISO 8601 date or date-time, such as 2025-01-31T09:00:00Z.",
                code="invalid",
            )
        return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


class PageParams(forms.Form):
    search = forms.CharField(
        required=False,
        max_length=200,
        help_text=(
            "Words to look for in the clinic's name, town, description, conditions treated "
            "and treatments offered; every word must match, small typos are forgiven."
        ),
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        help_text="Page number, from 1. A page past the last one is empty.",
    )
    per_page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PER_PAGE,
        help_text=f"Results per page, 1 to {MAX_PER_PAGE} (default {DEFAULT_PER_PAGE}).",
    )
    format = forms.ChoiceField(
        required=False,
        choices=[("json", "json"), ("ndjson", "ndjson")],
        help_text=(
            "json (default): one page. ndjson: every matching record, one JSON object per "
            "line, streamed without pagination (page and per_page are ignored)."
        ),
    )

    def clean(self):
        data = super().clean()
        data["page"] = data.get("page") or 1
        data["per_page"] = data.get("per_page") or DEFAULT_PER_PAGE
        data["format"] = data.get("format") or "json"
        return data


class ServiceParams(PageParams):
    taxonomy_term_id = forms.UUIDField(
        required=False,
        help_text="Only services with this taxonomy term (or a term below it) as an attribute.",
    )
    taxonomy_id = forms.UUIDField(
        required=False,
        help_text="Only services with some term of this taxonomy as an attribute.",
    )
    organization_id = forms.UUIDField(
        required=False, help_text="Only services of this organization."
    )
    modified_after = TimestampField(
        required=False,
        help_text=(
            "Only records modified on or after this ISO 8601 date-time (UTC unless it "
            "carries an offset)."
        ),
    )
    full = FlagField(
        required=False, help_text="true: each record in the full shape, with everything nested."
    )


class ServiceAtLocationParams(ServiceParams):
    postcode = forms.RegexField(
        regex=r"^\d{5}(-\d{4})?$",
        required=False,
        error_messages={"invalid": "Enter a US ZIP code, such as 95816."},
        help_text=(
            "A US ZIP code. Alone: locations in that ZIP code. With proximity: locations "
            "within proximity metres of the ZIP code's centre, nearest first."
        ),
    )
    proximity = forms.FloatField(
        required=False,
        min_value=1,
        max_value=MAX_PROXIMITY_METERS,
        help_text=f"Metres from the postcode's centre (up to {MAX_PROXIMITY_METERS}).",
    )
    lat = forms.FloatField(
        required=False,
        min_value=-90,
        max_value=90,
        help_text="Extension: latitude of a point to search around (WGS84), with lng.",
    )
    lng = forms.FloatField(
        required=False,
        min_value=-180,
        max_value=180,
        help_text="Extension: longitude of a point to search around (WGS84), with lat.",
    )
    radius = forms.FloatField(
        required=False,
        min_value=0.1,
        max_value=MAX_RADIUS_MILES,
        help_text=(
            "Extension: miles around lat and lng (default "
            f"{DEFAULT_RADIUS_MILES}, up to {MAX_RADIUS_MILES}); results nearest first."
        ),
    )

    def clean(self):
        data = super().clean()
        postcode = (data.get("postcode") or "")[:5]
        data["postcode"] = postcode
        proximity, lat, lng, radius = (data.get(k) for k in ("proximity", "lat", "lng", "radius"))
        data["place"] = None
        if proximity is not None and not postcode:
            self.add_error("proximity", "proximity needs a postcode to measure from.")
        if (lat is None) != (lng is None):
            self.add_error("lat" if lat is None else "lng", "Give both lat and lng.")
        if radius is not None and lat is None and lng is None:
            self.add_error("radius", "radius needs lat and lng to measure from.")
        if postcode and lat is not None:
            self.add_error("lat", "Search around a postcode or a point (lat, lng), not both.")
        if self.errors:
            return data
        if postcode and geo.zip_centroid(postcode) is None:
            self.add_error("postcode", "We don't know this ZIP code.")
        elif postcode:
            data["place"] = place_for_postcode(postcode, proximity)
        elif lat is not None:
            data["place"] = Place(lat, lng, radius or DEFAULT_RADIUS_MILES)
        return data


class OrganizationParams(PageParams):
    full = FlagField(
        required=False,
        help_text="true: each organization in the full shape (locations, services…).",
    )
    full_service = FlagField(
        required=False,
        help_text="With full: each organization's services in their full shape too.",
    )


class OrganizationDetailParams(forms.Form):
    full_service = FlagField(
        required=False,
        help_text="true: the organization's services in their full shape.",
    )


class TaxonomyParams(PageParams):
    pass


class TaxonomyTermParams(PageParams):
    taxonomy_id = forms.UUIDField(required=False, help_text="Only terms of this taxonomy.")
    parent_id = forms.UUIDField(required=False, help_text="Only terms directly below this one.")
    top_only = FlagField(required=False, help_text="true: only terms with no parent.")


def error_list(form: forms.Form) -> list[dict]:
    """A form's errors as HSDS-style problem details, one entry per parameter."""
    return [
        {"parameter": name if name != "__all__" else None, "message": str(message)}
        for name, messages in form.errors.items()
        for message in messages
    ]
