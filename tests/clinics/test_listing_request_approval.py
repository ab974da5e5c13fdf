"""Directory admins approve or reject listing requests; approval invites the requester."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from clinics import services
from clinics.models import Clinic, ClinicMembership, ClinicTreatment, ListingRequest
from tests.clinics.test_listing_requests import details
from tests.factories import (
    ClinicFactory,
    ListingRequestFactory,
    UserFactory,
    clinic_staff_user,
    directory_admin_user,
    treatment,
)

pytestmark = pytest.mark.django_db

User = get_user_model()
SITE = "https://directory.example.org"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def admin_user():
    return directory_admin_user(username="dir-admin", email="dir-admin@example.org")


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a service and the mails it queues for after the commit."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


def invitation_path(message) -> str:
    match = re.search(rf"{re.escape(SITE)}(/welcome/[^/\s]+/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


# --- Approving a new clinic ----------------------------------------------------------


def test_approving_a_new_clinic_creates_it_as_a_draft(admin_user, commit):
    request = ListingRequestFactory(clinic_name="Willow Care", zip_code="95816")

    approved = commit(services.listing_request_approve, listing_request=request, user=admin_user)

    clinic = approved.clinic
    assert approved.status == ListingRequest.Status.APPROVED
    assert (clinic.name, clinic.slug, clinic.status) == ("Willow Care", "willow-care", "draft")
    assert clinic.last_verified_on is None
    assert not clinic.is_demo
    assert clinic.latitude is not None  # placed at its ZIP code's centre


def test_a_draft_clinic_is_nowhere_public(client, admin_user, commit):
    request = ListingRequestFactory(clinic_name="Willow Care")
    clinic = commit(
        services.listing_request_approve, listing_request=request, user=admin_user
    ).clinic

    assert client.get(clinic.get_absolute_url()).status_code == 404
    assert not Clinic.objects.listed().filter(pk=clinic.pk).exists()
    search = client.get(reverse("clinics:clinic_list"), {"q": "willow"})
    assert "Willow Care" not in search.content.decode()


def test_a_requested_treatment_that_needs_rems_stays_hidden(admin_user, commit):
    request = ListingRequestFactory(treatments=[treatment("iv-infusion"), treatment("spravato")])

    clinic = commit(
        services.listing_request_approve, listing_request=request, user=admin_user
    ).clinic

    offers = {offer.treatment.slug: offer for offer in clinic.clinic_treatments.all()}
    assert offers["iv-infusion"].is_listed
    assert not offers["spravato"].is_listed
    assert offers["spravato"].hidden_reason == ClinicTreatment.HiddenReason.REMS_NOT_RECORDED


def test_a_new_clinic_never_takes_a_used_or_reserved_address(admin_user, commit):
    ClinicFactory(slug="willow-care")
    first = ListingRequestFactory(clinic_name="Willow Care")
    reserved = ListingRequestFactory(clinic_name="List your clinic")

    assert (
        commit(services.listing_request_approve, listing_request=first, user=admin_user).clinic.slug
        == "willow-care-2"
    )
    assert (
        commit(
            services.listing_request_approve, listing_request=reserved, user=admin_user
        ).clinic.slug
        == "list-your-clinic-2"
    )


# --- The staff account ----------------------------------------------------------------


def test_approval_creates_a_clinic_staff_account_without_a_password(admin_user, commit):
    request = ListingRequestFactory(contact_email="jordan@willow.example.org")

    approved = commit(services.listing_request_approve, listing_request=request, user=admin_user)

    account = approved.staff_user
    assert account.username == "jordan"
    assert account.email == "jordan@willow.example.org"
    assert account.is_active and account.is_staff and not account.is_superuser
    assert not account.has_usable_password()
    assert list(account.groups.values_list("name", flat=True)) == ["Clinic staff"]
    membership = ClinicMembership.objects.get(user=account)
    assert (membership.clinic, membership.role) == (approved.clinic, "manager")


def test_an_existing_account_with_that_email_gains_the_clinic(admin_user, commit):
    existing = UserFactory(username="jordan-old", email="Jordan@Willow.example.org")
    request = ListingRequestFactory(contact_email="jordan@willow.example.org")

    approved = commit(services.listing_request_approve, listing_request=request, user=admin_user)

    assert approved.staff_user == existing
    existing.refresh_from_db()
    assert existing.is_staff and existing.has_usable_password()
    assert User.objects.count() == 2  # the admin and the requester, nobody new


def test_a_deactivated_account_with_that_email_stops_the_approval(admin_user, commit):
    UserFactory(email="jordan@willow.example.org", is_active=False)
    request = ListingRequestFactory(contact_email="jordan@willow.example.org")

    with pytest.raises(services.ListingRequestError, match="deactivated"):
        commit(services.listing_request_approve, listing_request=request, user=admin_user)

    request.refresh_from_db()
    assert request.status == ListingRequest.Status.NEW
    assert not Clinic.objects.exists()


# --- Claims ----------------------------------------------------------------------------


def test_approving_a_claim_links_the_clinic_and_changes_none_of_its_details(admin_user, commit):
    clinic = ClinicFactory(name="Oak Test Clinic", phone="+19165550111")
    request = ListingRequestFactory(clinic=clinic, clinic_name="Oak Renamed", phone="9165550122")

    approved = commit(services.listing_request_approve, listing_request=request, user=admin_user)

    clinic.refresh_from_db()
    assert approved.clinic == clinic
    assert (clinic.name, clinic.phone) == ("Oak Test Clinic", "+19165550111")
    assert Clinic.objects.count() == 1
    assert ClinicMembership.objects.filter(clinic=clinic, user=approved.staff_user).exists()


# --- Who may decide ---------------------------------------------------------------------


@pytest.mark.parametrize("service", ["listing_request_approve", "listing_request_reject"])
def test_clinic_staff_may_not_decide_a_request(service, commit):
    staff = clinic_staff_user(ClinicFactory())
    request = ListingRequestFactory()

    with pytest.raises(PermissionDenied):
        commit(getattr(services, service), listing_request=request, user=staff)

    request.refresh_from_db()
    assert request.status == ListingRequest.Status.NEW
    assert Clinic.objects.count() == 1


def test_a_request_is_decided_once(admin_user, commit):
    request = ListingRequestFactory()
    commit(services.listing_request_reject, listing_request=request, user=admin_user)

    with pytest.raises(services.ListingRequestError, match="already rejected"):
        commit(services.listing_request_approve, listing_request=request, user=admin_user)


# --- Mail to the requester ---------------------------------------------------------------


def test_approval_emails_a_one_time_link_to_choose_a_password(admin_user, commit, mailoutbox):
    request = ListingRequestFactory(
        clinic_name="Willow Care", contact_email="jordan@willow.example.org"
    )
    mailoutbox.clear()

    commit(services.listing_request_approve, listing_request=request, user=admin_user)

    [message] = mailoutbox
    assert message.to == ["jordan@willow.example.org"]
    assert message.subject == "Your staff account for Willow Care"
    assert "Your username is jordan." in message.body
    assert "it works once, for 3 days" in message.body
    assert invitation_path(message).startswith("/welcome/")


def test_an_account_that_has_a_password_is_told_to_sign_in_instead(admin_user, commit, mailoutbox):
    UserFactory(username="jordan-old", email="jordan@willow.example.org")
    request = ListingRequestFactory(contact_email="jordan@willow.example.org")

    commit(services.listing_request_approve, listing_request=request, user=admin_user)

    [message] = mailoutbox
    assert "/welcome/" not in message.body
    assert "Sign in with your username, jordan-old" in message.body


def test_rejection_emails_a_polite_note_and_creates_nothing(admin_user, commit, mailoutbox):
    request = ListingRequestFactory(clinic_name="Willow Care", contact_email="jo@example.org")

    commit(services.listing_request_reject, listing_request=request, user=admin_user)

    request.refresh_from_db()
    assert request.status == ListingRequest.Status.REJECTED
    assert (request.handled_by, request.clinic) == (admin_user, None)
    assert not Clinic.objects.exists()
    [message] = mailoutbox
    assert message.to == ["jo@example.org"]
    assert "We are sorry, but we cannot approve it." in message.body


def test_a_new_request_is_announced_to_the_directory_admins_only(
    admin_user, client, mailoutbox, django_capture_on_commit_callbacks
):
    clinic_staff_user(ClinicFactory(), email="staff@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("clinics:listing_request_create"), details())

    [message] = mailoutbox
    assert message.to == ["dir-admin@example.org"]
    assert message.subject == "New request: list a new clinic, Willow Ketamine Care"
    assert "jordan@willow.example.org" not in message.body


# --- Choosing the password from the link ---------------------------------------------------


NEW_PASSWORD = "a-long-Example-passphrase-42"


def set_password(client, path: str):
    page = client.get(path, follow=True)
    return client.post(
        page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )


def test_the_link_sets_the_password_once(client, admin_user, commit, mailoutbox):
    request = ListingRequestFactory(contact_email="jordan@willow.example.org")
    account = commit(
        services.listing_request_approve, listing_request=request, user=admin_user
    ).staff_user
    path = invitation_path(mailoutbox[-1])

    response = set_password(client, path)

    assert response.status_code == 302
    assert response["Location"] == reverse("clinics:staff_invitation_done")
    account.refresh_from_db()
    assert account.check_password(NEW_PASSWORD)
    again = client.get(path, follow=True)
    assert "This link no longer works" in again.content.decode()


def test_the_password_page_names_the_username(client, admin_user, commit, mailoutbox):
    request = ListingRequestFactory(contact_email="jordan@willow.example.org")
    commit(services.listing_request_approve, listing_request=request, user=admin_user)

    page = client.get(invitation_path(mailoutbox[-1]), follow=True)

    assert page.status_code == 200
    assert "Your username is <strong>jordan</strong>" in page.content.decode()
    assert '<meta name="robots" content="noindex">' in page.content.decode()


def test_the_link_expires(client, admin_user, commit, mailoutbox, settings):
    request = ListingRequestFactory()
    commit(services.listing_request_approve, listing_request=request, user=admin_user)
    path = invitation_path(mailoutbox[-1])
    later = timezone.now() + datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)

    with time_machine.travel(later):
        page = client.get(path, follow=True)

    assert "This link no longer works" in page.content.decode()


def test_an_expired_invitation_can_be_sent_again(admin_user, commit, mailoutbox):
    request = ListingRequestFactory()
    commit(services.listing_request_approve, listing_request=request, user=admin_user)
    mailoutbox.clear()

    commit(services.listing_request_invite_again, listing_request=request, user=admin_user)

    [message] = mailoutbox
    assert invitation_path(message).startswith("/welcome/")


def test_no_invitation_is_sent_again_once_the_password_is_chosen(admin_user, commit):
    request = ListingRequestFactory()
    account = commit(
        services.listing_request_approve, listing_request=request, user=admin_user
    ).staff_user
    account.set_password(NEW_PASSWORD)
    account.save()

    with pytest.raises(services.ListingRequestError, match="already chosen a password"):
        commit(services.listing_request_invite_again, listing_request=request, user=admin_user)


def test_the_new_account_edits_its_own_clinic_and_no_other(client, admin_user, commit, mailoutbox):
    other = ClinicFactory()
    request = ListingRequestFactory()
    approved = commit(services.listing_request_approve, listing_request=request, user=admin_user)
    set_password(client, invitation_path(mailoutbox[-1]))
    signed_in = client.post(
        reverse("admin:login"),
        {"username": approved.staff_user.username, "password": NEW_PASSWORD},
    )
    assert signed_in.status_code == 302

    own = client.get(reverse("admin:clinics_clinic_change", args=[approved.clinic.pk]))
    theirs = client.get(reverse("admin:clinics_clinic_change", args=[other.pk]))

    assert own.status_code == 200
    assert theirs.status_code == 404


# --- The admin --------------------------------------------------------------------------


def test_the_approve_button_on_a_request_approves_it(client, admin_user, mailoutbox):
    request = ListingRequestFactory(clinic_name="Willow Care")
    client.force_login(admin_user)
    url = reverse("admin:clinics_listingrequest_change", args=[request.pk])

    page = client.get(url)
    assert "Approve: create the account and email the invitation" in page.content.decode()
    response = client.post(url, {"staff_notes": "Called the clinic.", "_approve": "1"})

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == ListingRequest.Status.APPROVED
    assert request.staff_notes == "Called the clinic."
    assert request.clinic.name == "Willow Care"


def test_the_reject_action_rejects_the_selected_requests(client, admin_user):
    requests = [ListingRequestFactory(), ListingRequestFactory()]
    client.force_login(admin_user)

    client.post(
        reverse("admin:clinics_listingrequest_changelist"),
        {"action": "reject", "_selected_action": [str(row.pk) for row in requests]},
    )

    assert set(ListingRequest.objects.values_list("status", flat=True)) == {"rejected"}


def test_clinic_staff_never_see_listing_requests(client):
    staff = clinic_staff_user(ClinicFactory())
    request = ListingRequestFactory()
    client.force_login(staff)

    index = client.get(reverse("admin:index"))
    change = client.get(reverse("admin:clinics_listingrequest_change", args=[request.pk]))
    changelist = client.get(reverse("admin:clinics_listingrequest_changelist"))

    assert "Listing requests" not in index.content.decode()
    assert change.status_code == 403
    assert changelist.status_code == 403
