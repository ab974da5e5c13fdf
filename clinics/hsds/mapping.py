"""The directory's clinics as HSDS 3.0 records (README: "Open data" has the full mapping).

A clinic is an organization with one physical location; each treatment it lists
publicly (``ClinicTreatment.objects.listed()``) is a service, delivered at that
location (a service_at_location). Every record comes in two shapes, as the HSDS API
reference asks: the "list" shape (one-to-one fields, plus the organization of a
service) and the "full" shape (everything nested).

Only what the public pages already show is published: no staff accounts or their
e-mail addresses (``assurer_email`` stays empty), no problem reports, no history.
Demo clinics say they are sample data in the records themselves (an alert, a
description prefix and the ``listing:sample-data`` attribute).

The functions read the related rows that clinics.hsds.queries prefetches; none of them
runs a query.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

import phonenumbers
from django.conf import settings

from clinics.hsds import ids
from clinics.hsds.schedules import exception_schedules, schedules
from clinics.hsds.taxonomy import DIRECTORY, TAXONOMIES, Taxonomy, Term, Vocabulary
from clinics.models import Clinic, ClinicTreatment, Language

STATUS = {
    Clinic.Status.LISTED: "active",
    Clinic.Status.TEMPORARILY_CLOSED: "temporarily closed",
    # Never published (listed() leaves them out); mapped for completeness.
    Clinic.Status.CLOSED: "defunct",
    Clinic.Status.DRAFT: "inactive",
}
SAMPLE_DATA = "Sample data: a fictional clinic from the directory's demonstration data."
FDA_WARNING = (
    "In October 2023 the FDA warned about compounded ketamine, including tablets and "
    "lozenges taken at home: it is not FDA-approved for any mental health condition and "
    "carries risks such as slowed breathing, raised blood pressure and misuse "
    "(https://www.fda.gov/drugs/human-drug-compounding)."
)


@dataclass
class Context:
    """What the full shapes need beyond the rows: the taxonomy and today's date."""

    vocabulary: Vocabulary
    today: datetime.date


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def timestamp(moment: datetime.datetime) -> str:
    """UTC with milliseconds, as HSDS asks for last_modified."""
    utc = moment.astimezone(datetime.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."


# --- Organization and location ----------------------------------------------------


def organization_description(clinic: Clinic) -> str:
    text = clinic.description.strip() or (
        f"{clinic.name} offers ketamine treatment in {clinic.city}, {clinic.state}."
    )
    return f"{SAMPLE_DATA} {text}" if clinic.is_demo else text


def organization_list(clinic: Clinic) -> dict:
    data = {
        "id": str(clinic.uuid),
        "name": clinic.name,
        "description": organization_description(clinic),
    }
    if clinic.email:
        data["email"] = clinic.email
    if clinic.website:
        data["website"] = clinic.website
    return data


def organization_full(clinic: Clinic, context: Context, *, full_services: bool) -> dict:
    offers = clinic.clinic_treatments.all()
    return {
        **organization_list(clinic),
        "phones": [_phone(clinic, ids.child_id(clinic.uuid, "phone:main"), "organization_id")],
        "locations": [location_full(clinic, context)],
        "services": [
            _service_fields(offer) | (_service_nested(offer, context) if full_services else {})
            for offer in offers
        ],
        "attributes": _clinic_attributes(clinic, context),
    }


def location_list(clinic: Clinic) -> dict:
    data = {
        "id": str(ids.location_id(clinic.uuid)),
        "location_type": "physical",
        "organization_id": str(clinic.uuid),
        "name": clinic.name,
    }
    if clinic.latitude is not None and clinic.longitude is not None:
        data["latitude"] = clinic.latitude
        data["longitude"] = clinic.longitude
    return data


def location_full(clinic: Clinic, context: Context) -> dict:
    location_id = ids.location_id(clinic.uuid)
    return {
        **location_list(clinic),
        "addresses": [
            {
                "id": str(ids.child_id(location_id, "address:physical")),
                "location_id": str(location_id),
                "address_1": clinic.street_address,
                "city": clinic.city,
                "state_province": clinic.state,
                "postal_code": clinic.zip_code,
                "country": "US",
                "address_type": "physical",
            }
        ],
        "phones": [_phone(clinic, ids.child_id(location_id, "phone:main"), "location_id")],
        "languages": [
            {
                "id": str(ids.child_id(location_id, f"language:{code}")),
                "location_id": str(location_id),
                "name": Language(code).label,
                "code": code,
            }
            for code in clinic.languages
            if code in Language.values
        ],
        "accessibility": (
            [
                {
                    "id": str(ids.child_id(location_id, "accessibility:wheelchair")),
                    "location_id": str(location_id),
                    "description": "Wheelchair accessible.",
                }
            ]
            if clinic.wheelchair_accessible
            else []
        ),
        "schedules": schedules(
            clinic.opening_hours.all(),
            location_id=location_id,
            today=context.today,
            link=clinic.booking_url,
        )
        + exception_schedules(
            getattr(clinic, "upcoming_hours_exceptions", []), location_id=location_id
        ),
        "attributes": _flag_attributes(clinic, location_id, "location", context),
    }


def _phone(clinic: Clinic, phone_id: uuid.UUID, owner_field: str) -> dict:
    owner = clinic.uuid if owner_field == "organization_id" else ids.location_id(clinic.uuid)
    return {
        "id": str(phone_id),
        owner_field: str(owner),
        "number": _international(clinic.phone),
        "type": "voice",
    }


def _international(phone: str) -> str:
    try:
        number = phonenumbers.parse(phone, "US")
    except phonenumbers.NumberParseException:
        return phone
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


# --- Services -------------------------------------------------------------------


def _service_fields(offer: ClinicTreatment) -> dict:
    """A service's one-to-one fields."""
    clinic, treatment = offer.clinic, offer.treatment
    data = {
        "id": str(ids.service_id(clinic.uuid, treatment.slug)),
        "organization_id": str(clinic.uuid),
        "name": treatment.name,
        "alternate_name": f"{treatment.name} at {clinic.name}",
        "description": treatment.description.strip() or treatment.name,
        "url": absolute(clinic.get_absolute_url()),
        "status": STATUS[clinic.status],
        "application_process": _application_process(clinic),
        "fees_description": _fees_description(offer),
        "last_modified": timestamp(clinic.updated_at),
    }
    if clinic.email:
        data["email"] = clinic.email
    conditions = [condition.name for condition in clinic.conditions.all()]
    if conditions:
        data["eligibility_description"] = "For people with: " + ", ".join(conditions) + "."
    if clinic.last_verified_on:
        data["assured_date"] = clinic.last_verified_on.isoformat()
    alerts = []
    if clinic.status == Clinic.Status.TEMPORARILY_CLOSED:
        alerts.append(_closure(clinic))
    if treatment.fda_compounding_warning:
        alerts.append(FDA_WARNING)
    if clinic.is_demo:
        alerts.append(SAMPLE_DATA)
    if alerts:
        data["alert"] = " ".join(alerts)
    return data


def _closure(clinic: Clinic) -> str:
    text = "This clinic is temporarily closed"
    if clinic.closure_reason:
        text += f": {clinic.closure_reason.strip().rstrip('.')}"
    text += "."
    if clinic.reopens_on:
        day = clinic.reopens_on
        text += f" It expects to reopen on {day:%B} {day.day}, {day.year}."
    return text


def _application_process(clinic: Clinic) -> str:
    how = f"Call {clinic.phone_display}"
    if clinic.booking_url:
        how += f" or book online at {clinic.booking_url}"
    parts = [how + "."]
    if clinic.referral_required:
        parts.append("A referral from another clinician is needed first.")
    if not clinic.accepting_new_patients:
        parts.append("Not taking new patients at the moment.")
    return " ".join(parts)


def _fees_description(offer: ClinicTreatment) -> str:
    clinic = offer.clinic
    parts = []
    if offer.price_display:
        parts.append(f"Self-pay {offer.price_display} per session.")
    if offer.course_price_display:
        parts.append(f"A full course: {offer.course_price_display}.")
    if clinic.consult_fee is not None:
        parts.append(f"First consultation ${clinic.consult_fee:,}.")
    if offer.notes:
        parts.append(_sentence(offer.notes))
    if not clinic.self_pay:
        parts.append("The clinic does not take self-pay patients.")
    if clinic.accepts_hsa_fsa:
        parts.append("HSA/FSA accepted.")
    if clinic.offers_financing:
        parts.append("Financing offered.")
    return " ".join(parts) or "Ask the clinic about prices."


def _cost_options(offer: ClinicTreatment, service_id: uuid.UUID) -> list[dict]:
    """Self-pay prices in US dollars: per session (amount: the lowest), course, consultation."""

    def option(key: str, name: str, amount: int, description: str) -> dict:
        return {
            "id": str(ids.child_id(service_id, f"cost_option:{key}")),
            "service_id": str(service_id),
            "option": name,
            "currency": "USD",
            "amount": amount,
            "amount_description": description,
        }

    options = []
    low = offer.price_min if offer.price_min is not None else offer.price_max
    if low is not None:
        options.append(
            option("self-pay", "Self-pay, per session", low, f"{offer.price_display} per session")
        )
    if offer.course_price is not None:
        options.append(
            option(
                "course",
                "Self-pay, full course",
                offer.course_price,
                offer.course_price_display,
            )
        )
    if offer.clinic.consult_fee is not None:
        options.append(
            option(
                "consultation",
                "First consultation",
                offer.clinic.consult_fee,
                "The first visit or assessment",
            )
        )
    return options


def _service_nested(offer: ClinicTreatment, context: Context) -> dict:
    """What the full shape adds to a service inside its organization."""
    service_id = ids.service_id(offer.clinic.uuid, offer.treatment.slug)
    return {
        "cost_options": _cost_options(offer, service_id),
        "attributes": _service_attributes(offer, service_id, context),
    }


def service_list(offer: ClinicTreatment) -> dict:
    return {**_service_fields(offer), "organization": organization_list(offer.clinic)}


def service_full(offer: ClinicTreatment, context: Context) -> dict:
    clinic = offer.clinic
    return {
        **service_list(offer),
        "service_at_locations": [
            {
                **_service_at_location_ids(offer),
                "location": location_full(clinic, context),
            }
        ],
        **_service_nested(offer, context),
    }


def _service_at_location_ids(offer: ClinicTreatment) -> dict:
    clinic, slug = offer.clinic, offer.treatment.slug
    return {
        "id": str(ids.service_at_location_id(clinic.uuid, slug)),
        "service_id": str(ids.service_id(clinic.uuid, slug)),
        "location_id": str(ids.location_id(clinic.uuid)),
    }


def service_at_location_list(offer: ClinicTreatment) -> dict:
    return {
        **_service_at_location_ids(offer),
        "location": location_list(offer.clinic),
        "service": service_list(offer),
    }


def service_at_location_full(offer: ClinicTreatment, context: Context) -> dict:
    return {
        **_service_at_location_ids(offer),
        "location": location_full(offer.clinic, context),
        "service": {**service_list(offer), **_service_nested(offer, context)},
    }


# --- Attributes and the taxonomy ------------------------------------------------------


def _attribute(term: Term, link_id: uuid.UUID, link_entity: str) -> dict:
    return {
        "id": str(ids.child_id(link_id, f"attribute:{term.taxonomy}:{term.code}")),
        "link_id": str(link_id),
        "taxonomy_term_id": str(term.id),
        "link_type": term.group if term.taxonomy == DIRECTORY else "open_eligibility",
        "link_entity": link_entity,
        "taxonomy_term": taxonomy_term(term),
    }


def _flag_attributes(clinic, link_id, link_entity: str, context: Context) -> list[dict]:
    sample = context.vocabulary.term("listing:sample-data")
    return [_attribute(sample, link_id, link_entity)] if clinic.is_demo and sample else []


def _clinic_attributes(clinic: Clinic, context: Context) -> list[dict]:
    """Yes/no facts about the clinic as a whole (payment, new patients, sample data…)."""
    return [
        _attribute(term, clinic.uuid, "organization")
        for term in context.vocabulary.flags
        if term.clinic_level and term.applies(clinic, None)
    ]


def _service_attributes(offer: ClinicTreatment, service_id, context: Context) -> list[dict]:
    vocabulary, clinic = context.vocabulary, offer.clinic
    codes = [f"treatment:{offer.treatment.slug}"]
    codes += [f"condition:{condition.slug}" for condition in clinic.conditions.all()]
    codes += [f"insurance:{plan.slug}" for plan in offer.insurance_plans.all()]
    codes += [term.code for term in vocabulary.flags if term.applies(clinic, offer)]
    terms = [term for term in map(vocabulary.term, codes) if term is not None]
    linked = {}
    for term in terms:
        for external in vocabulary.open_eligibility_terms(term):
            linked.setdefault(external.code, external)
    return [_attribute(term, service_id, "service") for term in [*terms, *linked.values()]]


def taxonomy(item: Taxonomy) -> dict:
    data = {"id": str(item.id), "name": item.name, "description": item.description}
    data["uri"] = item.uri or absolute("/open-data/#taxonomy")
    if item.version:
        data["version"] = item.version
    return data


def taxonomy_term(term: Term, *, detail: bool = False) -> dict:
    parent = TAXONOMIES[term.taxonomy]
    data = {
        "id": str(term.id),
        "code": term.code,
        "name": term.name,
        "description": term.description,
        "taxonomy": parent.name,
        "taxonomy_id": str(parent.id),
        "language": "en",
    }
    if term.parent_id:
        data["parent_id"] = str(term.parent_id)
    if detail:
        data["taxonomy_detail"] = taxonomy(parent)
    return data
