"""Demo articles and article-role accounts (demo mode only).

The article text lives in articles/demo_content.py (AUTHORS, REVIEWERS, TOPICS,
ARTICLES); this module only loads it. Every row it creates is marked is_demo.
"""

from __future__ import annotations

import datetime
import importlib
import secrets

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from articles import services
from articles.models import Article, Author, Reference, Reviewer, Topic
from articles.roles import EDITORS, MEDICAL_REVIEWERS, WRITERS, sync_workflow_groups
from clinics.models import Condition

REVIEWED_DAYS_AGO = 21


def _load_content():
    try:
        return importlib.import_module("articles.demo_content")
    except ModuleNotFoundError as error:
        if error.name != "articles.demo_content":
            raise
        return None


@transaction.atomic
def seed_articles() -> int:
    """Create or update the demo articles, reviewed and published; returns how many exist."""
    content = _load_content()
    if content is None:
        return 0

    authors = {}
    for item in content.AUTHORS:
        authors[item["key"]], _ = Author.objects.update_or_create(
            display_name=item["display_name"],
            defaults={
                "credentials": item.get("credentials", ""),
                "bio": item.get("bio", ""),
                "is_demo": True,
            },
        )
    reviewers = {}
    for item in content.REVIEWERS:
        reviewers[item["key"]], _ = Reviewer.objects.update_or_create(
            display_name=item["display_name"],
            defaults={"credentials": item.get("credentials", ""), "is_demo": True},
        )
    topics = {}
    for slug, name in content.TOPICS:
        topics[slug], _ = Topic.objects.update_or_create(slug=slug, defaults={"name": name})
    conditions = {condition.slug: condition for condition in Condition.objects.all()}

    today = timezone.localdate()
    reviewed_on = today - datetime.timedelta(days=REVIEWED_DAYS_AGO)
    count = len(content.ARTICLES)
    for index, item in enumerate(content.ARTICLES):
        article, _ = Article.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "title": item["title"],
                "summary": item["summary"],
                "body": item["body"],
                "is_demo": True,
            },
        )
        article.topics.set([topics[slug] for slug in item.get("topics", []) if slug in topics])
        article.conditions.set(
            [conditions[slug] for slug in item.get("conditions", []) if slug in conditions]
        )
        article.authors.set([authors[key] for key in item.get("authors", []) if key in authors])
        article.references.all().delete()
        Reference.objects.bulk_create(
            Reference(
                article=article,
                order=order,
                authors=ref.get("authors", ""),
                title=ref["title"],
                source=ref.get("source", ""),
                year=ref.get("year") or None,
                doi=ref.get("doi", ""),
                url=ref.get("url", ""),
            )
            for order, ref in enumerate(item.get("references", []), start=1)
        )
        # Keep the first publication date across reseeds; stagger them so the
        # list has a stable newest-first order matching the content file.
        publish_at = article.first_published_at or (
            timezone.now() - datetime.timedelta(days=REVIEWED_DAYS_AGO - 1, hours=count - index)
        )
        services.article_seed_published(
            article=article,
            reviewer=reviewers[item["reviewer"]],
            reviewed_on=reviewed_on,
            publish_at=publish_at,
        )
    return Article.objects.filter(is_demo=True).count()


DEMO_ACCOUNTS = [
    ("Article writer", "demo-writer", WRITERS, "drafts articles and submits them for review"),
    (
        "Medical reviewer",
        "demo-reviewer",
        MEDICAL_REVIEWERS,
        "approves articles or sends them back",
    ),
    ("Article editor", "demo-editor", EDITORS, "publishes, schedules, unpublishes, restores"),
]


@transaction.atomic
def seed_article_accounts() -> list[tuple[str, str, str, str]]:
    """Create missing writer/reviewer/editor demo accounts; same shape as seed_accounts()."""
    if not settings.DEMO_MODE:
        return []
    sync_workflow_groups(django_apps)
    User = get_user_model()
    created = []
    for role, username, group_name, note in DEMO_ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(
            username=username,
            password=password,
            email=f"{username}@example.org",
            is_staff=True,
            first_name="Demo",
            last_name=role,
        )
        user.groups.add(Group.objects.get(name=group_name))
        if group_name == MEDICAL_REVIEWERS:
            Reviewer.objects.update_or_create(
                user=user,
                defaults={
                    "display_name": "Demo Reviewer (sample reviewer)",
                    "credentials": "MD (sample data)",
                    "is_demo": True,
                },
            )
        created.append((role, username, password, note))
    return created
