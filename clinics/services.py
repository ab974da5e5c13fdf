"""Multi-step writes for the clinic directory: keyword-only arguments, atomic, named thing_verb.

Writes done on a user's behalf ask clinics.permissions first and raise PermissionDenied,
so the admin, the shell and any future API obey the same rules.
"""

import hashlib
import hmac
import logging
from collections.abc import Iterable
from datetime import time, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from clinics import permissions
from clinics.models import Clinic, ClinicTreatment, OpeningHours, ProblemReport, Treatment

# --- Problem reports from the public ---

problem_report_logger = logging.getLogger("clinics.problem_reports")

PROBLEM_REPORT_LIMIT = 5
PROBLEM_REPORT_WINDOW = timedelta(hours=1)
# First key of the two-key advisory lock, so ours never collide with other locks.
PROBLEM_REPORT_LOCK_NAMESPACE = 404_001


class ProblemReportRateLimited(Exception):
    """The sender has already sent PROBLEM_REPORT_LIMIT reports within the window."""

    message = "You've sent several reports in the last hour. Please try again later."

    def __init__(self, message: str | None = None):
        super().__init__(message or self.message)


def problem_report_fingerprint(ip_address: str) -> str:
    """A keyed hash of the sender's IP address, so we can count without keeping the IP."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, ip_address.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def problem_report_submit(
    *,
    clinic: Clinic,
    category: str,
    details: str = "",
    reply_email: str = "",
    ip_address: str,
) -> ProblemReport:
    """Store a report from the public, unless this sender has sent too many lately.

    Raises ProblemReportRateLimited when the sender's fingerprint already has
    PROBLEM_REPORT_LIMIT reports in the last PROBLEM_REPORT_WINDOW.
    """
    fingerprint = problem_report_fingerprint(ip_address)
    with connection.cursor() as cursor:
        # Serialise submissions from one sender until this transaction ends, so
        # parallel requests cannot all pass the count below at the same time.
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, %s)",
            [PROBLEM_REPORT_LOCK_NAMESPACE, int(fingerprint[:7], 16)],
        )
    since = timezone.now() - PROBLEM_REPORT_WINDOW
    recent = ProblemReport.objects.filter(
        sender_fingerprint=fingerprint, created_at__gte=since
    ).count()
    if recent >= PROBLEM_REPORT_LIMIT:
        problem_report_logger.info(
            "Problem report refused by the rate limit (sender %s…).", fingerprint[:8]
        )
        raise ProblemReportRateLimited
    report = ProblemReport(
        clinic=clinic,
        category=category,
        details=details,
        reply_email=reply_email,
        sender_fingerprint=fingerprint,
    )
    # The clinic row is already loaded; skip re-checking that it exists.
    report.full_clean(exclude=["clinic"])
    report.save()
    return report


# --- Admin: verification, concurrency, problem-report queue ---


class ClinicEditConflict(Exception):
    """The clinic was saved by someone else since this edit was loaded."""


@transaction.atomic
def clinic_verify(*, clinic: Clinic, user) -> Clinic:
    """A directory admin checked the listing against the clinic: it counts as verified today."""
    if not permissions.can_verify_clinic(user, clinic):
        raise PermissionDenied("You may not mark this clinic verified.")
    clinic.last_verified_on = timezone.localdate()
    clinic.verified_by = user
    clinic.version = clinic_version_bump(clinic=clinic, expected_version=None)
    clinic._history_user = user
    clinic.save(update_fields=["last_verified_on", "verified_by", "version", "updated_at"])
    return clinic


@transaction.atomic
def clinic_confirm_accuracy(*, clinic: Clinic, user) -> Clinic:
    """Clinic staff say the details are still right; recorded apart from verification."""
    if not permissions.can_confirm_clinic_accuracy(user, clinic):
        raise PermissionDenied("You may not confirm this clinic's details.")
    clinic.staff_confirmed_on = timezone.localdate()
    clinic.staff_confirmed_by = user
    clinic.version = clinic_version_bump(clinic=clinic, expected_version=None)
    clinic._history_user = user
    clinic.save(update_fields=["staff_confirmed_on", "staff_confirmed_by", "version", "updated_at"])
    return clinic


def clinic_version_bump(*, clinic: Clinic, expected_version: int | None) -> int:
    """Increment the clinic's version in the database and return the new value.

    With expected_version, the UPDATE only matches while the row still has that
    version, so two saves that both started from it cannot both succeed: the
    second raises ClinicEditConflict. Without it, the bump is unconditional (used
    by one-click actions that do not overwrite what others typed).
    """
    rows = Clinic.objects.filter(pk=clinic.pk)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    if rows.update(version=F("version") + 1) != 1:
        raise ClinicEditConflict
    return Clinic.objects.filter(pk=clinic.pk).values_list("version", flat=True).get()


@transaction.atomic
def clinic_opening_hours_set(
    *, clinic: Clinic, intervals: Iterable[tuple[int, time, time]], user
) -> None:
    """Make the clinic's weekly hours exactly these (weekday, opens, closes) intervals.

    Intervals that stay as they were keep their rows, so the hours history shows only
    what changed. The admin calls this in the transaction that saves the clinic, whose
    save moves the clinic's version on. Raises ValidationError for an interval the
    database would refuse (closing before opening, a weekday outside 0-6).
    """
    if not permissions.can_change_clinic(user, clinic):
        raise PermissionDenied("You may not change this clinic's opening hours.")
    wanted = set(intervals)
    current = {
        (row.weekday, row.opens, row.closes): row
        for row in clinic.opening_hours.select_for_update()
    }
    # Removed first: a new interval may start when a removed one did (one row per start).
    for key, row in current.items():
        if key not in wanted:
            row._history_user = user
            row.delete()
    for weekday, opens, closes in sorted(wanted - current.keys()):
        row = OpeningHours(clinic=clinic, weekday=weekday, opens=opens, closes=closes)
        row.full_clean(exclude=["clinic"])
        row._history_user = user
        row.save()


@transaction.atomic
def problem_report_set_status(
    *, report: ProblemReport, status: str, user, staff_notes: str | None = None
) -> ProblemReport:
    """Move a report through the queue; handled_by/handled_at record who closed it and when."""
    if not permissions.can_handle_problem_report(user, report):
        raise PermissionDenied("You may not change the status of this report.")
    if status not in ProblemReport.Status.values:
        raise ValueError(f"Unknown problem report status {status!r}.")
    if staff_notes is not None:
        report.staff_notes = staff_notes
    if status != report.status:
        report.status = status
        if status == ProblemReport.Status.NEW:
            report.handled_at = None
            report.handled_by = None
        else:
            report.handled_at = timezone.now()
            report.handled_by = user
    report.save(update_fields=["status", "staff_notes", "handled_at", "handled_by"])
    return report


# --- Treatments a clinic offers ---
#
# A treatment that requires REMS certification (Spravato) is listed only where the
# clinic is certified: ClinicTreatment.clean() refuses it in words, and the database
# refuses it again (migration 0010). An offering hidden for want of certification stays
# hidden until the certification is recorded.


@transaction.atomic
def clinic_treatment_offer(
    *,
    clinic: Clinic,
    treatment: Treatment,
    user,
    price_min: int | None = None,
    price_max: int | None = None,
    rems_certified: bool = False,
    notes: str = "",
) -> ClinicTreatment:
    """List a treatment at a clinic, or update its prices, certification and notes.

    Raises ValidationError for a treatment that requires REMS certification the clinic
    does not have, and PermissionDenied for a clinic the user may not change.
    """
    if not permissions.can_change_clinic(user, clinic):
        raise PermissionDenied("You may not change this clinic's treatments.")
    offering = ClinicTreatment.objects.select_for_update().filter(
        clinic=clinic, treatment=treatment
    ).first() or ClinicTreatment(clinic=clinic, treatment=treatment)
    offering.price_min, offering.price_max = price_min, price_max
    offering.rems_certified = rems_certified
    offering.notes = notes
    offering.full_clean()
    offering._history_user = user
    offering.save()
    return offering


def clinic_treatments_plan(
    *, clinic: Clinic, treatments: Iterable[Treatment], rems_certified_for: Iterable[Treatment]
) -> list[ClinicTreatment]:
    """The offerings a clinic would have with exactly these treatments, checked, unsaved.

    Existing offerings keep their prices, notes and (if hidden) their hidden state; new
    ones have no price. Raises one ValidationError with every refusal, each starting
    with the treatment's slug, so an import can show them all as one row's errors.
    """
    treatments = list(dict.fromkeys(treatments))
    certified = set(rems_certified_for)
    if stray := sorted(t.slug for t in certified - set(treatments)):
        raise ValidationError(
            f"Certified for a treatment the clinic does not offer: {', '.join(stray)}.",
            code="rems_not_offered",
        )
    current = clinic.clinic_treatments.all() if clinic.pk else []
    existing = {offer.treatment_id: offer for offer in current}
    planned, errors = [], []
    for treatment in treatments:
        offering = existing.get(treatment.pk) or ClinicTreatment(treatment=treatment)
        offering.clinic = clinic
        offering.rems_certified = treatment in certified
        try:
            offering.full_clean(exclude=["clinic"], validate_unique=False)
        except ValidationError as exc:
            errors += [f"{treatment.slug}: {message}" for message in exc.messages]
        planned.append(offering)
    if errors:
        raise ValidationError(errors, code="invalid_treatments")
    return planned


@transaction.atomic
def clinic_treatments_set(
    *, clinic: Clinic, treatments: Iterable[Treatment], rems_certified_for: Iterable[Treatment]
) -> None:
    """Make the clinic offer exactly these treatments (the CSV import's two columns).

    Offerings not named are removed; see clinic_treatments_plan for the rest.
    """
    planned = clinic_treatments_plan(
        clinic=clinic, treatments=treatments, rems_certified_for=rems_certified_for
    )
    certified_before = dict(clinic.clinic_treatments.values_list("pk", "rems_certified"))
    clinic.clinic_treatments.exclude(pk__in=[o.pk for o in planned if o.pk]).delete()
    for offering in planned:
        # Unchanged rows are not saved again, so their history stays quiet.
        if offering.pk is None or certified_before[offering.pk] != offering.rems_certified:
            offering.save()
