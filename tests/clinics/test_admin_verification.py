"""Verification by directory admins, staff confirmation, and the stale filter."""

import datetime

import pytest
import time_machine

from clinics.models import Clinic
from tests.clinics.admin_helpers import clinic_post_data
from tests.factories import ClinicFactory, clinic_staff_user, directory_admin_user

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture
def clinic():
    return ClinicFactory(name="Verify Me", last_verified_on=datetime.date(2024, 1, 2))


@pytest.fixture
def admin_login(client):
    user = directory_admin_user(username="verifier")
    client.force_login(user)
    return user


@time_machine.travel(datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC))
def test_mark_verified_action_sets_today_and_the_admin(client, admin_login, clinic):
    response = client.post(
        "/admin/clinics/clinic/", {"action": "mark_verified", "_selected_action": [clinic.pk]}
    )

    assert response.status_code == 302
    clinic.refresh_from_db()
    assert clinic.last_verified_on == TODAY
    assert clinic.verified_by == admin_login
    assert not clinic.is_stale
    assert clinic.history.order_by("-history_id").first().history_user == admin_login


@time_machine.travel(datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC))
def test_save_and_mark_verified_button_saves_edits_and_verifies(client, admin_login, clinic):
    data = clinic_post_data(clinic, description="Checked by phone.", _mark_verified="1")

    response = client.post(f"/admin/clinics/clinic/{clinic.pk}/change/", data, follow=True)

    clinic.refresh_from_db()
    assert (clinic.description, clinic.last_verified_on, clinic.verified_by) == (
        "Checked by phone.",
        TODAY,
        admin_login,
    )
    assert "is marked verified today" in response.content.decode()


def test_directory_admin_sees_the_verify_button_not_the_confirm_button(client, admin_login, clinic):
    response = client.get(f"/admin/clinics/clinic/{clinic.pk}/change/")

    assert b'name="_mark_verified"' in response.content
    assert b'name="_confirm_accuracy"' not in response.content


def test_staff_see_the_confirm_button_not_the_verify_button(client, clinic):
    client.force_login(clinic_staff_user(clinic))

    response = client.get(f"/admin/clinics/clinic/{clinic.pk}/change/")

    assert b'name="_confirm_accuracy"' in response.content
    assert b'name="_mark_verified"' not in response.content


@time_machine.travel(datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC))
def test_staff_confirmation_is_recorded_apart_from_verification(client, clinic):
    staff = clinic_staff_user(clinic)
    client.force_login(staff)

    client.post(
        "/admin/clinics/clinic/", {"action": "confirm_accuracy", "_selected_action": [clinic.pk]}
    )

    clinic.refresh_from_db()
    assert (clinic.staff_confirmed_on, clinic.staff_confirmed_by) == (TODAY, staff)
    assert clinic.last_verified_on == datetime.date(2024, 1, 2)
    assert clinic.verified_by is None
    assert clinic.is_stale


@time_machine.travel(datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC))
def test_staff_confirm_button_on_the_change_page(client, clinic):
    staff = clinic_staff_user(clinic)
    client.force_login(staff)

    client.post(
        f"/admin/clinics/clinic/{clinic.pk}/change/",
        clinic_post_data(clinic, _confirm_accuracy="1"),
    )

    clinic.refresh_from_db()
    assert clinic.staff_confirmed_on == TODAY
    assert clinic.last_verified_on == datetime.date(2024, 1, 2)


def test_staff_cannot_mark_verified_even_by_posting_the_button(client, clinic):
    client.force_login(clinic_staff_user(clinic))

    client.post(
        f"/admin/clinics/clinic/{clinic.pk}/change/",
        clinic_post_data(clinic, _mark_verified="1"),
    )

    clinic.refresh_from_db()
    assert clinic.last_verified_on == datetime.date(2024, 1, 2)
    assert clinic.verified_by is None


@time_machine.travel(datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC))
def test_stale_filter_finds_old_and_never_verified_listings(client, admin_login):
    fresh = ClinicFactory(name="Fresh", last_verified_on=TODAY - datetime.timedelta(days=30))
    edge = ClinicFactory(name="Edge", last_verified_on=TODAY - datetime.timedelta(days=365))
    old = ClinicFactory(name="Old", last_verified_on=TODAY - datetime.timedelta(days=366))
    never = ClinicFactory(name="Never", last_verified_on=None)

    stale = client.get("/admin/clinics/clinic/", {"stale": "yes"}).context["cl"].result_list
    current = client.get("/admin/clinics/clinic/", {"stale": "no"}).context["cl"].result_list

    assert set(stale) == {old, never}
    assert set(current) == {fresh, edge}
    assert [c.is_stale for c in (fresh, edge, old, never)] == [False, False, True, True]


def test_changelist_says_in_words_when_a_listing_was_never_verified(client, admin_login):
    ClinicFactory(name="Never Checked", last_verified_on=None)

    response = client.get("/admin/clinics/clinic/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Never Checked" in page
    assert "Never verified" in page


def test_staff_may_use_the_stale_filter(client, clinic):
    client.force_login(clinic_staff_user(clinic))

    response = client.get("/admin/clinics/clinic/", {"stale": "yes"})

    assert list(response.context["cl"].result_list) == [clinic]


def test_changelist_query_count_does_not_grow_with_clinics(
    client, admin_login, django_assert_max_num_queries
):
    for _ in range(3):
        ClinicFactory()
    with django_assert_max_num_queries(12) as small:
        client.get("/admin/clinics/clinic/")
    for _ in range(20):
        ClinicFactory()
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/admin/clinics/clinic/")


def test_verification_service_is_a_new_history_version(admin_login, clinic):
    from clinics import services

    services.clinic_verify(clinic=clinic, user=admin_login)

    assert Clinic.objects.get(pk=clinic.pk).version == 2
    assert clinic.history.count() == 2
