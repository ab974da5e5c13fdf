"""Every value in a security-log line is escaped, so nothing a client sends can forge a line."""

import logging

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from config.site.security import log_failed_sign_in, log_refusal
from tests.factories import ClinicFactory, clinic_staff_user

LINE_BREAKS = ("\r", "\n", "\u2028", "\u2029", "\x85")


def security_lines(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "security"]


@pytest.mark.django_db
def test_a_refused_path_with_encoded_line_breaks_stays_on_one_line(client, caplog):
    client.force_login(clinic_staff_user(ClinicFactory(), username="probe"))

    with caplog.at_level(logging.INFO, logger="security"):
        response = client.get("/admin/auth/user/?q=%0d%0aaccess+refused:+user=root%E2%80%A8x")

    assert response.status_code == 403
    [line] = [line for line in security_lines(caplog) if line.startswith("access refused")]
    assert not any(mark in line for mark in LINE_BREAKS)
    assert line.endswith(
        "path=/admin/auth/user/?q=%0d%0aaccess+refused:+user=root%E2%80%A8x "
        "reason=permission denied"
    )


def test_every_field_of_a_refusal_is_escaped(caplog):
    request = RequestFactory().get("/admin/a\u2029b")
    request.user = AnonymousUser()
    request.method = "GET\r\nX"
    request.META["REMOTE_ADDR"] = "203.0.113.5\nsign-in: user=admin"

    with caplog.at_level(logging.INFO, logger="security"):
        log_refusal(request, "inline 7\r\nfaked of another clinic\x1b[2J")

    [line] = security_lines(caplog)
    # Django itself percent-encodes the path; everything else is escaped here.
    assert line == (
        "access refused: user=anonymous ip=203.0.113.5\\nsign-in:\\x20user=admin "
        "method=GET\\r\\nX path=/admin/a%E2%80%A9b "
        "reason=inline 7\\r\\nfaked of another clinic\\x1b[2J"
    )


def test_every_field_of_a_failed_sign_in_is_escaped(caplog):
    request = RequestFactory().post("/admin/login/")
    request.path = "/admin/login/\r\n\u2028"
    request.META["REMOTE_ADDR"] = "203.0.113.5\u2028"

    with caplog.at_level(logging.INFO, logger="security"):
        log_failed_sign_in(None, {"username": "eve\nsign-in: user=admin"}, request)

    [line] = security_lines(caplog)
    assert line == (
        "failed sign-in: user=eve\\nsign-in:\\x20user=admin ip=203.0.113.5\\u2028 "
        "path=/admin/login/\\r\\n\\u2028"
    )


@pytest.mark.django_db
def test_a_typed_username_cannot_pose_as_another_field(client, caplog):
    with caplog.at_level(logging.INFO, logger="security"):
        client.post(
            "/admin/login/", {"username": "mallory ip=10.0.0.1\\x", "password": "wrong-pass-123"}
        )

    [line] = [line for line in security_lines(caplog) if line.startswith("failed sign-in")]
    assert line.startswith("failed sign-in: user=mallory\\x20ip=10.0.0.1\\\\x ip=127.0.0.1 ")
