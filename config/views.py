"""Site-wide pages that belong to no single app: home, about, health, robots."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from clinics.models import Condition
from config.page_cache import cache_public_page

logger = logging.getLogger(__name__)


@require_safe
@cache_public_page
def home(request):
    conditions = Condition.objects.only("name", "slug")
    return render(request, "pages/home.html", {"conditions": conditions})


@require_safe
def about(request):
    return render(request, "pages/about.html")


@require_safe
@never_cache
def healthz(request):
    """200 when the database answers a trivial query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unavailable")
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
