"""Audit trail for sign-in and access control, written to the "security" logger.

Every sign-in, failed sign-in, sign-out, lockout and refused admin request is
logged with the account name, client address and path. Passwords never are:
only the username is read from the credentials Django passes along.
"""

from __future__ import annotations

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

logger = logging.getLogger("security")


def client_address(request) -> str:
    if request is None:
        return "-"
    # AxesMiddleware has already resolved the address (it honours DJANGO_PROXY_COUNT).
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR", "-")


def _printable(value: str) -> str:
    """Attacker-typed text (a username) must not be able to forge extra log lines."""
    return "".join(ch if ch.isprintable() else "?" for ch in value)


def _username(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return "anonymous"
    return user.get_username()


def log_refusal(request, reason: str) -> None:
    """Record a refused request once; the middleware below will not log it again."""
    request._security_refusal_logged = True
    logger.warning(
        "access refused: user=%s ip=%s method=%s path=%s reason=%s",
        _username(getattr(request, "user", None)),
        client_address(request),
        request.method,
        request.get_full_path(),
        reason,
    )


class RefusedAccessLogMiddleware:
    """Logs every 403 from the admin, including Django's own permission checks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 403
            and request.path.startswith("/admin/")
            and not getattr(request, "_security_refusal_logged", False)
        ):
            log_refusal(request, "permission denied")
        return response


@receiver(user_logged_in, dispatch_uid="security_user_logged_in")
def log_sign_in(sender, request, user, **kwargs):
    logger.info("sign-in: user=%s ip=%s", user.get_username(), client_address(request))


@receiver(user_login_failed, dispatch_uid="security_user_login_failed")
def log_failed_sign_in(sender, credentials, request=None, **kwargs):
    # Only the username: Django masks the password already, and we never want it.
    username = (credentials or {}).get("username", "")
    logger.warning(
        "failed sign-in: user=%s ip=%s path=%s",
        _printable(username[:150]) or "-",
        client_address(request),
        request.path if request is not None else "-",
    )


@receiver(user_logged_out, dispatch_uid="security_user_logged_out")
def log_sign_out(sender, request, user, **kwargs):
    logger.info("sign-out: user=%s ip=%s", _username(user), client_address(request))


def log_lockout(sender, request, username, ip_address, **kwargs):
    logger.warning(
        "account locked out: user=%s ip=%s", _printable(username or "-"), ip_address or "-"
    )


def connect_axes_signals() -> None:
    from axes.signals import user_locked_out

    user_locked_out.connect(log_lockout, dispatch_uid="security_user_locked_out")
