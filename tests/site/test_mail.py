"""The site's emails: one multipart copy per recipient, sent after commit, and the
production SMTP path proved against a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.db import transaction

from config.site import mail
from tests.factories import ClinicFactory, ProblemReportFactory
from tests.site.test_settings import database_url, production_env, run_manage  # noqa: F401

pytestmark = pytest.mark.django_db


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self) -> list[email.message.EmailMessage]:
        return [
            email.message_from_bytes(envelope.original_content, policy=policy.default)
            for envelope in self.envelopes
        ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1 and a free port, stopped after the test."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller, inbox
    finally:
        controller.stop()


def test_every_recipient_gets_their_own_copy(mailoutbox):
    sent = mail.send_templated_mail(
        "clinics/problem_report_received",
        recipients=["b@example.org", "a@example.org", "a@example.org"],
        context={"clinic_name": "Oak Clinic", "category": "Phone", "admin_url": "https://x/"},
    )

    assert sent == 2
    assert [message.to for message in mailoutbox] == [["a@example.org"], ["b@example.org"]]


def test_a_mail_has_a_plain_text_body_and_an_html_alternative(mailoutbox):
    mail.send_templated_mail(
        "clinics/problem_report_received",
        recipients=["a@example.org"],
        context={"clinic_name": "Oak Clinic", "category": "Phone", "admin_url": "https://x/"},
    )

    [message] = mailoutbox
    assert "Oak Clinic" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert "<strong>Oak Clinic</strong>" in html


def test_names_are_not_html_escaped_in_the_subject_or_the_text(mailoutbox):
    mail.send_templated_mail(
        "clinics/problem_report_received",
        recipients=["a@example.org"],
        context={"clinic_name": "Oak & Elm", "category": "Phone", "admin_url": "https://x/"},
    )

    [message] = mailoutbox
    assert message.subject == "New problem report: Oak & Elm"
    assert "listing for Oak & Elm." in message.body
    assert "Oak &amp; Elm" in message.alternatives[0][0]


def test_no_recipients_sends_nothing(mailoutbox):
    assert mail.send_templated_mail("clinics/stale_listing", recipients=[], context={}) == 0
    assert mailoutbox == []


def test_a_mail_waits_for_the_commit(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            mail.after_commit(
                mail.send_templated_mail,
                template="clinics/stale_listing",
                recipients=["a@example.org"],
                context={"clinic_name": "Oak Clinic", "admin_url": "https://x/"},
            )
            assert mailoutbox == []

    assert len(mailoutbox) == 1


def test_a_failing_mail_server_does_not_undo_the_change(
    settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    clinic = ClinicFactory()

    with django_capture_on_commit_callbacks(execute=True):
        ProblemReportFactory(clinic=clinic)
        mail.after_commit(
            mail.send_templated_mail,
            template="clinics/stale_listing",
            recipients=["a@example.org"],
            context={"clinic_name": clinic.name, "admin_url": "https://x/"},
        )

    assert clinic.problem_reports.count() == 1
    assert "Error calling send_templated_mail in on_commit()" in caplog.text


def test_mail_goes_out_through_a_real_smtp_server(settings, smtp_server):
    controller, inbox = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.DEFAULT_FROM_EMAIL = "directory@example.org"

    mail.send_templated_mail(
        "clinics/problem_report_received",
        recipients=["staff@example.org"],
        context={"clinic_name": "Oak Clinic", "category": "Phone", "admin_url": "https://x/"},
    )

    [envelope] = inbox.envelopes
    assert envelope.mail_from == "directory@example.org"
    assert envelope.rcpt_tos == ["staff@example.org"]
    [message] = inbox.messages()
    assert message["Subject"] == "New problem report: Oak Clinic"
    assert message.get_content_type() == "multipart/alternative"
    parts = [part.get_content_type() for part in message.iter_parts()]
    assert parts == ["text/plain", "text/html"]


def test_production_sends_through_the_smtp_server_the_environment_names(
    smtp_server,
    database_url,  # noqa: F811
):
    """DJANGO_ENV=production with only EMAIL_* variables set: Django's own test mail arrives."""
    controller, inbox = smtp_server
    env = {
        **production_env(database_url),
        "EMAIL_HOST": controller.hostname,
        "EMAIL_PORT": str(controller.port),
        "DEFAULT_FROM_EMAIL": "directory@example.org",
    }

    result = run_manage(
        "sendtestemail", "ops@example.org", env_overrides=env, remove=("EMAIL_BACKEND",)
    )

    assert result.returncode == 0, result.stderr
    [envelope] = inbox.envelopes
    assert envelope.mail_from == "directory@example.org"
    assert envelope.rcpt_tos == ["ops@example.org"]
