"""Mail about clinics: who is told what (config.site.mail sends it).

The services call these after a change; each sends once the change commits. The
reminder of a stale listing is the exception: ``services.stale_listing_reminders_send``
sends it inside the transaction that records it, so a mail that fails is not recorded
as sent and the next day's run tries again.

Nothing here carries what a member of the public wrote: a problem report mail names
the clinic and the category and links to the admin; the reporter's words and address
stay there, for the people allowed to read them.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from clinics.models import Clinic, ListingRequest, ProblemReport
from config.site.mail import (
    absolute_url,
    after_commit,
    group_emails,
    send_templated_mail,
    user_emails,
)

DIRECTORY_ADMINS = "Directory admins"


def clinic_staff_emails(clinic: Clinic) -> list[str]:
    """The clinic's own staff: active staff accounts with a membership of it."""
    users = get_user_model().objects.filter(clinic_memberships__clinic=clinic, is_staff=True)
    return user_emails(users)


def _admin_url(obj) -> str:
    opts = obj._meta
    return absolute_url(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))


# --- Problem reports ----------------------------------------------------------------------


def problem_report_received(*, report: ProblemReport) -> None:
    after_commit(_send_problem_report_received, report=report)


def _send_problem_report_received(*, report: ProblemReport) -> None:
    send_templated_mail(
        "clinics/problem_report_received",
        recipients=clinic_staff_emails(report.clinic) + group_emails(DIRECTORY_ADMINS),
        context={
            "clinic_name": report.clinic.name,
            "category": report.get_category_display(),
            "admin_url": _admin_url(report),
        },
    )


# --- Listings not verified for a year --------------------------------------------------


def stale_listing_reminder_send(*, clinic: Clinic, recipients: list[str]) -> int:
    """Mail the reminder now (the caller records it in the same transaction)."""
    return send_templated_mail(
        "clinics/stale_listing",
        recipients=recipients,
        context={
            "clinic_name": clinic.name,
            "last_verified_on": clinic.last_verified_on,
            "admin_url": _admin_url(clinic),
        },
    )


# --- Requests to list or claim a clinic ------------------------------------------------


def listing_request_received(*, listing_request: ListingRequest) -> None:
    after_commit(_send_listing_request_received, listing_request=listing_request)


def _send_listing_request_received(*, listing_request: ListingRequest) -> None:
    send_templated_mail(
        "clinics/listing_request_received",
        recipients=group_emails(DIRECTORY_ADMINS),
        context={
            "kind": listing_request.get_kind_display(),
            "clinic_name": listing_request.clinic_name,
            "admin_url": _admin_url(listing_request),
        },
    )


def invitation_url(user) -> str:
    """A one-time link to choose a password, valid for PASSWORD_RESET_TIMEOUT.

    Django's password-reset tokens: the token is spent once the password is set,
    because it is made from the password hash (and the last sign-in).
    """
    path = reverse(
        "clinics:staff_invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return absolute_url(path)


def listing_request_approved(*, listing_request: ListingRequest) -> None:
    after_commit(_send_listing_request_approved, listing_request=listing_request)


def _send_listing_request_approved(*, listing_request: ListingRequest) -> None:
    user = listing_request.staff_user
    # Someone who already has a password signs in with it; a new account is invited.
    invite = not user.has_usable_password()
    send_templated_mail(
        "clinics/listing_request_approved",
        recipients=user_emails([user]),
        context={
            "contact_name": listing_request.contact_name,
            "clinic_name": listing_request.clinic.name,
            "is_new_clinic": listing_request.kind == ListingRequest.Kind.NEW,
            "username": user.get_username(),
            "invitation_url": invitation_url(user) if invite else "",
            "link_days": max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60)),
            "sign_in_url": absolute_url(reverse("admin:login")),
            "clinic_admin_url": _admin_url(listing_request.clinic),
        },
        language=listing_request.language,
    )


def listing_request_rejected(*, listing_request: ListingRequest) -> None:
    after_commit(_send_listing_request_rejected, listing_request=listing_request)


def _send_listing_request_rejected(*, listing_request: ListingRequest) -> None:
    send_templated_mail(
        "clinics/listing_request_rejected",
        recipients=[listing_request.contact_email],
        context={
            "contact_name": listing_request.contact_name,
            "clinic_name": listing_request.clinic_name,
            "is_claim": listing_request.kind == ListingRequest.Kind.CLAIM,
        },
        language=listing_request.language,
    )
