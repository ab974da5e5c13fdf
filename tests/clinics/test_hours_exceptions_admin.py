"""Holiday and special hours in the clinic admin: a simple inline, own clinic only."""

import datetime

import pytest
from django.utils import timezone

from clinics.models import HoursException
from tests.clinics.admin_helpers import clinic_post_data, db_snapshot
from tests.factories import ClinicFactory, HoursExceptionFactory, clinic_staff_user

pytestmark = pytest.mark.django_db

REDIRECT, FORBIDDEN = 302, 403


@pytest.fixture
def own():
    return ClinicFactory(name="Own Clinic")


@pytest.fixture
def staff_client(client, own):
    client.force_login(clinic_staff_user(own, username="staff-own"))
    return client


def change_url(clinic) -> str:
    return f"/admin/clinics/clinic/{clinic.pk}/change/"


def next_week() -> str:
    return (timezone.localdate() + datetime.timedelta(days=7)).isoformat()


def test_staff_add_special_hours_typed_the_way_people_say_them(staff_client, own):
    row = {
        "date": next_week(),
        "closed": "",
        "opens": "9am",
        "closes": "12:30 pm",
        "note": "Christmas Eve",
    }

    response = staff_client.post(change_url(own), clinic_post_data(own, exceptions=[row]))

    assert response.status_code == REDIRECT
    saved = own.hours_exceptions.get()
    assert (saved.closed, saved.opens, saved.closes, saved.note) == (
        False,
        datetime.time(9),
        datetime.time(12, 30),
        "Christmas Eve",
    )


def test_staff_add_a_holiday_closure(staff_client, own):
    row = {"date": next_week(), "closed": "on", "note": "Thanksgiving"}

    response = staff_client.post(change_url(own), clinic_post_data(own, exceptions=[row]))

    assert response.status_code == REDIRECT
    assert own.hours_exceptions.get().hours_display == "closed"


def test_closed_all_day_with_times_is_refused_with_a_message(staff_client, own):
    row = {"date": next_week(), "closed": "on", "opens": "9am", "closes": "5pm"}

    response = staff_client.post(change_url(own), clinic_post_data(own, exceptions=[row]))

    assert response.status_code == 200
    assert "Untick “Closed all day”" in response.content.decode()
    assert not HoursException.objects.exists()


def test_the_inline_shows_saved_times_on_a_12_hour_clock(staff_client, own):
    HoursExceptionFactory(
        clinic=own,
        date=timezone.localdate() + datetime.timedelta(days=3),
        closed=False,
        opens=datetime.time(13, 0),
        closes=datetime.time(17, 30),
    )

    page = staff_client.get(change_url(own)).content.decode()

    assert 'value="1:00 PM"' in page
    assert 'value="5:30 PM"' in page


def test_every_inline_input_has_a_label(staff_client, own):
    page = staff_client.get(change_url(own)).content.decode()

    for name in ("date", "closed", "opens", "closes", "reopens", "closes_again", "note"):
        assert f'for="id_hours_exceptions-0-{name}"' in page


def test_staff_cannot_edit_another_clinics_exception_through_their_form(staff_client, own):
    theirs = HoursExceptionFactory(clinic=ClinicFactory(), date=timezone.localdate())
    before = db_snapshot()
    row = {"id": theirs.pk, "date": next_week(), "closed": "on", "note": "Hijacked"}

    response = staff_client.post(change_url(own), clinic_post_data(own, exceptions=[row]))

    assert response.status_code == FORBIDDEN
    assert db_snapshot() == before
    theirs.refresh_from_db()
    assert theirs.note == "Holiday"


def test_the_clinic_history_lists_exception_changes(staff_client, own):
    row = {"date": next_week(), "closed": "on", "note": "Thanksgiving"}
    staff_client.post(change_url(own), clinic_post_data(own, exceptions=[row]))

    page = staff_client.get(f"/admin/clinics/clinic/{own.pk}/history/").content.decode()

    assert "Holiday and special hours changes" in page
    assert "(Thanksgiving): closed" in page
