"""Sign-in security: lockout, unlock by a directory admin, and the security log."""

import logging

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.test import Client

from tests.factories import ClinicFactory, UserFactory, clinic_staff_user, directory_admin_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-9"
LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def staff():
    return clinic_staff_user(ClinicFactory(), username="locked-staff")


def sign_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_correct_password_signs_in(client, staff):
    response = sign_in(client, "locked-staff", PASSWORD)

    assert response.status_code == 302
    assert response.url == "/admin/"


def test_five_failures_lock_the_account_with_a_clear_message(client, staff):
    for _ in range(5):
        sign_in(client, "locked-staff", "wrong-password-123")

    response = sign_in(client, "locked-staff", PASSWORD)

    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed sign-in attempts" in page
    assert "ask a directory admin to unlock" in page
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock(client, staff):
    for _ in range(4):
        sign_in(client, "locked-staff", "wrong-password-123")

    assert sign_in(client, "locked-staff", PASSWORD).status_code == 302


def sign_in_from(client, address, username, password):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_failures_for_one_account_from_five_addresses_lock_the_account(client, staff):
    for n in range(5):
        sign_in_from(client, f"198.51.100.{n + 1}", "locked-staff", "wrong-password-123")

    response = sign_in_from(client, "203.0.113.9", "locked-staff", PASSWORD)

    assert response.status_code == 429


def test_five_failures_across_accounts_from_one_address_lock_that_address(client, staff):
    for n in range(5):
        sign_in_from(client, "198.51.100.7", f"guess-{n}", "wrong-password-123")

    from_there = sign_in_from(client, "198.51.100.7", "locked-staff", PASSWORD)
    from_elsewhere = sign_in_from(client, "203.0.113.9", "locked-staff", PASSWORD)

    assert from_there.status_code == 429
    assert from_elsewhere.status_code == 302


def test_signing_in_clears_the_accounts_own_failures(client, staff):
    for _ in range(4):
        sign_in(client, "locked-staff", "wrong-password-123")
    sign_in(client, "locked-staff", PASSWORD)
    client.post("/admin/logout/")
    for _ in range(4):
        sign_in(client, "locked-staff", "wrong-password-123")

    assert sign_in(client, "locked-staff", PASSWORD).status_code == 302


def test_signing_in_does_not_clear_failures_at_other_accounts_from_the_address(client, staff):
    """Otherwise one working account would let its holder guess at others forever."""
    for n in range(4):
        sign_in_from(client, "198.51.100.7", f"guess-{n}", "wrong-password-123")
    sign_in_from(client, "198.51.100.7", "locked-staff", PASSWORD)
    client.post("/admin/logout/")
    sign_in_from(client, "198.51.100.7", "guess-4", "wrong-password-123")

    assert sign_in_from(client, "198.51.100.7", "locked-staff", PASSWORD).status_code == 429


def test_directory_admin_unlocks_by_deleting_the_attempt(client, staff):
    for _ in range(5):
        sign_in(client, "locked-staff", "wrong-password-123")
    attempt = AccessAttempt.objects.get(username="locked-staff")
    admin_client = Client()
    admin_client.force_login(directory_admin_user(username="unlocker"))

    listing = admin_client.get("/admin/axes/accessattempt/")
    response = admin_client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )

    assert listing.status_code == 200
    assert b"locked-staff" in listing.content
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert sign_in(client, "locked-staff", PASSWORD).status_code == 302


def test_clinic_staff_cannot_unlock(client, staff):
    client.force_login(staff)

    assert client.get("/admin/axes/accessattempt/").status_code == 403


def test_sign_in_failure_lockout_and_sign_out_are_logged_without_passwords(client, staff, caplog):
    with caplog.at_level(logging.INFO, logger="security"):
        sign_in(client, "locked-staff", PASSWORD)
        client.post("/admin/logout/")
        for _ in range(5):
            sign_in(client, "locked-staff", "wrong-password-123")

    messages = [r.getMessage() for r in caplog.records if r.name == "security"]
    assert any(m.startswith("sign-in: user=locked-staff") for m in messages)
    assert any(m.startswith("sign-out: user=locked-staff") for m in messages)
    assert any(m.startswith("failed sign-in: user=locked-staff") for m in messages)
    assert any(m.startswith("account locked out: user=locked-staff") for m in messages)
    assert not any("wrong-password-123" in m or PASSWORD in m for m in caplog.messages)


def test_refused_admin_access_is_logged_with_user_and_path(client, caplog):
    own, other = ClinicFactory(), ClinicFactory()
    client.force_login(clinic_staff_user(own, username="curious-staff"))

    with caplog.at_level(logging.INFO, logger="security"):
        response = client.get(f"/admin/clinics/clinic/{other.pk}/change/")

    assert response.status_code == 404
    refusals = [r for r in caplog.records if r.name == "security" and r.levelname == "WARNING"]
    assert len(refusals) == 1
    message = refusals[0].getMessage()
    assert "user=curious-staff" in message
    assert f"path=/admin/clinics/clinic/{other.pk}/change/" in message


@pytest.mark.parametrize(
    "url",
    [
        "/admin/clinics/clinic/?id__exact={other}",
        "/admin/clinics/clinic/{other}/history/",
        "/admin/clinics/clinic/{other}/delete/",
        "/admin/autocomplete/?app_label=clinics&model_name=clinicmembership&field_name=clinic",
        "/admin/clinics/clinic/import/",
        "/admin/auth/user/",
    ],
)
def test_every_kind_of_refusal_is_logged(client, caplog, url):
    own, other = ClinicFactory(), ClinicFactory()
    client.force_login(clinic_staff_user(own, username="probe"))

    with caplog.at_level(logging.INFO, logger="security"):
        response = client.get(url.format(other=other.pk))

    assert response.status_code in (403, 404)
    refusals = [m for m in caplog.messages if m.startswith("access refused:")]
    assert len(refusals) == 1
    assert "access refused: user=probe" in refusals[0]


def test_plain_user_without_staff_flag_is_sent_to_sign_in(client):
    client.force_login(UserFactory(is_staff=False))

    response = client.get("/admin/clinics/clinic/")

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_a_typed_username_cannot_forge_log_lines(client, caplog):
    with caplog.at_level(logging.INFO, logger="security"):
        sign_in(client, "mallory\nsign-in: user=admin", "wrong-password-123")

    failed = [m for m in caplog.messages if m.startswith("failed sign-in")]
    assert failed == [failed[0]]
    assert "\n" not in failed[0]


def test_signing_in_without_a_next_page_lands_on_the_admin(client, staff):
    response = client.post("/admin/login/", {"username": "locked-staff", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == "/admin/"


def test_directory_admin_cannot_delete_the_sign_in_log(client, staff):
    sign_in(client, "locked-staff", PASSWORD)
    entry = AccessLog.objects.get(username="locked-staff")
    admin_client = Client()
    admin_client.force_login(directory_admin_user(username="tidy-admin"))

    listing = admin_client.get("/admin/axes/accesslog/")
    delete_page = admin_client.get(f"/admin/axes/accesslog/{entry.pk}/delete/")
    admin_client.post(
        "/admin/axes/accesslog/",
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )

    assert listing.status_code == 200
    assert b"locked-staff" in listing.content
    assert delete_page.status_code == 403
    assert AccessLog.objects.filter(pk=entry.pk).exists()


def test_directory_admin_cannot_delete_the_failure_log(client, staff):
    sign_in(client, "locked-staff", "wrong-password-123")
    entry = AccessFailureLog.objects.get(username="locked-staff")
    admin_client = Client()
    admin_client.force_login(directory_admin_user(username="tidy-admin"))

    listing = admin_client.get("/admin/axes/accessfailurelog/")
    delete_page = admin_client.get(f"/admin/axes/accessfailurelog/{entry.pk}/delete/")

    assert listing.status_code == 200
    assert delete_page.status_code == 403
    assert AccessFailureLog.objects.filter(pk=entry.pk).exists()
