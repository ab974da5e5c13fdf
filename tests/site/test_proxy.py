"""The real client address behind reverse proxies (used by lockouts and rate limits)."""

from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from config.site.middleware import TrustedProxyMiddleware


def client_address(meta: dict) -> str:
    seen = {}

    def view(request):
        seen["ip"] = request.META["REMOTE_ADDR"]
        return HttpResponse()

    request = RequestFactory().get("/", **meta)
    TrustedProxyMiddleware(view)(request)
    return seen["ip"]


@override_settings(PROXY_COUNT=0)
def test_forwarded_header_is_ignored_without_trusted_proxies():
    meta = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    assert client_address(meta) == "10.0.0.5"


@override_settings(PROXY_COUNT=1)
def test_one_trusted_proxy_yields_the_address_it_saw():
    meta = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.9"}
    assert client_address(meta) == "203.0.113.9"


@override_settings(PROXY_COUNT=2)
def test_forged_left_entries_are_not_trusted():
    meta = {
        "REMOTE_ADDR": "10.0.0.5",
        "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.9, 10.0.0.4",
    }
    assert client_address(meta) == "203.0.113.9"


@override_settings(PROXY_COUNT=2)
def test_short_header_leaves_the_socket_address():
    meta = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    assert client_address(meta) == "10.0.0.5"
