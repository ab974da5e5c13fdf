"""Demo articles and article-role accounts (demo mode only).

The article text lives beside this module in ``demo_articles/``: one Markdown file per
article, named ``<slug>.md``, opening with TOML front matter between ``+++`` lines::

    +++
    title = "..."
    summary = "..."
    order = 3                       # publication order; the highest is the newest
    topics = ["how-ketamine-works"]
    conditions = ["depression"]     # clinics.Condition slugs
    authors = ["avery-samplewright"]
    reviewer = "casey-placeholder"

    [[references]]
    authors = "..."
    title = "..."
    source = "..."
    year = 2020
    doi = "10.1000/xyz"
    url = "https://..."
    +++

    Markdown body...

Translations live in a folder named for their language (``demo_articles/es/<slug>.md``,
with a slug in that language) and name the English original they translate::

    translation_of = "ketamine-treatment-start-here"

They are seeded, reviewed and published after the originals, like any article. Without
a ``references`` list of its own, a translation cites its original's references, in the
same order, so its in-text numbers mean the same.

The sample authors, reviewers and topics they name live in ``demo_articles/_site.toml``;
the sources cited by the sample reviews of condition pages in ``_page_sources.toml``.
Condition and treatment pages are also reviewed in Spanish where they have Spanish text
(``clinics.reference_data``), citing the same sources.
Keeping prose in Markdown lets a writer or reviewer edit it without touching Python.
Every row this module creates is marked is_demo.
"""

from __future__ import annotations

import datetime
import re
import secrets
import tomllib
import types
from pathlib import Path

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from articles import services
from articles.models import (
    Article,
    Author,
    ContentLanguage,
    ContentReview,
    ContentSource,
    Reference,
    Reviewer,
    Topic,
    page_fields,
)
from articles.roles import EDITORS, MEDICAL_REVIEWERS, WRITERS, sync_workflow_groups
from clinics.models import Condition, Treatment

REVIEWED_DAYS_AGO = 21
CONTENT_DIR = Path(__file__).resolve().parent / "demo_articles"
SITE_FILE = "_site.toml"
PAGE_SOURCES_FILE = "_page_sources.toml"
FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\r?\n(.*?)^\+\+\+[ \t]*$(.*)\Z", re.DOTALL | re.MULTILINE)


def _read_article(path: Path, language: str = ContentLanguage.ENGLISH) -> dict:
    """One article file as a dict: its front matter plus ``slug`` (the file name),
    ``language`` (its folder's) and ``body``."""
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if match is None:
        raise ValueError(f"{path.name}: no +++ front matter at the top")
    try:
        item = tomllib.loads(match.group(1))
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path.name}: {error}") from error
    return {**item, "slug": path.stem, "language": language, "body": match.group(2).strip()}


def _read_translations(directory: Path, originals: dict[str, dict]) -> list[dict]:
    """The translations in each language's folder, citing their original's references
    unless they list their own."""
    translations = []
    for language in ContentLanguage.values:
        if language == ContentLanguage.ENGLISH:
            continue
        for path in sorted((directory / language).glob("*.md")):
            item = _read_article(path, language)
            original = originals.get(item.get("translation_of", ""))
            if original is None:
                raise ValueError(f"{language}/{path.name}: translation_of names no English article")
            item.setdefault("references", original.get("references", []))
            translations.append(item)
    return translations


def _load_content(directory: Path = CONTENT_DIR) -> types.SimpleNamespace | None:
    """AUTHORS, REVIEWERS, TOPICS (slug, name, Spanish name) and ARTICLES (in publication
    order, originals before their translations), or None if absent."""
    site_file = directory / SITE_FILE
    if not site_file.is_file():
        return None
    site = tomllib.loads(site_file.read_text(encoding="utf-8"))
    articles = [_read_article(path) for path in sorted(directory.glob("*.md"))]
    articles += _read_translations(directory, {item["slug"]: item for item in articles})
    articles.sort(
        key=lambda item: (
            item["language"] != ContentLanguage.ENGLISH,
            item.get("order", 0),
            item["slug"],
        )
    )
    return types.SimpleNamespace(
        AUTHORS=site.get("authors", []),
        REVIEWERS=site.get("reviewers", []),
        TOPICS=[
            (topic["slug"], topic["name"], topic.get("name_es", ""))
            for topic in site.get("topics", [])
        ],
        ARTICLES=articles,
    )


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
    for slug, name, name_es in content.TOPICS:
        topics[slug], _ = Topic.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_es": name_es}
        )
    conditions = {condition.slug: condition for condition in Condition.objects.all()}

    today = timezone.localdate()
    reviewed_on = today - datetime.timedelta(days=REVIEWED_DAYS_AGO)
    count = len(content.ARTICLES)
    seeded = {}
    for index, item in enumerate(content.ARTICLES):
        article, _ = Article.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "title": item["title"],
                "summary": item["summary"],
                "body": item["body"],
                "is_demo": True,
                "language": item.get("language", ContentLanguage.ENGLISH),
                # Originals come first in ARTICLES, so each translation's is seeded already.
                "translation_of": seeded.get(item.get("translation_of", "")),
            },
        )
        seeded[article.slug] = article
        article.topics.set([topics[slug] for slug in item.get("topics", []) if slug in topics])
        article.conditions.set(
            [conditions[slug] for slug in item.get("conditions", []) if slug in conditions]
        )
        article.authors.set([authors[key] for key in item.get("authors", []) if key in authors])
        article.references.all().delete()
        Reference.objects.bulk_create(
            Reference(article=article, **fields)
            for fields in _citations(item.get("references", []))
        )
        # Keep the first publication date across reseeds; stagger them so the
        # list has a stable newest-first order following each file's `order`.
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


def _citations(refs: list[dict]) -> list[dict]:
    """The fields of a Reference or ContentSource row for each citation of a content file."""
    return [
        {
            "order": order,
            "authors": ref.get("authors", ""),
            "title": ref["title"],
            "source": ref.get("source", ""),
            "year": ref.get("year") or None,
            "doi": ref.get("doi", ""),
            "url": ref.get("url", ""),
        }
        for order, ref in enumerate(refs, start=1)
    ]


def _load_page_sources(directory: Path = CONTENT_DIR) -> dict[str, list[dict]]:
    """The sources of each condition page's sample review, by condition slug."""
    path = directory / PAGE_SOURCES_FILE
    if not path.is_file():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8")).get("conditions", {})


@transaction.atomic
def seed_content_reviews() -> int:
    """Give every condition and treatment page a sample review; returns how many exist.

    Signed by the first sample reviewer, so every page says the review is sample data.
    """
    content = _load_content()
    if content is None or not content.REVIEWERS:
        return 0
    first = content.REVIEWERS[0]
    reviewer, _ = Reviewer.objects.update_or_create(
        display_name=first["display_name"],
        defaults={"credentials": first.get("credentials", ""), "is_demo": True},
    )
    sources = _load_page_sources()
    reviewed_on = timezone.localdate() - datetime.timedelta(days=REVIEWED_DAYS_AGO)
    pages = [("condition", page) for page in Condition.objects.all()]
    pages += [("treatment", page) for page in Treatment.objects.all()]
    reviews = []
    for kind, page in pages:
        # Each language with text of its own is reviewed on its own, citing the same sources.
        for language in ContentLanguage.values:
            if any(page_fields(page, language).values()):
                reviews.append((kind, page, language))
    for kind, page, language in reviews:
        cited = sources.get(page.slug, []) if kind == "condition" else []
        review, _ = ContentReview.objects.get_or_create(**{kind: page}, language=language)
        review.sources.all().delete()
        ContentSource.objects.bulk_create(
            ContentSource(review=review, **fields) for fields in _citations(cited)
        )
        services.content_review_seed(review=review, reviewer=reviewer, reviewed_on=reviewed_on)
    return ContentReview.objects.filter(reviewer__is_demo=True).count()


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
