"""Password reset by email for staff accounts: Django's own views, rate-limited.

The admin's sign-in page links to it ("Forgotten your password or username?") because
the URL named ``admin_password_reset`` exists (config/urls.py); Django's admin
templates render the pages. Only active staff accounts with a usable password get an
email, as there is nothing else here to sign in to.

Every request counts against the sender's address and against the email address
typed, for an hour. Over either limit no email is sent, but the visitor sees the same
"check your email" page as always: that page never says whether an account exists,
and neither may the limit. The refusal is logged to the "security" logger with the
address only. Counts live in the shared cache under keyed hashes, never the raw
address or email.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.views import PasswordResetView
from django.core.cache import cache
from django.http import HttpResponseRedirect

from config.site.security import client_address, log_event

ADDRESS_LIMIT = 5  # requests per address per window
EMAIL_LIMIT = 3  # requests per email address per window
WINDOW_SECONDS = 60 * 60


def _over_limit(kind: str, value: str, limit: int) -> bool:
    """Count one more request for this value; True once it is over the limit.

    A fixed window from the first request. Not atomic (two requests at the same moment
    may both pass), which costs at most a few extra emails, not the limit itself.
    """
    digest = hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()
    key = f"password-reset:{kind}:{digest[:32]}"
    now = time.time()
    started, count = cache.get(key) or (now, 0)
    if now - started >= WINDOW_SECONDS:
        started, count = now, 0
    count += 1
    cache.set(key, (started, count), timeout=max(1, int(started + WINDOW_SECONDS - now)))
    return count > limit


class StaffPasswordResetForm(PasswordResetForm):
    def get_users(self, email):
        return (user for user in super().get_users(email) if user.is_staff)


class StaffPasswordResetView(PasswordResetView):
    form_class = StaffPasswordResetForm

    @property
    def extra_email_context(self) -> dict:
        # The link points at the configured site, not at whatever Host the request named.
        site = urlsplit(settings.SITE_URL)
        return {"site_name": settings.SITE_NAME, "domain": site.netloc, "protocol": site.scheme}

    def form_valid(self, form):
        address = client_address(self.request)
        if _over_limit("address", address, ADDRESS_LIMIT):
            return self._refused(address, limit="address")
        if _over_limit("email", form.cleaned_data["email"].strip().lower(), EMAIL_LIMIT):
            return self._refused(address, limit="email")
        return super().form_valid(form)

    def _refused(self, address: str, *, limit: str):
        log_event(logging.WARNING, "password reset refused", ip=address, limit=limit)
        # The page every request gets, so nothing tells an account apart.
        return HttpResponseRedirect(self.get_success_url())
