"""Mail about clinics: new problem reports, and reminders of listings nobody has checked."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from clinics import services
from clinics.models import Clinic, StaleListingReminder
from tests.factories import ClinicFactory, UserFactory, clinic_staff_user, directory_admin_user

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)
LONG_AGO = TODAY - datetime.timedelta(days=400)


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://directory.example.org"


# --- New problem reports ---------------------------------------------------------------


def report(clinic, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return services.problem_report_submit(
            clinic=clinic,
            category=kwargs.get("category", "hours"),
            details=kwargs.get("details", "They open at ten now."),
            reply_email=kwargs.get("reply_email", ""),
            ip_address="198.51.100.23",
        )


def test_a_report_is_mailed_to_the_clinics_staff_and_the_directory_admins(
    mailoutbox, django_capture_on_commit_callbacks
):
    clinic = ClinicFactory(name="Oak Test Clinic")
    clinic_staff_user(clinic, email="oak@example.org")
    clinic_staff_user(ClinicFactory(), email="elsewhere@example.org")
    directory_admin_user(email="admin@example.org")

    report(clinic, django_capture_on_commit_callbacks)

    assert sorted(message.to[0] for message in mailoutbox) == [
        "admin@example.org",
        "oak@example.org",
    ]
    assert mailoutbox[0].subject == "New problem report: Oak Test Clinic"


def test_inactive_accounts_and_accounts_without_email_get_no_mail(
    mailoutbox, django_capture_on_commit_callbacks
):
    clinic = ClinicFactory()
    clinic_staff_user(clinic, email="gone@example.org", is_active=False)
    clinic_staff_user(clinic, email="")

    report(clinic, django_capture_on_commit_callbacks)

    assert mailoutbox == []


def test_a_report_mail_names_the_category_and_links_the_admin_but_quotes_nothing(
    mailoutbox, django_capture_on_commit_callbacks
):
    clinic = ClinicFactory()
    clinic_staff_user(clinic, email="oak@example.org")

    sent = report(
        clinic,
        django_capture_on_commit_callbacks,
        details="My therapy there is for my depression.",
        reply_email="visitor@example.net",
    )

    [message] = mailoutbox
    html = message.alternatives[0][0]
    admin_url = f"https://directory.example.org/admin/clinics/problemreport/{sent.pk}/change/"
    for body in (message.body, html):
        assert "Opening hours are wrong" in body
        assert admin_url in body
        assert "depression" not in body
        assert "visitor@example.net" not in body


def test_a_report_refused_by_the_rate_limit_mails_nobody(
    mailoutbox, django_capture_on_commit_callbacks
):
    clinic = ClinicFactory()
    clinic_staff_user(clinic, email="oak@example.org")
    for _ in range(services.PROBLEM_REPORT_LIMIT):
        report(clinic, django_capture_on_commit_callbacks)
    mailoutbox.clear()

    with pytest.raises(services.ProblemReportRateLimited):
        report(clinic, django_capture_on_commit_callbacks)

    assert mailoutbox == []


# --- Stale listings ------------------------------------------------------------------------


def stale_clinic(**kwargs):
    clinic = ClinicFactory(last_verified_on=LONG_AGO, **kwargs)
    clinic_staff_user(clinic, email=f"{clinic.slug}@example.org")
    return clinic


def test_staff_of_a_listing_unchecked_for_a_year_are_reminded(mailoutbox):
    clinic = stale_clinic(name="Oak Test Clinic")

    assert services.stale_listing_reminders_send(today=TODAY) == 1

    [message] = mailoutbox
    assert message.to == [f"{clinic.slug}@example.org"]
    assert message.subject == "Please check your listing: Oak Test Clinic"
    assert f"/admin/clinics/clinic/{clinic.pk}/change/" in message.body


def test_a_reminder_is_recorded_with_its_recipients():
    clinic = stale_clinic()

    services.stale_listing_reminders_send(today=TODAY)

    reminder = StaleListingReminder.objects.get()
    assert (reminder.clinic, reminder.sent_on) == (clinic, TODAY)
    assert reminder.sent_to == f"{clinic.slug}@example.org"


def test_running_twice_the_same_day_sends_nothing_twice(mailoutbox):
    stale_clinic()

    services.stale_listing_reminders_send(today=TODAY)
    assert services.stale_listing_reminders_send(today=TODAY) == 0

    assert len(mailoutbox) == 1


def test_a_clinic_is_reminded_again_only_after_thirty_days(mailoutbox):
    stale_clinic()
    services.stale_listing_reminders_send(today=TODAY)

    assert services.stale_listing_reminders_send(today=TODAY + datetime.timedelta(days=29)) == 0
    assert services.stale_listing_reminders_send(today=TODAY + datetime.timedelta(days=30)) == 1


@pytest.mark.parametrize(
    "state",
    [
        {"last_verified_on": TODAY - datetime.timedelta(days=30)},
        {"staff_confirmed_on": TODAY - datetime.timedelta(days=30)},
        {"status": Clinic.Status.CLOSED},
        {"status": Clinic.Status.DRAFT},
    ],
    ids=["verified-lately", "confirmed-lately", "closed", "draft"],
)
def test_listings_checked_lately_closed_or_not_public_are_not_reminded(state, mailoutbox):
    clinic = stale_clinic()
    Clinic.objects.filter(pk=clinic.pk).update(**state)

    assert services.stale_listing_reminders_send(today=TODAY) == 0
    assert mailoutbox == []


def test_a_clinic_without_staff_is_left_to_the_directory_admins(mailoutbox):
    ClinicFactory(last_verified_on=None)
    UserFactory(is_staff=True)

    assert services.stale_listing_reminders_send(today=TODAY) == 0
    assert not StaleListingReminder.objects.exists()


def test_a_failed_mail_is_not_recorded_and_is_tried_again(settings, mailoutbox):
    stale_clinic()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there

    with pytest.raises(OSError):
        services.stale_listing_reminders_send(today=TODAY)

    assert not StaleListingReminder.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.stale_listing_reminders_send(today=TODAY) == 1


def test_the_command_reminds_and_says_how_many(mailoutbox, capsys):
    stale_clinic()
    today = timezone.localdate()
    Clinic.objects.update(last_verified_on=today - datetime.timedelta(days=400))

    call_command("send_stale_listing_reminders")

    assert capsys.readouterr().out.strip() == "Reminded the staff of 1 clinic(s)."
    assert len(mailoutbox) == 1
