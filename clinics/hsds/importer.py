"""Import organizations, locations and services from HSDS 3.0 data as draft clinics.

``manage.py import_hsds PATH`` reads either an HSDS JSON package (an array of
organizations, services or services at locations, nested as the API's full shapes;
our own ``/api/hsds/organizations?full=true&full_service=true&format=ndjson`` export
is one, one organization per line) or a tabular data package (``datapackage.json``
beside the CSV files), through clinics.hsds.packages. Every organization becomes a
**draft** clinic: unverified, in no public page, search, sitemap or open data, until a
directory admin reviews and lists it.

Matching: an organization whose id is an existing clinic's ``uuid``, or whose name,
street address and ZIP code are an existing clinic's, is that clinic. A matched draft
is updated; a matched clinic that is already public is left alone (skipped, with the
reason), because an import must not overwrite what the directory has verified. A new
clinic keeps the organization's id as its ``uuid``, so its services keep their ids.

All or nothing: every record is checked, every problem is reported with the record
it belongs to, and nothing is written unless every record is valid (one transaction).
``dry_run`` reports what would happen and writes nothing.

Read back from our own taxonomy (clinics.hsds.taxonomy) by term id or code:
treatment routes, conditions, insurance cover, payment options and listing facts.
Data from elsewhere is matched by name where it can be (a service named "IV infusion"
is that treatment); services whose treatment cannot be told are skipped and reported.
Holidays and special hours, and the free-text notes of offerings, are not imported.
"""

from __future__ import annotations

import copy
import datetime
import re
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from clinics import hours as clinic_hours
from clinics.hsds import schedules as hsds_schedules
from clinics.hsds.mapping import SAMPLE_DATA
from clinics.hsds.schedules import BYDAY
from clinics.hsds.taxonomy import DIRECTORY, Vocabulary
from clinics.models import (
    Clinic,
    ClinicTreatment,
    Condition,
    InsurancePlan,
    Language,
    OpeningHours,
    Treatment,
)
from clinics.services import _unique_clinic_slug, clinic_version_bump


@dataclass
class Outcome:
    record: str
    name: str
    action: str  # "created", "updated" or "skipped"
    reasons: list[str] = field(default_factory=list)


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)
    dry_run: bool = False

    @property
    def written(self) -> bool:
        return not self.dry_run and not self.errors

    def count(self, action: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.action == action)


# --- Turning records into clinics ----------------------------------------------------


class Reference:
    """The reference rows and our taxonomy, to read attributes and names back."""

    def __init__(self):
        self.vocabulary = Vocabulary.load()
        self.treatments = {t.slug: t for t in Treatment.objects.all()}
        self.conditions = {c.slug: c for c in Condition.objects.all()}
        self.plans = {p.slug: p for p in InsurancePlan.objects.all()}
        self.treatment_names = {t.name.casefold(): t for t in self.treatments.values()}

    def codes(self, item: dict) -> tuple[set[str], bool]:
        """Our term codes among an item's attributes, and whether it uses our taxonomy."""
        codes, ours = set(), False
        for attribute in item.get("attributes") or []:
            term = attribute.get("taxonomy_term") or {}
            found = None
            try:
                found = self.vocabulary.by_id.get(uuid.UUID(str(attribute.get("taxonomy_term_id"))))
            except ValueError:
                pass
            if found is None and term.get("code"):
                found = self.vocabulary.term(term["code"])
            if found is not None and found.taxonomy == DIRECTORY:
                codes.add(found.code)
                ours = True
            elif term.get("name"):
                codes.add("name:" + term["name"].casefold())
        return codes, ours


@dataclass
class Draft:
    """What one organization would become: the clinic and the rows that hang off it."""

    clinic: Clinic
    existing: Clinic | None
    conditions: list
    plans: list
    hours: list[tuple[int, datetime.time, datetime.time]]
    offers: list[tuple[Treatment, dict, list]]
    notes: list[str]


def _first(items, predicate=lambda item: True) -> dict:
    return next((item for item in items or [] if isinstance(item, dict) and predicate(item)), {})


def _text(value) -> str:
    return str(value).strip() if value is not None else ""


def _dollars(value) -> int | None:
    if value in (None, ""):
        return None
    amount = float(value)
    if amount < 0 or amount != int(amount):
        raise ValueError(f"{value} is not a whole number of dollars")
    return int(amount)


def _without_sample_prefix(text: str) -> str:
    return text[len(SAMPLE_DATA) :].strip() if text.startswith(SAMPLE_DATA) else text


def _hours(location: dict, today: datetime.date) -> list[tuple[int, datetime.time, datetime.time]]:
    """Weekly hours from a location's schedules: those valid today, as Pacific times."""
    weekly = [
        s
        for s in location.get("schedules") or []
        if _text(s.get("freq")).upper() in {"", "WEEKLY"}
        and s.get("byday")
        and s.get("opens_at")
        and s.get("closes_at")
        and not s.get("count")
    ]

    def valid(entry) -> tuple[datetime.date | None, datetime.date | None]:
        start, end = entry.get("valid_from"), entry.get("valid_to")
        return (
            datetime.date.fromisoformat(str(start)[:10]) if start else None,
            datetime.date.fromisoformat(str(end)[:10]) if end else None,
        )

    current = [s for s in weekly if _covers(valid(s), today)]
    if not current and weekly:
        # Nothing valid today: the earliest period the data gives.
        earliest = min((valid(s)[0] or datetime.date.min) for s in weekly)
        current = [s for s in weekly if (valid(s)[0] or datetime.date.min) == earliest]
    intervals = set()
    for entry in current:
        on = valid(entry)[0] or today
        opens = hsds_schedules.local_time(str(entry["opens_at"]), on)
        closes = hsds_schedules.local_time(str(entry["closes_at"]), on)
        for day in str(entry["byday"]).split(","):
            day = re.sub(r"^[+-]?\d+", "", day.strip().upper())
            if day not in BYDAY:
                raise ValueError(f"unknown day {day!r} in a schedule")
            intervals.add((BYDAY.index(day), opens, closes))
    return sorted(intervals)


def _covers(period, today) -> bool:
    start, end = period
    return (start is None or start <= today) and (end is None or today <= end)


# Clinic fields an organization record sets (the rest of a matched clinic stays).
HSDS_FIELDS = [
    "name",
    "status",
    "last_verified_on",
    "description",
    "street_address",
    "city",
    "state",
    "zip_code",
    "latitude",
    "longitude",
    "phone",
    "website",
    "email",
    "booking_url",
    "languages",
    "wheelchair_accessible",
]
# Clinic fields our taxonomy states as attributes present only when true.
YES_NO_FACTS = {
    "accepting_new_patients": "listing:accepting-new-patients",
    "referral_required": "listing:referral-required",
    "self_pay": "payment:self-pay",
    "accepts_hsa_fsa": "payment:hsa-fsa",
    "offers_financing": "payment:financing",
}

PRICE = re.compile(r"\$\s?([\d,]+)")
SESSIONS = re.compile(r"for (\d+) sessions?")


def _session_range(amount: int | None, description: str) -> tuple[int | None, int | None]:
    """(price_min, price_max) from a cost option: our "$450–$650", "from $400", "up to $600"."""
    described = [int(number.replace(",", "")) for number in PRICE.findall(description)]
    text = description.strip().casefold()
    if len(described) >= 2:
        return described[0], described[1]
    if text.startswith("from "):
        return amount, None
    if text.startswith("up to "):
        return None, amount
    return amount, amount


def _prices(service: dict) -> dict:
    """Per-session prices, the course price and the consultation fee, from cost options.

    Options named as ours are read as ours; the first other option in US dollars is
    taken as the per-session price.
    """
    prices = {}
    for option in service.get("cost_options") or []:
        currency = _text(option.get("currency")).upper()
        if currency and currency != "USD":
            continue
        name = _text(option.get("option")).casefold()
        description = _text(option.get("amount_description"))
        amount = _dollars(option.get("amount"))
        if "course" in name:
            sessions = SESSIONS.search(description)
            prices["course_price"] = amount
            prices["course_sessions"] = int(sessions.group(1)) if sessions else None
        elif "consultation" in name:
            prices["consult_fee"] = amount
        elif "price_min" not in prices:
            prices["price_min"], prices["price_max"] = _session_range(amount, description)
    return prices


def _match(org_id: uuid.UUID, name: str, street: str, zip_code: str) -> Clinic | None:
    """The clinic a record is: the same stable id, else the same name and address."""
    found = Clinic.objects.filter(uuid=org_id).first()
    if found is None and name and street:
        found = Clinic.objects.filter(
            name__iexact=name, street_address__iexact=street, zip_code=zip_code[:5]
        ).first()
    return found


def _fill_clinic(clinic: Clinic, record: dict, location: dict, address: dict) -> list[str]:
    """Copy an organization's own fields and its location's onto `clinic`; problems found."""
    errors = []
    clinic.name = _text(record.get("name"))
    clinic.status = Clinic.Status.DRAFT
    clinic.last_verified_on = None
    clinic.description = _without_sample_prefix(_text(record.get("description")))
    clinic.street_address = ", ".join(
        filter(None, [_text(address.get("address_1")), _text(address.get("address_2"))])
    )
    clinic.city = _text(address.get("city"))
    state = _text(address.get("state_province"))
    clinic.state = "CA" if state.casefold() in {"", "california", "calif."} else state.upper()
    if len(clinic.state) != 2:
        errors.append(f"state_province: use the two-letter code, not {state!r}.")
    postcode = _text(address.get("postal_code"))
    clinic.zip_code = postcode[:5] if re.fullmatch(r"\d{5}(-\d{4})?", postcode) else postcode
    clinic.latitude = location.get("latitude")
    clinic.longitude = location.get("longitude")
    phone = _first(record.get("phones")) or _first(location.get("phones"))
    clinic.phone = _text(phone.get("number"))
    clinic.website = _text(record.get("website"))
    clinic.email = _text(record.get("email"))
    schedule_link = _first(location.get("schedules"), lambda s: s.get("schedule_link"))
    clinic.booking_url = _text(schedule_link.get("schedule_link"))
    languages = location.get("languages") or []
    by_label = {label.casefold(): code for code, label in Language.choices}
    clinic.languages = sorted(
        {_text(item.get("code")).lower() for item in languages} & set(Language.values)
        | {
            by_label[n]
            for item in languages
            if (n := _text(item.get("name")).casefold()) in by_label
        }
    )
    clinic.wheelchair_accessible = any(
        "wheelchair" in (_text(a.get("description")) + " " + _text(a.get("details"))).casefold()
        for a in location.get("accessibility") or []
    )
    return errors


@dataclass
class ServicesRead:
    """What an organization's services say: offerings, and facts about the clinic."""

    offers: list = field(default_factory=list)
    conditions: dict = field(default_factory=dict)
    plans: dict = field(default_factory=dict)
    consult_fee: int | None = None
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _read_services(record: dict, reference: Reference) -> ServicesRead:
    read = ServicesRead()
    for service in record.get("services") or []:
        codes, _ = reference.codes(service)
        label = _text(service.get("name")) or _text(service.get("id"))
        slug = next((c.removeprefix("treatment:") for c in codes if c.startswith("treatment:")), "")
        treatment = reference.treatments.get(slug) or reference.treatment_names.get(
            _text(service.get("name")).casefold()
        )
        if treatment is None:
            read.notes.append(f"service {label!r} skipped: no treatment of ours matches it")
            continue
        if any(t is treatment for t, _, _ in read.offers):
            read.notes.append(f"service {label!r} skipped: {treatment.name} is listed twice")
            continue
        try:
            prices = _prices(service)
        except (TypeError, ValueError) as error:
            read.errors.append(f"service {label!r}: cost option: {error}.")
            prices = {}
        consult_fee = prices.pop("consult_fee", None)
        read.consult_fee = consult_fee if consult_fee is not None else read.consult_fee
        prices["rems_certified"] = "listing:rems-certified" in codes
        plans = [
            plan
            for slug, plan in reference.plans.items()
            if f"insurance:{slug}" in codes or "name:" + plan.name.casefold() in codes
        ]
        read.plans.update((plan.slug, plan) for plan in plans)
        read.offers.append((treatment, prices, plans))
        for slug, condition in reference.conditions.items():
            if f"condition:{slug}" in codes or "name:" + condition.name.casefold() in codes:
                read.conditions[slug] = condition
    return read


def build_draft(record: dict, reference: Reference, today: datetime.date) -> Draft:
    """The draft clinic an organization record describes. Raises ValidationError."""
    try:
        org_id = uuid.UUID(_text(record.get("id")))
    except ValueError:
        raise ValidationError("The organization has no valid id (a UUID).") from None
    location = _first(
        record.get("locations"), lambda loc: _text(loc.get("location_type")) in {"", "physical"}
    )
    address = _first(
        location.get("addresses"), lambda a: _text(a.get("address_type")) in {"", "physical"}
    )
    clinic = Clinic(uuid=org_id)
    errors = _fill_clinic(clinic, record, location, address)
    existing = _match(org_id, clinic.name, clinic.street_address, clinic.zip_code)
    if existing is not None:
        # A matched clinic keeps its id, slug and what HSDS does not carry (its director…).
        fresh = clinic
        clinic = copy.copy(existing)
        for name in HSDS_FIELDS:
            setattr(clinic, name, getattr(fresh, name))
    services = _read_services(record, reference)
    errors += services.errors
    if services.consult_fee is not None:
        clinic.consult_fee = services.consult_fee
    codes, ours = reference.codes(record)
    for service in record.get("services") or []:
        service_codes, service_ours = reference.codes(service)
        codes |= service_codes
        ours = ours or service_ours
    clinic.is_demo = "listing:sample-data" in codes or _text(record.get("description")).startswith(
        SAMPLE_DATA
    )
    if ours:
        # Our own export states yes/no facts as attributes, present only when true.
        for name, code in YES_NO_FACTS.items():
            setattr(clinic, name, code in codes)
    try:
        hours = _hours(location, today)
    except (TypeError, ValueError) as error:
        errors.append(f"schedules: {error}.")
        hours = []
    errors += [
        f"schedules: {BYDAY[weekday]} closes ({closes:%H:%M}) before it opens ({opens:%H:%M})."
        for weekday, opens, closes in hours
        if opens >= closes
    ]
    try:
        clinic.full_clean(exclude=["slug"])
    except ValidationError as error:
        errors += [
            f"{name}: {'; '.join(messages)}" for name, messages in error.message_dict.items()
        ]
    if errors:
        raise ValidationError(errors)
    return Draft(
        clinic,
        existing,
        list(services.conditions.values()),
        list(services.plans.values()),
        hours,
        services.offers,
        services.notes,
    )


def _changed(draft: Draft) -> bool:
    """Whether saving the draft would change the matched clinic."""
    existing = draft.existing
    fields = [
        f.attname
        for f in Clinic._meta.concrete_fields
        if f.attname not in {"id", "version", "created_at", "updated_at", "slug"}
    ]
    if any(getattr(existing, f) != getattr(draft.clinic, f) for f in fields):
        return True
    if {c.pk for c in draft.conditions} != set(existing.conditions.values_list("pk", flat=True)):
        return True
    hours = set(existing.opening_hours.values_list("weekday", "opens", "closes"))
    if hours != set(draft.hours):
        return True
    keys = ["price_min", "price_max", "course_price", "course_sessions", "rems_certified"]
    offers = {
        (offer.treatment_id, *(getattr(offer, key) for key in keys))
        for offer in existing.clinic_treatments.all()
    }
    wanted = {
        (t.pk, *(p.get(key, False if key == "rems_certified" else None) for key in keys))
        for t, p, _ in draft.offers
    }
    return offers != wanted


def _save(draft: Draft) -> None:
    clinic = draft.clinic
    if draft.existing is None:
        clinic.slug = _unique_clinic_slug(clinic.name)
    else:
        # An import is an edit like any other: it moves the optimistic-locking version on.
        clinic.version = clinic_version_bump(clinic=clinic, expected_version=None)
    clinic._change_reason = "Imported from HSDS data (manage.py import_hsds)"
    clinic.save()
    clinic.conditions.set(draft.conditions)
    clinic.insurance_plans.set(draft.plans)
    clinic.opening_hours.all().delete()
    OpeningHours.objects.bulk_create(
        OpeningHours(clinic=clinic, weekday=w, opens=o, closes=c) for w, o, c in draft.hours
    )
    clinic.clinic_treatments.all().delete()
    for treatment, prices, plans in draft.offers:
        offering = ClinicTreatment(clinic=clinic, treatment=treatment, **prices)
        if treatment.requires_rems and not offering.rems_certified:
            # As an approved listing request does: hidden until someone records it.
            offering.is_listed = False
            offering.hidden_reason = ClinicTreatment.HiddenReason.REMS_NOT_RECORDED
        offering.full_clean(exclude=["clinic"], validate_unique=False)
        offering.save()
        offering.insurance_plans.set(plans)


@transaction.atomic
def hsds_package_import(*, organizations: list[dict], dry_run: bool = False) -> Report:
    """Import organizations as draft clinics, all or nothing (see the module docstring)."""
    report = Report(dry_run=dry_run)
    reference = Reference()
    today = clinic_hours.pacific_today()
    seen = set()
    for index, record in enumerate(organizations, start=1):
        named = _text(record.get("name")) or _text(record.get("id")) or "unnamed"
        label = f"organization {index} ({named})"
        try:
            draft = build_draft(record, reference, today)
        except ValidationError as error:
            report.errors[label] = error.messages
            continue
        key = draft.clinic.uuid
        if key in seen:
            report.errors[label] = [
                "Another organization in the package has the same id or name and address."
            ]
            continue
        seen.add(key)
        outcome = Outcome(str(key), draft.clinic.name, "created", list(draft.notes))
        if draft.existing is not None and draft.existing.status != Clinic.Status.DRAFT:
            outcome.action = "skipped"
            outcome.reasons.insert(
                0,
                f"already in the directory as {draft.existing.get_status_display().lower()} "
                f"(/clinics/{draft.existing.slug}/); edit it there",
            )
        elif draft.existing is not None and not _changed(draft):
            outcome.action = "skipped"
            outcome.reasons.insert(0, "no changes")
        else:
            if draft.existing is not None:
                outcome.action = "updated"
            try:
                with transaction.atomic():
                    _save(draft)
            except ValidationError as error:
                report.errors[label] = error.messages
                continue
            except IntegrityError as error:
                report.errors[label] = [str(error).splitlines()[0]]
                continue
        report.outcomes.append(outcome)
    if report.errors or dry_run:
        transaction.set_rollback(True)
    return report
