"""HTTP behaviour shared by every HSDS endpoint: JSON errors, CORS, caching, rate limit.

- **Errors** are JSON problem details (RFC 9457, ``application/problem+json``) with
  one entry per bad parameter; HSDS 3.0 defines no error format of its own.
- **CORS:** any web page may read the API with GET (``Access-Control-Allow-Origin: *``,
  no credentials: the API reads no cookies). Only views under /api/ use this module.
- **Caching:** 200 responses are kept in the page cache under their path and the
  endpoint's own parameters, and go stale on any edit, like the public pages. Each
  carries a strong ``ETag`` (a hash of the body); a request whose ``If-None-Match``
  names it gets 304. ``Last-Modified`` says when the newest clinic in the response
  was last edited; it is information only, never grounds for a 304, because neither a
  clinic dropping out of a list nor an edit of a treatment's name moves it.
  ``Cache-Control: no-cache`` lets browsers and proxies keep a copy but ask each time.
- **Rate limit:** each client (a keyed hash of ``REMOTE_ADDR``, never the address
  itself) may make ``HSDS_RATE_LIMIT`` requests per ``HSDS_RATE_WINDOW`` seconds,
  counted in Django's cache (so across workers and servers), cached answers included;
  past that it gets 429 with ``Retry-After``. With the database cache the count can
  slip by a request or two under concurrency; with Redis it is exact.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from redis.exceptions import RedisError

from config.site.page_cache import cache_public_page

logger = logging.getLogger(__name__)

JSON = "application/json"
NDJSON = "application/x-ndjson"
PROBLEM = "application/problem+json"
TITLES = {400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 429: "Too Many Requests"}


class ApiError(Exception):
    def __init__(self, status: int, detail: str, errors: list[dict] | None = None):
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors or []


def json_response(data, *, status: int = 200, content_type: str = JSON) -> HttpResponse:
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body, status=status, content_type=f"{content_type}; charset=utf-8")


def problem(status: int, detail: str, errors: list[dict] | None = None) -> HttpResponse:
    data = {"type": "about:blank", "title": TITLES.get(status, "Error"), "status": status}
    data["detail"] = detail
    if errors:
        data["errors"] = errors
    return json_response(data, status=status, content_type=PROBLEM)


def _with_cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    # ETag and Retry-After are not readable by scripts on other sites unless named.
    response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
    return response


def _preflight() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
    response["Access-Control-Max-Age"] = "86400"
    return response


def client_key(request) -> str:
    """A keyed hash of the client address: counts per client without keeping the address."""
    address = request.META.get("REMOTE_ADDR", "")
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def _rate_limited(request) -> HttpResponse | None:
    limit, window = settings.HSDS_RATE_LIMIT, settings.HSDS_RATE_WINDOW
    if limit <= 0:
        return None
    now = time.time()
    slot = int(now // window)
    key = f"hsds-rate:{client_key(request)[:32]}:{slot}"
    try:
        if cache.add(key, 1, timeout=window + 1):
            count = 1
        else:
            count = cache.incr(key)
    except (RedisError, ValueError):
        # An unreachable cache, or a count that expired between the two calls: serve.
        return None
    if count <= limit:
        return None
    retry_after = max(1, int((slot + 1) * window - now + 0.999))
    logger.info("HSDS API request refused by the rate limit (client %s…).", key[10:18])
    response = problem(
        429, f"More than {limit} requests in {window} seconds; try again in {retry_after} s."
    )
    response["Retry-After"] = str(retry_after)
    return response


def _with_etag(view):
    """Answer ApiError with problem details, and give 200 responses a strong ETag."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except ApiError as error:
            return problem(error.status, error.detail, error.errors)
        if response.status_code == 200 and not response.streaming:
            response["ETag"] = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
            response["Cache-Control"] = "no-cache"
        return response

    return wrapper


def api_view(view=None, *, params=()):
    """Make `view` an HSDS endpoint: methods, CORS, rate limit, page cache, ETag, errors.

    `params` names the query parameters the view reads (Form classes), as for
    ``cache_public_page``: the view sees only those.
    """

    def decorator(view):
        cached = cache_public_page(_with_etag(view), params=params)

        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "OPTIONS":
                return _with_cors(_preflight())
            if request.method not in ("GET", "HEAD"):
                response = problem(405, "This API is read-only: use GET.")
                response["Allow"] = "GET, HEAD, OPTIONS"
                return _with_cors(response)
            refused = _rate_limited(request)
            if refused is not None:
                return _with_cors(refused)
            response = cached(request, *args, **kwargs)
            etag = response.get("ETag") if response.status_code == 200 else None
            if etag:
                # No last_modified: only If-None-Match decides (see the module docstring).
                response = get_conditional_response(request, etag=etag, response=response)
            return _with_cors(response)

        return wrapper

    return decorator(view) if view is not None else decorator


def set_last_modified(response: HttpResponse, moment) -> HttpResponse:
    if moment is not None:
        response["Last-Modified"] = http_date(moment.timestamp())
    return response
