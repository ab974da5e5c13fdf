"""Client address behind a reverse proxy."""

from django.conf import settings


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
