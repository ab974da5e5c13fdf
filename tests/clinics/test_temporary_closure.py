"""Temporary closure: clinic staff close and reopen their own listing; closing for good
stays with the directory. The public page says why and when it reopens."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from clinics import permissions
from clinics.models import Clinic
from tests.clinics.admin_helpers import clinic_post_data
from tests.factories import ClinicFactory, clinic_staff_user, directory_admin_user

pytestmark = pytest.mark.django_db

LISTED, TEMPORARILY_CLOSED, CLOSED, DRAFT = (
    Clinic.Status.LISTED,
    Clinic.Status.TEMPORARILY_CLOSED,
    Clinic.Status.CLOSED,
    Clinic.Status.DRAFT,
)
REDIRECT = 302


@pytest.fixture
def own():
    return ClinicFactory(name="Own Clinic")


@pytest.fixture
def staff(own):
    return clinic_staff_user(own, username="staff-own")


def change_url(clinic) -> str:
    return f"/admin/clinics/clinic/{clinic.pk}/change/"


# --- The rule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "wanted", "allowed"),
    [
        (LISTED, TEMPORARILY_CLOSED, True),
        (TEMPORARILY_CLOSED, LISTED, True),
        (LISTED, CLOSED, False),
        (TEMPORARILY_CLOSED, CLOSED, False),
        (CLOSED, LISTED, False),
        (DRAFT, LISTED, False),
        (CLOSED, CLOSED, True),
    ],
)
def test_staff_move_their_own_listing_only_between_listed_and_temporarily_closed(
    own, staff, current, wanted, allowed
):
    own.status = current
    own.save()
    assert permissions.can_set_clinic_status(staff, own, wanted) is allowed


def test_staff_cannot_close_another_clinic_even_temporarily(staff):
    other = ClinicFactory()
    assert not permissions.can_set_clinic_status(staff, other, TEMPORARILY_CLOSED)


@pytest.mark.parametrize("wanted", [CLOSED, LISTED, DRAFT])
def test_directory_admins_give_any_status(wanted):
    clinic = ClinicFactory(status=TEMPORARILY_CLOSED)
    assert permissions.can_set_clinic_status(directory_admin_user(), clinic, wanted)


# --- The admin --------------------------------------------------------------------------


def test_staff_mark_their_clinic_temporarily_closed_with_reason_and_date(client, own, staff):
    client.force_login(staff)
    reopens = timezone.localdate() + datetime.timedelta(days=14)
    data = clinic_post_data(
        own,
        status=TEMPORARILY_CLOSED,
        closure_reason="Flood damage",
        reopens_on=reopens.isoformat(),
    )

    response = client.post(change_url(own), data)

    assert response.status_code == REDIRECT
    own.refresh_from_db()
    assert (own.status, own.closure_reason, own.reopens_on) == (
        TEMPORARILY_CLOSED,
        "Flood damage",
        reopens,
    )


def test_staff_cannot_close_their_clinic_for_good(client, own, staff):
    client.force_login(staff)

    response = client.post(change_url(own), clinic_post_data(own, status=CLOSED))

    assert response.status_code == 200
    assert "not one of the available choices" in response.content.decode()
    own.refresh_from_db()
    assert own.status == LISTED


def test_staff_are_offered_only_listed_and_temporarily_closed(client, own, staff):
    client.force_login(staff)

    form = client.get(change_url(own)).context["adminform"].form

    assert [value for value, _ in form.fields["status"].choices] == [LISTED, TEMPORARILY_CLOSED]


def test_staff_see_the_status_of_a_closed_clinic_read_only(client, own, staff):
    own.status = CLOSED
    own.save()
    client.force_login(staff)

    response = client.get(change_url(own))

    assert b'name="status"' not in response.content


def test_directory_admins_are_offered_every_status(client, own):
    client.force_login(directory_admin_user())

    form = client.get(change_url(own)).context["adminform"].form

    assert [value for value, _ in form.fields["status"].choices] == Clinic.Status.values


def test_a_closure_reason_for_a_listed_clinic_is_pointed_out(client, own, staff):
    client.force_login(staff)

    response = client.post(change_url(own), clinic_post_data(own, closure_reason="Moving"))

    assert response.status_code == 200
    assert "Set the listing status to “Temporarily closed”" in response.content.decode()


def test_a_reopening_date_in_the_past_is_refused(client, own, staff):
    client.force_login(staff)
    data = clinic_post_data(own, status=TEMPORARILY_CLOSED, reopens_on="2020-01-01")

    response = client.post(change_url(own), data)

    assert response.status_code == 200
    own.refresh_from_db()
    assert own.status == LISTED


def test_listing_the_clinic_again_clears_the_closure(client, staff):
    clinic = ClinicFactory(
        status=TEMPORARILY_CLOSED,
        closure_reason="Flood damage",
        reopens_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    staff.clinic_memberships.create(clinic=clinic)
    client.force_login(staff)

    response = client.post(change_url(clinic), clinic_post_data(clinic, status=LISTED))

    assert response.status_code == REDIRECT
    clinic.refresh_from_db()
    assert (clinic.status, clinic.closure_reason, clinic.reopens_on) == (LISTED, "", None)


def test_the_database_refuses_a_closure_reason_on_a_listed_clinic(own):
    with pytest.raises(IntegrityError), transaction.atomic():
        Clinic.objects.filter(pk=own.pk).update(closure_reason="Moving")


# --- The public page --------------------------------------------------------------------


def test_public_page_shows_the_reason_and_the_reopening_date(client):
    clinic = ClinicFactory(
        status=TEMPORARILY_CLOSED,
        closure_reason="Flood damage",
        reopens_on=datetime.date(2031, 5, 4),
    )

    page = client.get(clinic.get_absolute_url()).content.decode()

    assert "Temporarily closed: Flood damage. Expected to reopen on May 4, 2031." in page
    assert "Open now" not in page
