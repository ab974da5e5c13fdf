from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone


class ArticleQuerySet(models.QuerySet):
    def published(self, now: datetime.datetime | None = None) -> ArticleQuerySet:
        """The one definition of "public": a live version whose publish time has passed.

        The working copy's status plays no part: a published article being revised
        stays public (its approved live version) while the revision is reviewed.
        """
        now = now or timezone.now()
        return self.filter(publish_at__isnull=False, publish_at__lte=now)

    def newest_first(self) -> ArticleQuerySet:
        return self.order_by("-publish_at", "-pk")

    def for_links(self) -> ArticleQuerySet:
        """Just what a "related articles" link shows: live title, summary, date."""
        return self.only("slug", "published_title", "published_summary", "publish_at")

    def for_cards(self) -> ArticleQuerySet:
        """Just what a list card shows (the live title, summary, dates and topics)."""
        from articles.models import Topic

        return self.only(
            "slug",
            "is_demo",
            "publish_at",
            "first_published_at",
            "live_updated_at",
            "published_title",
            "published_summary",
            "published_data",
        ).prefetch_related(models.Prefetch("topics", queryset=Topic.objects.only("name", "slug")))

    def for_detail(self) -> ArticleQuerySet:
        from articles.models import Topic
        from clinics.models import Condition

        return self.prefetch_related(
            models.Prefetch("topics", queryset=Topic.objects.only("name", "slug")),
            models.Prefetch("conditions", queryset=Condition.objects.only("name", "slug")),
        )
