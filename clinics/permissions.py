"""Who may do what with clinics and problem reports: every rule, in one place.

The admin asks these functions what to show and allow; the services ask them again
before they write, so a shell session or a future API obeys the same rules.

Roles (Django groups from the migration ``0004_roles``):

- Superusers and "Directory admins" (permission ``clinics.view_all_clinics``) see
  every clinic; their other permissions say what they may do with it (verify,
  close and reopen, import, export, delete, work the problem-report queue, approve
  requests to list or claim a clinic).
- "Clinic staff" see only the clinics they are members of (``ClinicMembership``):
  they edit the details and confirm the listing is still accurate, and read their
  clinics' problem reports.

Every rule needs an active staff account; anonymous users may do none of this (they may
only send a problem report or a listing request, through the public forms).
A rule given ``clinic=None`` (or ``report=None``) answers "for some clinic", which
is what the admin asks before it has a row, e.g. to show a list or an action.
"""

from __future__ import annotations

from django.db.models import QuerySet

from clinics.models import Clinic, ClinicMembership, ProblemReport


def _is_active_staff(user) -> bool:
    return user.is_active and user.is_staff


def _has(user, codename: str) -> bool:
    return _is_active_staff(user) and user.has_perm(f"clinics.{codename}")


# --- Which clinics a user sees ----------------------------------------------------------


def sees_all_clinics(user) -> bool:
    """Superusers and directory admins; everyone else is limited to their memberships."""
    return user.is_active and user.has_perm("clinics.view_all_clinics")


def member_clinic_ids(user) -> frozenset[int]:
    """The clinics this user is a member of.

    Read once and kept on the user object, as Django keeps its permission cache, so
    one request asks the database once however many rules it checks.
    """
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_clinic_member_ids", None)
    if cached is None:
        cached = frozenset(
            ClinicMembership.objects.filter(user=user).values_list("clinic_id", flat=True)
        )
        user._clinic_member_ids = cached
    return cached


def clinics_visible_to(user) -> QuerySet[Clinic]:
    """The clinics this user may see at all (admin lists, filters, related rows)."""
    if sees_all_clinics(user):
        return Clinic.objects.all()
    if not user.is_authenticated:
        return Clinic.objects.none()
    return Clinic.objects.filter(
        pk__in=ClinicMembership.objects.filter(user=user).values("clinic_id")
    )


def is_clinic_visible(user, clinic_id: int | None) -> bool:
    """Whether the clinic with this id is one the user may see; None means "some clinic"."""
    if clinic_id is None or sees_all_clinics(user):
        return True
    return clinic_id in member_clinic_ids(user)


def _pk(obj) -> int | None:
    return None if obj is None else obj.pk


# --- Clinics --------------------------------------------------------------------------


def can_view_clinic(user, clinic: Clinic | None = None) -> bool:
    return (_has(user, "view_clinic") or _has(user, "change_clinic")) and is_clinic_visible(
        user, _pk(clinic)
    )


def can_add_clinic(user) -> bool:
    return _has(user, "add_clinic") and sees_all_clinics(user)


def can_change_clinic(user, clinic: Clinic | None = None) -> bool:
    """Edit the details: directory admins any clinic, clinic staff their own."""
    return _has(user, "change_clinic") and is_clinic_visible(user, _pk(clinic))


def can_change_clinic_identity(user) -> bool:
    """The name, web address (slug) and sample-data flag: directory admins only."""
    return sees_all_clinics(user)


def can_change_clinic_status(user, clinic: Clinic | None = None) -> bool:
    """Give a listing any status: close it for good, reopen it, list a draft."""
    return _has(user, "change_clinic_status") and can_change_clinic(user, clinic)


# The statuses a clinic's own staff may move their listing between: closing for good
# (and undoing it, or listing a draft) stays with the directory.
TEMPORARY_STATUSES = frozenset({Clinic.Status.LISTED, Clinic.Status.TEMPORARILY_CLOSED})


def can_set_clinic_status(user, clinic: Clinic | None, status: str) -> bool:
    """Whether the user may move `clinic` (as saved now; None: a new one) to `status`.

    Directory admins give any status. Clinic staff mark their own listing temporarily
    closed (with a reason and reopening date) and open it again; keeping the status
    it has is always allowed.
    """
    current = clinic.status if clinic is not None and clinic.pk else None
    if status == current or can_change_clinic_status(user, clinic):
        return True
    return (
        current in TEMPORARY_STATUSES
        and status in TEMPORARY_STATUSES
        and can_change_clinic(user, clinic)
    )


def clinic_statuses_allowed(user, clinic: Clinic | None) -> list[str]:
    """The statuses the user may choose for `clinic`, in the order the admin offers them."""
    return [
        status for status in Clinic.Status.values if can_set_clinic_status(user, clinic, status)
    ]


def can_delete_clinic(user, clinic: Clinic | None = None) -> bool:
    return _has(user, "delete_clinic") and sees_all_clinics(user)


def can_verify_clinic(user, clinic: Clinic | None = None) -> bool:
    """A directory admin who has checked the listing with the clinic."""
    return _has(user, "verify_clinic") and is_clinic_visible(user, _pk(clinic))


def can_confirm_clinic_accuracy(user, clinic: Clinic | None = None) -> bool:
    """Clinic staff confirm their own listing; directory admins verify it instead."""
    return (
        _has(user, "change_clinic")
        and not sees_all_clinics(user)
        and is_clinic_visible(user, _pk(clinic))
    )


def can_revert_clinic(user, clinic: Clinic | None = None) -> bool:
    """Restore an earlier version from the history: directory admins only."""
    return can_change_clinic(user, clinic) and sees_all_clinics(user)


def can_import_clinics(user) -> bool:
    return _has(user, "import_clinic")


def can_export_clinics(user) -> bool:
    return _has(user, "export_clinic")


def can_manage_memberships(user) -> bool:
    """Link staff accounts to clinics; managing who may edit is a directory admin's job."""
    return sees_all_clinics(user) and _has(user, "view_clinicmembership")


# --- Problem reports -------------------------------------------------------------------


def _report_clinic_id(report: ProblemReport | None) -> int | None:
    return None if report is None else report.clinic_id


def can_view_problem_report(user, report: ProblemReport | None = None) -> bool:
    return (
        _has(user, "view_problemreport") or _has(user, "change_problemreport")
    ) and is_clinic_visible(user, _report_clinic_id(report))


def can_handle_problem_report(user, report: ProblemReport | None = None) -> bool:
    """Resolve, dismiss or reopen a report and keep notes on it: the directory's queue."""
    return _has(user, "change_problemreport") and is_clinic_visible(user, _report_clinic_id(report))


def can_delete_problem_report(user, report: ProblemReport | None = None) -> bool:
    return _has(user, "delete_problemreport") and is_clinic_visible(user, _report_clinic_id(report))


def can_see_problem_reporter_email(user) -> bool:
    """The sender's address is for the directory's reply, not for the clinic."""
    return sees_all_clinics(user)


# --- Requests to list or claim a clinic ---------------------------------------------------


def can_view_listing_requests(user) -> bool:
    """The requests name people and work addresses: directory admins only."""
    return sees_all_clinics(user) and (
        _has(user, "view_listingrequest") or _has(user, "change_listingrequest")
    )


def can_handle_listing_request(user) -> bool:
    """Approve (create the draft clinic and the staff account) or reject a request."""
    return (
        sees_all_clinics(user)
        and _has(user, "change_listingrequest")
        and _has(user, "add_clinic")
        and _has(user, "add_clinicmembership")
    )


def can_delete_listing_request(user) -> bool:
    return sees_all_clinics(user) and _has(user, "delete_listingrequest")
