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
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from clinics import notifications, permissions
from clinics.models import (
    Clinic,
    ClinicMembership,
    ClinicSlugRedirect,
    ClinicTreatment,
    InsurancePlan,
    ListingRequest,
    OpeningHours,
    ProblemReport,
    StaleListingReminder,
    Treatment,
)

# --- Problem reports from the public ---

problem_report_logger = logging.getLogger("clinics.problem_reports")

PROBLEM_REPORT_LIMIT = 5
PROBLEM_REPORT_WINDOW = timedelta(hours=1)
# First key of the two-key advisory lock, so ours never collide with other locks.
PROBLEM_REPORT_LOCK_NAMESPACE = 404_001


class ProblemReportRateLimited(Exception):
    """The sender has already sent PROBLEM_REPORT_LIMIT reports within the window."""

    message = _("You've sent several reports in the last hour. Please try again later.")

    def __init__(self, message: str | None = None):
        super().__init__(message or self.message)


def problem_report_fingerprint(ip_address: str) -> str:
    """A keyed hash of the sender's IP address, so we can count without keeping the IP."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, ip_address.encode(), hashlib.sha256).hexdigest()


def _sender_fingerprint_within_limit(
    rows,
    *,
    ip_address: str,
    limit: int,
    window: timedelta,
    lock_namespace: int,
    refused: type[Exception],
    what: str,
) -> str:
    """The sender's fingerprint, or `refused` raised when it stored `limit` of these rows lately.

    The rows are counted under an advisory lock that serialises submissions from one sender
    until the caller's transaction ends, so parallel requests cannot all pass the count at
    the same time. `what` names the rows in the log line of a refusal.
    """
    fingerprint = problem_report_fingerprint(ip_address)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, %s)", [lock_namespace, int(fingerprint[:7], 16)]
        )
    since = timezone.now() - window
    if rows.filter(sender_fingerprint=fingerprint, created_at__gte=since).count() >= limit:
        problem_report_logger.info(
            "%s refused by the rate limit (sender %s…).", what, fingerprint[:8]
        )
        raise refused
    return fingerprint


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
    PROBLEM_REPORT_LIMIT reports in the last PROBLEM_REPORT_WINDOW. Tells the clinic's
    staff and the directory admins (after commit).
    """
    fingerprint = _sender_fingerprint_within_limit(
        ProblemReport.objects,
        ip_address=ip_address,
        limit=PROBLEM_REPORT_LIMIT,
        window=PROBLEM_REPORT_WINDOW,
        lock_namespace=PROBLEM_REPORT_LOCK_NAMESPACE,
        refused=ProblemReportRateLimited,
        what="Problem report",
    )
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
    notifications.problem_report_received(report=report)
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


@transaction.atomic
def clinic_coverage_set(
    *, clinic: Clinic, coverage: dict[str, Iterable[InsurancePlan]], user=None
) -> None:
    """Make the plans covering each named treatment (by slug) exactly these.

    No plans means self-pay only; offerings not named keep their plans. Raises
    ValueError for a treatment the clinic does not offer, and PermissionDenied for a
    clinic the user may not change (no `user`: the CSV import, checked by its admin).
    """
    if user is not None and not permissions.can_change_clinic(user, clinic):
        raise PermissionDenied("You may not change this clinic's insurance coverage.")
    offerings = {
        offering.treatment.slug: offering
        for offering in clinic.clinic_treatments.select_related("treatment")
    }
    if unknown := sorted(set(coverage) - set(offerings)):
        raise ValueError(
            f"Coverage for a treatment the clinic does not offer: {', '.join(unknown)}."
        )
    for slug, plans in coverage.items():
        plans = set(plans)
        # Unchanged offerings are not touched, so their history stays quiet.
        if plans != set(offerings[slug].insurance_plans.all()):
            offerings[slug].insurance_plans.set(plans)


# --- Requests to list or claim a clinic ---------------------------------------------------
#
# The public form stores a request; nothing is public until a directory admin approves it.
# Approving creates the clinic as a draft (no public page, search or sitemap) or links the
# claimed one, makes the requester a clinic staff account and invites them by email to
# choose a password. The admin then checks the listing, marks it verified and lists it.

LISTING_REQUEST_LIMIT = 3
LISTING_REQUEST_WINDOW = timedelta(hours=1)
LISTING_REQUEST_LOCK_NAMESPACE = 404_002
CLINIC_STAFF_GROUP = "Clinic staff"
# Public addresses under /clinics/ that a clinic's slug must not take.
RESERVED_CLINIC_SLUGS = frozenset({"list-your-clinic"})


class ListingRequestRateLimited(Exception):
    """The sender has already sent LISTING_REQUEST_LIMIT requests within the window."""

    message = _("You've sent several requests in the last hour. Please try again later.")

    def __init__(self, message: str | None = None):
        super().__init__(message or self.message)


class ListingRequestError(Exception):
    """The request cannot be approved or rejected as it stands; the message says why."""


@transaction.atomic
def listing_request_submit(
    *,
    clinic: Clinic | None,
    clinic_name: str,
    street_address: str,
    city: str,
    zip_code: str,
    phone: str,
    website: str = "",
    treatments: Iterable[Treatment] = (),
    contact_name: str,
    contact_role: str,
    contact_email: str,
    contact_phone: str,
    ip_address: str,
    language: str = "en",
) -> ListingRequest:
    """Store a request to list a new clinic (``clinic=None``) or to manage ``clinic``.

    ``language`` is that of the page the request came from; the requester's mails use it.

    Raises ListingRequestRateLimited when the sender already sent LISTING_REQUEST_LIMIT
    requests in the last LISTING_REQUEST_WINDOW. Tells the directory admins (after commit).
    """
    fingerprint = _sender_fingerprint_within_limit(
        ListingRequest.objects,
        ip_address=ip_address,
        limit=LISTING_REQUEST_LIMIT,
        window=LISTING_REQUEST_WINDOW,
        lock_namespace=LISTING_REQUEST_LOCK_NAMESPACE,
        refused=ListingRequestRateLimited,
        what="Listing request",
    )
    listing_request = ListingRequest(
        kind=ListingRequest.Kind.NEW if clinic is None else ListingRequest.Kind.CLAIM,
        clinic=clinic,
        clinic_name=clinic_name,
        street_address=street_address,
        city=city,
        zip_code=zip_code,
        phone=phone,
        website=website,
        contact_name=contact_name,
        contact_role=contact_role,
        contact_email=contact_email.strip(),
        contact_phone=contact_phone,
        sender_fingerprint=fingerprint,
        language=language,
    )
    listing_request.full_clean(exclude=["clinic"])
    listing_request.save()
    listing_request.treatments.set(treatments)
    notifications.listing_request_received(listing_request=listing_request)
    return listing_request


def _locked_new_request(listing_request: ListingRequest) -> ListingRequest:
    locked = ListingRequest.objects.select_for_update().get(pk=listing_request.pk)
    if locked.status != ListingRequest.Status.NEW:
        raise ListingRequestError(
            f"This request was already {locked.get_status_display().lower()}."
        )
    return locked


def _unique_clinic_slug(name: str) -> str:
    """A slug no clinic uses, no old address redirects from and no page of ours needs."""
    base = slugify(name)[:190].strip("-") or "clinic"
    candidate, number = base, 1
    while (
        candidate in RESERVED_CLINIC_SLUGS
        or Clinic.objects.filter(slug=candidate).exists()
        or ClinicSlugRedirect.objects.filter(old_slug=candidate).exists()
    ):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _draft_clinic(listing_request: ListingRequest, *, user) -> Clinic:
    """The requested clinic as a draft: unverified and not public until an admin lists it."""
    clinic = Clinic(
        name=listing_request.clinic_name,
        slug=_unique_clinic_slug(listing_request.clinic_name),
        status=Clinic.Status.DRAFT,
        street_address=listing_request.street_address,
        city=listing_request.city,
        zip_code=listing_request.zip_code,
        phone=listing_request.phone,
        website=listing_request.website,
    )
    clinic.full_clean()
    clinic._history_user = user
    clinic.save()
    for treatment in listing_request.treatments.all():
        offering = ClinicTreatment(clinic=clinic, treatment=treatment)
        if treatment.requires_rems:
            # Nobody has recorded the clinic's REMS certification yet: hidden until then.
            offering.is_listed = False
            offering.hidden_reason = ClinicTreatment.HiddenReason.REMS_NOT_RECORDED
        offering._history_user = user
        offering.save()
    return clinic


def _unique_username(email: str) -> str:
    User = get_user_model()
    base = slugify(email.split("@")[0])[:140] or "clinic-staff"
    candidate, number = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _staff_account(listing_request: ListingRequest):
    """The requester's account: the one with their work email, or a new one.

    A new account has no usable password until the requester chooses one from the
    invitation; an existing one keeps its password and gains the clinic.
    """
    User = get_user_model()
    email = listing_request.contact_email
    accounts = list(User.objects.select_for_update().filter(email__iexact=email)[:2])
    if len(accounts) > 1:
        raise ListingRequestError(
            f"Several accounts use {email}. Link the right one to the clinic under "
            "Clinic memberships instead."
        )
    if accounts:
        account = accounts[0]
        if not account.is_active:
            raise ListingRequestError(
                f"The account that uses {email} is deactivated. Ask a superuser whether "
                "to reactivate it before approving."
            )
        if not account.is_staff:
            account.is_staff = True
            account.save(update_fields=["is_staff"])
    else:
        first_name, _, last_name = listing_request.contact_name.strip().rpartition(" ")
        account = User(
            username=_unique_username(email),
            email=email,
            first_name=(first_name or last_name)[:150],
            last_name=(last_name if first_name else "")[:150],
            is_staff=True,
            is_active=True,
        )
        account.set_unusable_password()
        account.save()
    account.groups.add(Group.objects.get(name=CLINIC_STAFF_GROUP))
    return account


@transaction.atomic
def listing_request_approve(*, listing_request: ListingRequest, user) -> ListingRequest:
    """Create the draft clinic (or take the claimed one) and invite the requester as its staff.

    Raises PermissionDenied for anyone but a directory admin, and ListingRequestError when
    the request was already handled or its account cannot be used.
    """
    if not permissions.can_handle_listing_request(user):
        raise PermissionDenied("You may not approve listing requests.")
    listing_request = _locked_new_request(listing_request)
    if listing_request.kind == ListingRequest.Kind.NEW:
        clinic = _draft_clinic(listing_request, user=user)
    elif listing_request.clinic is None:
        raise ListingRequestError("The claimed clinic has been deleted since the request.")
    else:
        clinic = listing_request.clinic
    account = _staff_account(listing_request)
    ClinicMembership.objects.get_or_create(
        user=account, clinic=clinic, defaults={"role": ClinicMembership.Role.MANAGER}
    )
    listing_request.clinic = clinic
    listing_request.staff_user = account
    listing_request.status = ListingRequest.Status.APPROVED
    listing_request.handled_at = timezone.now()
    listing_request.handled_by = user
    listing_request.save()
    notifications.listing_request_approved(listing_request=listing_request)
    return listing_request


@transaction.atomic
def listing_request_reject(*, listing_request: ListingRequest, user) -> ListingRequest:
    """Close the request without creating anything, and send the requester a polite note."""
    if not permissions.can_handle_listing_request(user):
        raise PermissionDenied("You may not reject listing requests.")
    listing_request = _locked_new_request(listing_request)
    listing_request.status = ListingRequest.Status.REJECTED
    listing_request.handled_at = timezone.now()
    listing_request.handled_by = user
    listing_request.save(update_fields=["status", "handled_at", "handled_by"])
    notifications.listing_request_rejected(listing_request=listing_request)
    return listing_request


@transaction.atomic
def listing_request_invite_again(*, listing_request: ListingRequest, user) -> ListingRequest:
    """Send a fresh invitation when the first link expired before a password was chosen."""
    if not permissions.can_handle_listing_request(user):
        raise PermissionDenied("You may not send invitations.")
    listing_request = ListingRequest.objects.select_related("staff_user", "clinic").get(
        pk=listing_request.pk
    )
    account = listing_request.staff_user
    if listing_request.status != ListingRequest.Status.APPROVED or account is None:
        raise ListingRequestError("Only an approved request has an invitation to send again.")
    if account.has_usable_password():
        raise ListingRequestError(f"{account.get_username()} has already chosen a password.")
    notifications.listing_request_approved(listing_request=listing_request)
    return listing_request


# --- Reminding clinic staff of listings not checked for a year -----------------------------

STALE_REMINDER_INTERVAL = timedelta(days=30)


def stale_listing_reminders_send(*, today=None) -> int:
    """Mail each clinic's staff about a listing nobody has checked for 12 months.

    For the daily cron (``manage.py send_stale_listing_reminders``): a clinic is reminded
    at most once every STALE_REMINDER_INTERVAL while it stays unchecked, and each reminder
    is recorded (StaleListingReminder) in the transaction that mails it, so running the
    command again the same day sends nothing, and a mail that fails is tried again the
    next day. Returns how many clinics were reminded.
    """
    today = today or timezone.localdate()
    reminded_lately = StaleListingReminder.objects.filter(
        clinic=OuterRef("pk"), sent_on__gt=today - STALE_REMINDER_INTERVAL
    )
    has_staff = ClinicMembership.objects.filter(
        clinic=OuterRef("pk"), user__is_active=True, user__is_staff=True
    ).exclude(user__email="")
    clinics = (
        Clinic.objects.listed()
        .awaiting_staff_check(today)
        .filter(Exists(has_staff))
        .exclude(Exists(reminded_lately))
        .order_by("pk")
    )
    reminded = 0
    for clinic in clinics:
        recipients = notifications.clinic_staff_emails(clinic)
        with transaction.atomic():
            _, created = StaleListingReminder.objects.get_or_create(
                clinic=clinic, sent_on=today, defaults={"sent_to": "\n".join(recipients)}
            )
            if created:  # else another run got here first today
                notifications.stale_listing_reminder_send(clinic=clinic, recipients=recipients)
                reminded += 1
    return reminded
