"""Multi-step writes for the clinic directory: keyword-only arguments, atomic, named thing_verb."""

import hashlib
import hmac
import logging
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from clinics.models import Clinic, ProblemReport

# --- Problem reports from the public (issue 4) ---

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


# --- Admin: verification, concurrency, problem-report queue (issue 4) ---


class ClinicEditConflict(Exception):
    """The clinic was saved by someone else since this edit was loaded."""


@transaction.atomic
def clinic_verify(*, clinic: Clinic, user) -> Clinic:
    """A directory admin checked the listing against the clinic: it counts as verified today."""
    clinic.last_verified_on = timezone.localdate()
    clinic.verified_by = user
    clinic.version = clinic_version_bump(clinic=clinic, expected_version=None)
    clinic._history_user = user
    clinic.save(update_fields=["last_verified_on", "verified_by", "version", "updated_at"])
    return clinic


@transaction.atomic
def clinic_confirm_accuracy(*, clinic: Clinic, user) -> Clinic:
    """Clinic staff say the details are still right; recorded apart from verification."""
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
def problem_report_set_status(
    *, report: ProblemReport, status: str, user, staff_notes: str | None = None
) -> ProblemReport:
    """Move a report through the queue; handled_by/handled_at record who closed it and when."""
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
