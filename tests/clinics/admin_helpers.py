"""Shared helpers for the admin tests: form payloads and a database snapshot."""

from __future__ import annotations

import datetime

from django.utils import timezone

from clinics.admin_forms import DAY_KEYS, format_time_of_day
from clinics.models import Clinic, ClinicMembership, ClinicTreatment, OpeningHours, ProblemReport


def management_form(prefix: str, total: int = 0, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def clinic_post_data(
    clinic: Clinic, *, hours=None, treatments=None, exceptions=None, **overrides
) -> dict:
    """Everything the clinic change form posts, as an unchanged save would send it.

    `hours` is the whole week as a list of {"weekday", "opens", "closes"} dicts (times as
    datetime.time or "HH:MM"), sent through the weekly hours editor; `treatments` and
    `exceptions` (holiday and special hours) are lists of dicts for the inline rows (with
    "id" for existing rows). By default the clinic's current hours, treatments (with the
    plans covering each) and upcoming exceptions are sent back unchanged.
    """
    clinic.refresh_from_db()
    data = {
        "name": clinic.name,
        "slug": clinic.slug,
        "status": clinic.status,
        "description": clinic.description,
        "loaded_version": str(clinic.version),
        "street_address": clinic.street_address,
        "city": clinic.city,
        "state": clinic.state,
        "zip_code": clinic.zip_code,
        "latitude": "" if clinic.latitude is None else str(clinic.latitude),
        "longitude": "" if clinic.longitude is None else str(clinic.longitude),
        "phone": clinic.phone,
        "website": clinic.website,
        "email": clinic.email,
        "booking_url": clinic.booking_url,
        "languages": list(clinic.languages),
        "conditions": [str(pk) for pk in clinic.conditions.values_list("pk", flat=True)],
        "insurance_plans": [str(pk) for pk in clinic.insurance_plans.values_list("pk", flat=True)],
        "medical_director": clinic.medical_director,
        "clinician_credentials": list(clinic.clinician_credentials),
        "closure_reason": clinic.closure_reason,
        "reopens_on": "" if clinic.reopens_on is None else clinic.reopens_on.isoformat(),
        "consult_fee": "" if clinic.consult_fee is None else str(clinic.consult_fee),
    }
    for flag in (
        "is_demo",
        "accepting_new_patients",
        "referral_required",
        "wheelchair_accessible",
        "self_pay",
        "accepts_hsa_fsa",
        "offers_financing",
    ):
        if getattr(clinic, flag):
            data[flag] = "on"

    if hours is None:
        hours = [
            {"weekday": row.weekday, "opens": row.opens, "closes": row.closes}
            for row in clinic.opening_hours.all()
        ]
    if treatments is None:
        treatments = [
            {
                "id": row.pk,
                "treatment": row.treatment_id,
                "price_min": row.price_min,
                "price_max": row.price_max,
                "course_price": row.course_price,
                "course_sessions": row.course_sessions,
                "insurance_plans": [
                    str(pk) for pk in row.insurance_plans.values_list("pk", flat=True)
                ],
                "rems_certified": "on" if row.rems_certified else "",
            }
            for row in clinic.clinic_treatments.all()
        ]
    if exceptions is None:
        since = timezone.localdate() - datetime.timedelta(days=1)
        exceptions = [
            {
                "id": row.pk,
                "date": row.date.isoformat(),
                "closed": "on" if row.closed else "",
                **{
                    name: ""
                    if getattr(row, name) is None
                    else format_time_of_day(getattr(row, name))
                    for name in ("opens", "closes", "reopens", "closes_again")
                },
                "note": row.note,
            }
            for row in clinic.hours_exceptions.filter(date__gte=since)
        ]
    data.update(weekly_hours(hours))
    data.update(_inline_rows("clinic_treatments", clinic, treatments))
    data.update(_inline_rows("hours_exceptions", clinic, exceptions))
    data.update(management_form("memberships", 0, 0))
    data.update(overrides)
    return data


def weekly_hours(hours: list[dict]) -> dict[str, str]:
    """The weekly hours editor's fields for these intervals, as a browser would post them."""
    data = {}
    for weekday, key in enumerate(DAY_KEYS):
        intervals = sorted(
            (_time(row["opens"]), _time(row["closes"]))
            for row in hours
            if int(row["weekday"]) == weekday
        )
        if not intervals:
            data[f"hours-{key}_closed"] = "on"
        for number, (opens, closes) in enumerate(intervals, start=1):
            data[f"hours-{key}_opens_{number}"] = format_time_of_day(opens)
            data[f"hours-{key}_closes_{number}"] = format_time_of_day(closes)
    return data


def _time(value) -> datetime.time:
    return value if isinstance(value, datetime.time) else datetime.time.fromisoformat(value)


def _inline_rows(prefix: str, clinic: Clinic, rows: list[dict]) -> dict:
    data = management_form(prefix, total=len(rows), initial=sum(1 for r in rows if "id" in r))
    for index, row in enumerate(rows):
        data[f"{prefix}-{index}-clinic"] = str(clinic.pk)
        for key, value in row.items():
            if key == "DELETE":
                if value:
                    data[f"{prefix}-{index}-DELETE"] = "on"
                continue
            if isinstance(value, list):  # a multiple choice, e.g. checkboxes
                data[f"{prefix}-{index}-{key}"] = [str(item) for item in value]
                continue
            if hasattr(value, "strftime"):
                value = value.strftime("%H:%M")
            data[f"{prefix}-{index}-{key}"] = "" if value is None else str(value)
    return data


def db_snapshot() -> dict[str, list]:
    """Every row the admin could change, to prove a refused request changed nothing."""
    return {
        "clinics": list(Clinic.objects.order_by("pk").values()),
        "conditions": list(
            Clinic.conditions.through.objects.order_by("pk").values_list("clinic", "condition")
        ),
        "hours": list(OpeningHours.objects.order_by("pk").values()),
        "treatments": list(ClinicTreatment.objects.order_by("pk").values()),
        "memberships": list(ClinicMembership.objects.order_by("pk").values()),
        "reports": list(ProblemReport.objects.order_by("pk").values()),
    }
