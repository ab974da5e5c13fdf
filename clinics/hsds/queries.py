"""What the HSDS API reads, starting from the one definition of "public".

Organizations are ``Clinic.objects.listed()`` (listed and temporarily closed clinics);
services and services at locations are their ``ClinicTreatment.objects.listed()``
offerings. Each function names the related rows its shape needs, so every page costs
a fixed number of queries however many records it holds.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import Prefetch, Q

from clinics import geo, hours
from clinics.hsds import ids
from clinics.hsds.taxonomy import TAXONOMIES, Vocabulary
from clinics.models import Clinic, ClinicTreatment, HoursException
from clinics.querysets import distance_miles

METERS_PER_MILE = 1609.344


def organizations(*, full: bool = False):
    clinics = Clinic.objects.listed().order_by("name", "id")
    if full:
        clinics = clinics.prefetch_related(
            "conditions",
            "opening_hours",
            Prefetch(
                "clinic_treatments",
                queryset=ClinicTreatment.objects.listed()
                .select_related("treatment")
                .prefetch_related("insurance_plans")
                .order_by("treatment__sort_order", "treatment__name"),
            ),
            _upcoming_exceptions("hours_exceptions"),
        )
    return clinics


def offers(*, full: bool = False):
    """Publicly listed treatments of publicly listed clinics: the services."""
    queryset = (
        ClinicTreatment.objects.listed()
        .filter(clinic__in=Clinic.objects.listed())
        .select_related("clinic", "treatment")
        # A treatment page's long texts, repeated on every row, are not part of a service.
        .defer("treatment__what_to_expect", "treatment__safety_notes", "treatment__sources")
        # The (clinic, treatment) unique index serves this order: a page needs no sort.
        .order_by("clinic_id", "treatment_id")
    )
    related = ["clinic__conditions"]
    if full:
        related += [
            "insurance_plans",
            "clinic__opening_hours",
            _upcoming_exceptions("clinic__hours_exceptions"),
        ]
    return queryset.prefetch_related(*related)


def _upcoming_exceptions(lookup: str) -> Prefetch:
    """Holidays and special hours from today through the clinic page's horizon."""
    today = hours.pacific_today()
    return Prefetch(
        lookup,
        queryset=HoursException.objects.filter(
            date__gte=today, date__lte=today + datetime.timedelta(days=hours.UPCOMING_DAYS)
        ),
        to_attr="upcoming_hours_exceptions",
    )


@dataclass
class Place:
    """A circle to search in: its centre and radius in miles."""

    latitude: float
    longitude: float
    radius_miles: float


def filter_offers(queryset, params: dict, vocabulary: Vocabulary | None):
    """The offers matching every given parameter (HSDS filters combine with AND)."""
    if params.get("search"):
        queryset = queryset.filter(
            clinic__in=Clinic.objects.listed().search(params["search"]).values("pk")
        )
    if params.get("organization_id"):
        queryset = queryset.filter(clinic__uuid=params["organization_id"])
    if params.get("modified_after"):
        queryset = queryset.filter(clinic__updated_at__gte=params["modified_after"])
    if params.get("taxonomy_term_id"):
        term = vocabulary.by_id.get(params["taxonomy_term_id"])
        queryset = queryset.filter(vocabulary.services_q(term)) if term else queryset.none()
    if params.get("taxonomy_id"):
        taxonomy = next((t for t in TAXONOMIES.values() if t.id == params["taxonomy_id"]), None)
        queryset = (
            queryset.filter(vocabulary.taxonomy_services_q(taxonomy))
            if taxonomy
            else queryset.none()
        )
    if params.get("postcode") and not params.get("place"):
        queryset = queryset.filter(clinic__zip_code=params["postcode"])
    place: Place | None = params.get("place")
    if place:
        near = Clinic.objects.listed().near(place.latitude, place.longitude, place.radius_miles)
        queryset = (
            queryset.filter(clinic__in=near.values("pk"))
            .annotate(
                distance_miles=distance_miles(place.latitude, place.longitude, clinic="clinic__")
            )
            .order_by("distance_miles", "clinic_id", "treatment_id")
        )
    return queryset


def filter_organizations(queryset, params: dict):
    if params.get("search"):
        queryset = queryset.search(params["search"]).order_by("-relevance", "name", "id")
    return queryset


def place_for_postcode(postcode: str, proximity_meters: float | None) -> Place | None:
    """The circle a postcode and a proximity (metres, as HSDS has it) describe."""
    if proximity_meters is None:
        return None
    centre = geo.zip_centroid(postcode)
    if centre is None:
        return None
    return Place(centre[0], centre[1], proximity_meters / METERS_PER_MILE)


def offer_by_id(record_id: uuid.UUID, kind: str, vocabulary: Vocabulary, *, full: bool = True):
    """The offering whose service (kind "service") or service_at_location id is `record_id`.

    Ids are the clinic's UUID XOR a key per treatment (clinics.hsds.ids), so each
    treatment gives one candidate clinic UUID: one indexed query finds the offering.
    """
    slugs = [
        term.code.removeprefix("treatment:")
        for term in vocabulary.terms
        if term.code.startswith("treatment:")
    ]
    candidates = ids.base_candidates(record_id, [f"{kind}:{slug}" for slug in slugs])
    match = Q(pk__in=[])
    for clinic_uuid, name in candidates.items():
        match |= Q(clinic__uuid=clinic_uuid, treatment__slug=name.split(":", 1)[1])
    return offers(full=full).filter(match).first()


def newest_edit(rows) -> datetime.datetime | None:
    """When the newest of these clinics (or offers' clinics) was last edited."""
    moments = [getattr(row, "clinic", row).updated_at for row in rows]
    return max(moments, default=None)
