"""Audit trail for sign-in and access control, written to the "security" logger.

Every sign-in, failed sign-in, sign-out, lockout and refused admin request is
logged with the account name, client address and path. Passwords never are:
only the username is read from the credentials Django passes along.

Every value in a line is escaped before it is written: a username, a path, even
an address taken from X-Forwarded-For can be typed by an attacker, and a line
break (CR, LF, U+2028, U+2029) or another control character in one of them must
not be able to forge a second log line or hide text from a terminal.
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


def _escaped(value: object, *, keep_spaces: bool = False) -> str:
    """Backslash-escape backslashes and everything not printable, so one value is one line.

    CR, LF, U+2028 and the rest come out as ``\\r``, ``\\n``, ``\\u2028``…: the log
    keeps what was sent, readably, without it ever spanning two lines. Spaces are
    escaped too (``\\x20``) except in free text, so a value cannot pose as another
    ``name=value`` pair.
    """
    escaped = []
    for ch in str(value):
        if ch == "\\":
            escaped.append("\\\\")
        elif ch == " ":
            escaped.append(" " if keep_spaces else "\\x20")
        elif ch.isprintable():
            escaped.append(ch)
        else:
            escaped.append(ch.encode("unicode_escape").decode("ascii"))
    return "".join(escaped)


def log_event(level: int, event: str, reason: str | None = None, **fields: object) -> None:
    """One line: ``event: name=value ...``, every value escaped, free-text reason last."""
    parts = [f"{name}={_escaped(value) or '-'}" for name, value in fields.items()]
    if reason is not None:
        parts.append(f"reason={_escaped(reason, keep_spaces=True)}")
    logger.log(level, "%s: %s", event, " ".join(parts))


def _username(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return "anonymous"
    return user.get_username()


def log_refusal(request, reason: str) -> None:
    """Record a refused request once; the middleware below will not log it again."""
    request._security_refusal_logged = True
    log_event(
        logging.WARNING,
        "access refused",
        user=_username(getattr(request, "user", None)),
        ip=client_address(request),
        method=request.method,
        path=request.get_full_path(),
        reason=reason,
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
    log_event(logging.INFO, "sign-in", user=user.get_username(), ip=client_address(request))


@receiver(user_login_failed, dispatch_uid="security_user_login_failed")
def log_failed_sign_in(sender, credentials, request=None, **kwargs):
    # Only the username: Django masks the password already, and we never want it.
    username = (credentials or {}).get("username", "")
    log_event(
        logging.WARNING,
        "failed sign-in",
        user=str(username)[:150],
        ip=client_address(request),
        path=request.path if request is not None else "-",
    )


@receiver(user_logged_out, dispatch_uid="security_user_logged_out")
def log_sign_out(sender, request, user, **kwargs):
    log_event(logging.INFO, "sign-out", user=_username(user), ip=client_address(request))


def log_lockout(sender, request, username, ip_address, **kwargs):
    log_event(logging.WARNING, "account locked out", user=username or "", ip=ip_address or "")


def connect_axes_signals() -> None:
    from axes.signals import user_locked_out

    user_locked_out.connect(log_lockout, dispatch_uid="security_user_locked_out")
