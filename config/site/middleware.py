"""Client address behind a reverse proxy; the page shown while the database is down;
the Permissions-Policy header; the language picked by the path alone."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)


class TrustedProxyMiddleware:
    """Set REMOTE_ADDR to the real client when the site sits behind known proxies.

    With DJANGO_PROXY_COUNT=N, the N right-most X-Forwarded-For entries were
    added by our own proxies, so the client is the entry just before them.
    Anything further left is client-supplied and never trusted. With N=0 (the
    default) the header is ignored entirely, since a client could forge it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.proxy_count = settings.PROXY_COUNT

    def __call__(self, request):
        if self.proxy_count:
            forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
            hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
            if len(hops) >= self.proxy_count:
                request.META["REMOTE_ADDR"] = hops[-self.proxy_count]
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """Answer 503 with the site's own page while the database cannot be reached.

    A view that cannot reach PostgreSQL would otherwise be a 500 with a full
    traceback in the log for every request. Instead the visitor gets a page that
    still carries the crisis line, with Retry-After, and the log one line per
    request. Nothing here needs the database, and nothing needs resetting when it
    returns: Django drops a broken connection at the end of the request and the
    next request connects afresh.
    """

    RETRY_AFTER_SECONDS = 30

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        # The path only, as every other error line: no query string (search words).
        reason = (str(exception).strip().splitlines() or [""])[0]
        logger.error(
            "Database unavailable, answered 503: %s %s (%s: %s)",
            request.method,
            request.path,
            type(exception).__name__,
            reason,
        )
        # No request context: its processors and the template must not touch the database.
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        # The line above is this request's log line; Django would add a second.
        response._has_been_logged = True
        return response


class PermissionsPolicyMiddleware:
    """Tell browsers that no page here may use the camera, location, payments and the like.

    The site needs none of these powerful features, so a script that ever got onto a
    page (or a frame of ours on another site) cannot ask the visitor for them either.
    ``interest-cohort`` is the older name of ``browsing-topics`` (ad-interest tracking).
    """

    POLICY = ", ".join(
        f"{feature}=()"
        for feature in (
            "accelerometer",
            "autoplay",
            "browsing-topics",
            "camera",
            "display-capture",
            "encrypted-media",
            "geolocation",
            "gyroscope",
            "hid",
            "idle-detection",
            "interest-cohort",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "publickey-credentials-get",
            "screen-wake-lock",
            "serial",
            "usb",
            "xr-spatial-tracking",
        )
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.POLICY)
        return response


class PathLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, without ``Vary: Accept-Language``; the language ends
    with its request.

    With ``prefix_default_language=False`` the path alone picks the language (English
    without a prefix, Spanish under /es/), never the browser's Accept-Language, so
    shared caches need not keep a copy of each page per browser language.
    """

    def process_response(self, request, response):
        response = super().process_response(request, response)
        vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
        kept = [value for value in vary if value.lower() != "accept-language"]
        if kept != vary:
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        # Django leaves the language active in the thread: work done later in it outside a
        # request (a command, a test, mail sent after commit) must get English.
        translation.deactivate()
        return response
