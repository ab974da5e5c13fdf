"""Site-wide pages that belong to no single app: home, about, policies, open data, health,
robots."""

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from config.site.page_cache import cache_public_page

logger = logging.getLogger(__name__)


@require_safe
@cache_public_page
def home(request):
    # The condition choices come from the clinics app's {% condition_options %} tag.
    return render(request, "pages/home.html")


@require_safe
def about(request):
    return render(request, "pages/about.html")


@require_safe
def editorial_policy(request):
    # The review interval comes from the articles app's {% review_interval %} tag.
    return render(
        request,
        "pages/editorial_policy.html",
        {"corrections_email": settings.CORRECTIONS_EMAIL},
    )


@require_safe
def how_results_are_ordered(request):
    return render(request, "pages/how_results_are_ordered.html")


@require_safe
def open_data(request):
    # The API lives in the clinics app; this page only names its addresses and terms.
    return render(
        request,
        "pages/open_data.html",
        {
            "publisher": settings.HSDS_PUBLISHER,
            "license": settings.HSDS_LICENSE,
            "rate_limit": settings.HSDS_RATE_LIMIT,
            "rate_window": settings.HSDS_RATE_WINDOW,
            "api_root": settings.SITE_URL + reverse("hsds:root"),
            "openapi_url": settings.SITE_URL + reverse("hsds:openapi"),
        },
    )


@require_safe
@never_cache
def healthz(request):
    """200 when the database answers a trivial query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # One line: a load balancer asks every few seconds for as long as the outage lasts.
        reason = (str(error).strip().splitlines() or [""])[0]
        logger.error("Health check: database unavailable (%s)", reason)
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /articles/preview/",
        "Disallow: /clinics/*/report/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
