"""A short-lived cache of public pages for anonymous visitors.

Public pages are the same for every anonymous visitor, so a page rendered once
can be served again for PAGE_CACHE_SECONDS. The short lifetime bounds what
changes with the clock alone ("Open now", a scheduled article going live).

One page, one entry. A page is stored under its path and the query parameters
its view reads: each view names them (`@cache_public_page(params=...)`), and
only those, with empty values dropped and the rest sorted, make the key. The view
itself is handed that same cleaned query string, so `?q=ptsd&utm_source=x` and
`?utm_source=x&q=ptsd&near=` are one entry and the same page, and a crawler
adding junk parameters cannot fill the cache.

An edit shows at once. Every page is stored beside the generation it was rendered
in, a random token; a page from another generation is never served. Every saved
or deleted clinic, article or reference row replaces the token once its
transaction commits (once per transaction, however many rows it wrote). A fresh
token, rather than a counter, needs no atomic increment and can never come back:
if the token is lost (culled, evicted, a flushed Redis), every page is stale.

The cache is Django's default cache: a table in the site's PostgreSQL, or Redis
when CACHE_URL names one, which several app servers share.

Signed-in staff (anyone with a session cookie) and visitors with pending
messages always get a freshly rendered page.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable, Iterable
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.http import QueryDict
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache-generation"


def _new_generation() -> str:
    return uuid.uuid4().hex


def _bump_generation() -> None:
    cache.set(GENERATION_KEY, _new_generation(), timeout=None)


def invalidate(*, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Make every cached page stale when the current transaction commits (a signal receiver).

    Not before: a page rendered between a new token and the commit would not show
    the edit yet would be stored under the new token. Once, however many rows the
    transaction wrote.
    """
    if settings.PAGE_CACHE_SECONDS <= 0:
        return
    connection = transaction.get_connection(using)
    # The pending callbacks of this transaction; a savepoint rolled back takes its own
    # away, so a later write in the outer transaction registers the bump again.
    if any(callback is _bump_generation for _, callback, _ in connection.run_on_commit):
        return
    # robust: the edit is already committed, so a cache that cannot be reached must not
    # turn it into an error page (Django logs the failure).
    transaction.on_commit(_bump_generation, using=using, robust=True)


def _param_names(sources) -> frozenset[str]:
    """Query parameter names from names, Form classes and FilterSet classes."""
    names = set()
    for source in sources:
        if isinstance(source, str):
            names.add(source)
        elif hasattr(source, "base_filters"):  # a django-filter FilterSet
            names.update(source.base_filters)
            names.update(source._meta.form.base_fields)
        elif hasattr(source, "base_fields"):  # a Form
            names.update(source.base_fields)
        else:
            raise TypeError(f"Not a parameter name, Form or FilterSet: {source!r}")
    return frozenset(names)


def canonical_query(query: QueryDict, names: frozenset[str]) -> str:
    """The known parameters of a query string, empty values and repeats dropped, sorted."""
    pairs = []
    for name in sorted(names & query.keys()):
        pairs.extend((name, value) for value in sorted(set(query.getlist(name))) if value)
    return urlencode(pairs)


def _cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def cache_public_page(view: Callable | None = None, *, params: Iterable = ()):
    """Serve a view's 200 responses from the cache for anonymous visitors.

    `params` names the query parameters the view reads: names, or Form and FilterSet
    classes standing for their fields. The view sees only those (cleaned as in
    `canonical_query`), whether the page comes from the cache or not. Bare
    `@cache_public_page` is for views that read no query parameters.
    """
    names = _param_names(params)

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            query = canonical_query(request.GET, names)
            request.GET = QueryDict(query, encoding=request.encoding)
            # A copy: the server's own environ keeps what the client sent.
            request.META = {**request.META, "QUERY_STRING": query}
            if not _cacheable_request(request):
                return view(request, *args, **kwargs)
            key = "page:" + hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()
            response, generation = _lookup(key)
            if response is None:
                response = view(request, *args, **kwargs)
                if generation is not None:
                    _store(key, generation, response)
            return response

        return wrapper

    return decorator(view) if view is not None else decorator


def _lookup(key: str):
    """The cached page (or None) and the current generation (None if Redis is unreachable)."""
    try:
        # One round trip: the page is stored with the generation it was made in.
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            # If another worker adds a token first, this page is stored under a token
            # that never becomes current: one wasted entry, never a stale page.
            generation = _new_generation()
            cache.add(GENERATION_KEY, generation, timeout=None)
    except RedisError as error:
        # Pages can be made without the cache, only more slowly.
        logger.warning("Page cache unavailable, rendering without it (%s)", error)
        return None, None
    stored = found.get(key)
    if stored is not None and stored[0] == generation:
        return stored[1], generation
    return None, generation


def _store(key: str, generation, response) -> None:
    if response.status_code != 200 or response.streaming or response.cookies:
        return
    # A view keeps a page out by marking it private or no-store (as a crisis search is).
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control:
        return
    try:
        cache.set(key, (generation, response), settings.PAGE_CACHE_SECONDS)
    except RedisError as error:
        logger.warning("Page cache unavailable, page not stored (%s)", error)


def connect_invalidation(app_config, *, skip: tuple[str, ...] = ()) -> None:
    """Bump the generation whenever a public model of this app is saved, deleted or relinked.

    `skip` names models that never show on a public page (history rows are always skipped).

    A signal is the one place that sees every write (admin, services, imports,
    shell) without each of them having to remember the cache.
    """
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for model in app_config.get_models():
        if model.__name__ in skip or model.__name__.startswith("Historical"):
            continue
        post_save.connect(
            invalidate, sender=model, dispatch_uid=f"page-cache-save-{model._meta.label}"
        )
        post_delete.connect(
            invalidate, sender=model, dispatch_uid=f"page-cache-delete-{model._meta.label}"
        )
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                invalidate, sender=through, dispatch_uid=f"page-cache-m2m-{through._meta.label}"
            )
