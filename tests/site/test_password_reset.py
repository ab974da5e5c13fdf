"""Password reset by email for staff: Django's own views, rate-limited, revealing nothing."""

import logging
import re

import pytest

from config.site.password_reset import ADDRESS_LIMIT, EMAIL_LIMIT
from tests.factories import UserFactory
from tests.site.test_settings import run_manage

pytestmark = pytest.mark.django_db

RESET = "/admin/password_reset/"
DONE = "/admin/password_reset/done/"
NEW_PASSWORD = "a-new-long-passphrase-42"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://directory.example.org"


@pytest.fixture
def staff():
    return UserFactory(username="reset-staff", email="staff@example.org", is_staff=True)


def ask(client, email, address="198.51.100.20"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def test_sign_in_page_offers_a_password_reset(client):
    response = client.get("/admin/login/")

    assert f'href="{RESET}"' in response.content.decode()


def test_staff_get_a_reset_link_to_the_configured_site(client, staff, mailoutbox):
    response = ask(client, "staff@example.org")

    assert response.status_code == 302
    assert response.url == DONE
    [mail] = mailoutbox
    assert mail.to == ["staff@example.org"]
    assert "https://directory.example.org/admin/reset/" in mail.body


def test_the_emailed_link_sets_a_new_password(client, staff, mailoutbox):
    ask(client, "staff@example.org")
    link = re.search(r"https://directory\.example\.org(/admin/reset/\S+/)", mailoutbox[0].body)

    form_page = client.get(link.group(1), follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response.url == "/admin/reset/done/"
    staff.refresh_from_db()
    assert staff.check_password(NEW_PASSWORD)


def test_an_unknown_email_gets_the_same_answer_and_no_mail(client, mailoutbox):
    response = ask(client, "nobody@example.org")

    assert (response.status_code, response.url) == (302, DONE)
    assert mailoutbox == []


def test_accounts_without_staff_status_get_no_mail(client, mailoutbox):
    UserFactory(email="visitor@example.org", is_staff=False)

    ask(client, "visitor@example.org")

    assert mailoutbox == []


def test_one_email_address_gets_a_limited_number_of_mails(client, staff, mailoutbox):
    answers = [
        ask(client, "Staff@Example.org", address=f"198.51.100.{n}") for n in range(EMAIL_LIMIT + 2)
    ]

    assert len(mailoutbox) == EMAIL_LIMIT
    assert {(answer.status_code, answer.url) for answer in answers} == {(302, DONE)}


def test_one_address_gets_a_limited_number_of_requests(client, mailoutbox):
    for n in range(ADDRESS_LIMIT + 2):
        UserFactory(email=f"staff{n}@example.org", is_staff=True)

    answers = [ask(client, f"staff{n}@example.org") for n in range(ADDRESS_LIMIT + 2)]

    assert len(mailoutbox) == ADDRESS_LIMIT
    assert {(answer.status_code, answer.url) for answer in answers} == {(302, DONE)}


def test_a_refusal_is_logged_with_the_address_but_not_the_email(client, staff, caplog):
    with caplog.at_level(logging.INFO, logger="security"):
        for _ in range(EMAIL_LIMIT + 1):
            ask(client, "staff@example.org")

    [line] = [m for m in caplog.messages if m.startswith("password reset refused")]
    assert line == "password reset refused: ip=198.51.100.20 limit=email"


def test_development_prints_emails_to_the_terminal():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.EMAIL_BACKEND)",
        env_overrides={"DJANGO_ENV": "development"},
        remove=("EMAIL_BACKEND",),
    )

    assert (
        result.stdout.strip().splitlines()[-1] == "django.core.mail.backends.console.EmailBackend"
    )
