"""A short-lived cache of public pages for anonymous visitors.

Public pages are the same for every anonymous visitor, so a page rendered once
can be served again for PAGE_CACHE_SECONDS. Every saved or deleted clinic,
article or reference row bumps a generation number stored beside each page,
and a page from an older generation is never served, so an edit shows at once.
The cache lives in the same PostgreSQL, so the bump commits together with the
edit. The short lifetime bounds what changes with the clock alone ("Open now",
a scheduled article going live).

Signed-in staff (anyone with a session cookie) and visitors with pending
messages always get a freshly rendered page.
"""

from __future__ import annotations

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache

GENERATION_KEY = "page-cache-generation"


def current_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = 1
        cache.add(GENERATION_KEY, generation, timeout=None)
    return generation


def invalidate(**kwargs) -> None:
    """Make every cached page stale (a signal receiver; see connect_invalidation)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet: nothing cached under a generation
        cache.add(GENERATION_KEY, 2, timeout=None)


def _cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def cache_public_page(view):
    """Serve a view's 200 responses from the cache for anonymous visitors."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = "page:" + hashlib.sha256(request.get_full_path().encode()).hexdigest()
        # One round trip: the page is stored with the generation it was made in.
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            generation = current_generation()
        stored = found.get(key)
        if stored is not None and stored[0] == generation:
            return stored[1]
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, (generation, response), settings.PAGE_CACHE_SECONDS)
        return response

    return wrapper


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
