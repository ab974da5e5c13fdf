"""A small directory for the HSDS API tests, and helpers to read the API."""

from __future__ import annotations

import datetime
import json
from types import SimpleNamespace

from clinics.models import Clinic, ClinicTreatment, OpeningHours
from tests.factories import (
    ClinicFactory,
    ClinicTreatmentFactory,
    OpeningHoursFactory,
    condition,
    insurance,
    treatment,
)

API = "/api/hsds/"


def make_directory() -> SimpleNamespace:
    """Two public clinics (one temporarily closed), plus rows the public must never see."""
    riverside = ClinicFactory(
        name="Riverside Ketamine",
        slug="riverside-ketamine",
        is_demo=False,
        zip_code="95816",
        street_address="100 River Road",
        languages=["en", "es"],
        wheelchair_accessible=True,
        accepts_hsa_fsa=True,
        booking_url="https://riverside.example.org/book/",
        email="hello@riverside.example.org",
        conditions=[condition("ptsd"), condition("depression"), condition("chronic-pain")],
        insurance_plans=[insurance("aetna")],
    )
    iv = ClinicTreatmentFactory(
        clinic=riverside, treatment=treatment("iv-infusion"), price_min=400, price_max=650
    )
    iv.insurance_plans.add(insurance("aetna"))
    ClinicTreatmentFactory(
        clinic=riverside, treatment=treatment("spravato"), price_min=None, price_max=None
    )
    for weekday in range(5):
        OpeningHoursFactory(clinic=riverside, weekday=weekday)
    OpeningHoursFactory(
        clinic=riverside,
        weekday=OpeningHours.Weekday.SATURDAY,
        opens=datetime.time(10),
        closes=datetime.time(14),
    )
    foothill = ClinicFactory(
        name="Foothill Sample Clinic",
        slug="foothill-sample-clinic",
        is_demo=True,
        status=Clinic.Status.TEMPORARILY_CLOSED,
        closure_reason="Closed for renovation",
        city="Roseville",
        zip_code="95661",
        accepting_new_patients=False,
        conditions=[condition("anxiety")],
    )
    ClinicTreatmentFactory(
        clinic=foothill, treatment=treatment("kap"), price_min=300, price_max=300
    )
    closed = ClinicFactory(name="Closed For Good Clinic", status=Clinic.Status.CLOSED)
    ClinicTreatmentFactory(clinic=closed)
    draft = ClinicFactory(name="Imported Draft Clinic", status=Clinic.Status.DRAFT)
    ClinicTreatmentFactory(clinic=draft)
    hidden_at = ClinicFactory(name="Uncertified Spravato Clinic", zip_code="95818")
    ClinicTreatment.objects.create(
        clinic=hidden_at,
        treatment=treatment("spravato"),
        is_listed=False,
        hidden_reason=ClinicTreatment.HiddenReason.REMS_NOT_RECORDED,
    )
    return SimpleNamespace(
        riverside=riverside, foothill=foothill, closed=closed, draft=draft, hidden_at=hidden_at
    )


def get(client, path: str, **extra):
    """GET an API path; the parsed JSON body (or ndjson lines) and the response."""
    response = client.get(API + path, **extra)
    if response.streaming:
        body = b"".join(response.streaming_content).decode()
        return [json.loads(line) for line in body.splitlines()], response
    return (json.loads(response.content) if response.content else None), response
