"""Every public rendering comes from the live version, never from the working copy.

Each test edits one field of a published article's working copy through the admin,
checks that nothing public changed while the edit waits for review, then has the
edit approved and published and checks that it shows.
"""

import datetime
import importlib
import json
import re
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.apps import apps as django_apps
from django.test import Client
from django.urls import reverse

from articles import services
from articles.models import Article
from tests.factories import ArticleFactory, TopicFactory, condition

pytestmark = pytest.mark.django_db

LIST_URL = reverse("articles:article_list")
FEED_URL = reverse("articles:article_feed")
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def edit(editor_client):
    """Change fields of an article's working copy by POSTing the admin change form."""

    def change(article, **changes):
        values = {
            "title": article.title,
            "summary": article.summary,
            "body": article.body,
            "topics": list(article.topics.all()),
            "conditions": list(article.conditions.all()),
            "is_demo": article.is_demo,
            **changes,
        }
        data = {
            "title": values["title"],
            "summary": values["summary"],
            "body": values["body"],
            "hero_alt": "",
            "language": "en",
            # The version a form opened now would carry.
            "loaded_version": Article.objects.values_list("version", flat=True).get(pk=article.pk),
            "topics": [topic.pk for topic in values["topics"]],
            "conditions": [item.pk for item in values["conditions"]],
            "references-TOTAL_FORMS": "0",
            "references-INITIAL_FORMS": "0",
            "references-MIN_NUM_FORMS": "0",
            "references-MAX_NUM_FORMS": "1000",
        }
        if values["is_demo"]:
            data["is_demo"] = "on"
        url = reverse("admin:articles_article_change", args=[article.pk])
        response = editor_client.post(url, data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        article.refresh_from_db()
        assert article.status == Article.Status.DRAFT  # waiting for review
        return article

    return change


@pytest.fixture
def republish(editor, reviewer_user):
    """Take the edited working copy through review and publish it."""

    def run(article):
        services.article_submit(article=article, user=editor)
        services.article_approve(article=article, user=reviewer_user)
        return services.article_publish(article=article, user=editor)

    return run


def page(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def listing(client, params=None) -> str:
    return client.get(LIST_URL, params or {}).content.decode()


def json_ld(client, article) -> dict:
    raw = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', page(client, article), re.S
    )
    return json.loads(raw.group(1))


def feed_entries(client) -> list[dict]:
    root = ET.fromstring(client.get(FEED_URL).content)  # noqa: S314 - our own feed, in a test
    return [
        {
            "title": entry.find(f"{ATOM}title").text,
            "summary": entry.find(f"{ATOM}summary").text,
            "updated": entry.find(f"{ATOM}updated").text,
        }
        for entry in root.iter(f"{ATOM}entry")
    ]


# --- Text --------------------------------------------------------------------------------


def test_title_shows_only_once_published(client, publish, edit, republish):
    article = publish(title="Reviewed title")
    edit(article, title="Unreviewed title")

    assert '<h1 id="article-title">Reviewed title</h1>' in page(client, article)
    assert "Unreviewed title" not in page(client, article)
    assert "Unreviewed title" not in listing(client)

    republish(article)
    assert '<h1 id="article-title">Unreviewed title</h1>' in page(client, article)
    assert "Unreviewed title" in listing(client)


def test_summary_shows_only_once_published(client, publish, edit, republish):
    article = publish(summary="Reviewed summary.")
    edit(article, summary="Unreviewed summary.")

    assert '<p class="lede">Reviewed summary.</p>' in page(client, article)
    assert "Unreviewed summary." not in page(client, article)
    assert "Unreviewed summary." not in listing(client)

    republish(article)
    assert '<p class="lede">Unreviewed summary.</p>' in page(client, article)
    assert "Unreviewed summary." in listing(client)


def test_body_shows_only_once_published(client, publish, edit, republish):
    article = publish(title="Dosing explained", body="## Dosing\n\nReviewed dosing advice.")
    edit(article, body="## Dosing\n\nUnreviewed zebra claim.")

    assert "Reviewed dosing advice." in page(client, article)
    assert "Unreviewed zebra claim." not in page(client, article)
    assert "Dosing explained" not in listing(client, {"q": "zebra"})

    republish(article)
    assert "Unreviewed zebra claim." in page(client, article)
    assert "Reviewed dosing advice." not in page(client, article)
    assert "Dosing explained" in listing(client, {"q": "zebra"})


# --- Classification and flags --------------------------------------------------------------


def test_topics_show_only_once_published(client, publish, edit, republish):
    reviewed = TopicFactory(name="Reviewed topic")
    unreviewed = TopicFactory(name="Unreviewed topic")
    article = publish(topics=[reviewed])
    edit(article, topics=[unreviewed])

    # On the article page after "Learn ·"; on the list card as a tag.
    assert " · Reviewed topic</p>" in page(client, article)
    assert "Unreviewed topic" not in page(client, article)
    assert "<li>Reviewed topic</li>" in listing(client)
    assert "<li>Unreviewed topic</li>" not in listing(client)

    republish(article)
    assert " · Unreviewed topic</p>" in page(client, article)
    assert "Reviewed topic" not in page(client, article)
    assert "<li>Unreviewed topic</li>" in listing(client)
    assert "<li>Reviewed topic</li>" not in listing(client)


def test_conditions_show_only_once_published(client, publish, edit, republish):
    article = publish(conditions=[condition("depression")])
    edit(article, conditions=[condition("ptsd")])

    content = page(client, article)
    assert "/clinics/?condition=depression" in content
    assert "/clinics/?condition=ptsd" not in content

    republish(article)
    content = page(client, article)
    assert "/clinics/?condition=ptsd" in content
    assert "/clinics/?condition=depression" not in content


def test_sample_data_flag_shows_only_once_published(client, publish, edit, republish):
    article = publish(is_demo=False)
    edit(article, is_demo=True)

    assert "Sample data" not in page(client, article)
    assert "Sample data" not in listing(client)

    republish(article)
    assert "Sample data" in page(client, article)
    assert "Sample data" in listing(client)


def test_json_ld_changes_only_once_published(client, publish, edit, republish):
    article = publish(title="Reviewed headline", conditions=[condition("depression")])
    before = json_ld(client, article)
    edit(article, title="Unreviewed headline", conditions=[condition("ptsd")])

    assert json_ld(client, article) == before

    republish(article)
    after = json_ld(client, article)
    assert after["headline"] == "Unreviewed headline"
    assert [item["name"] for item in after["about"]] == [condition("ptsd").name]


# --- Listings that filter by classification ------------------------------------------------


def test_condition_page_listing_changes_only_once_published(client, publish, edit, republish):
    depression, ptsd = condition("depression"), condition("ptsd")
    article = publish(title="Moving between conditions", conditions=[depression])
    edit(article, conditions=[ptsd])

    assert "Moving between conditions" in client.get(depression.get_absolute_url()).content.decode()
    assert "Moving between conditions" not in client.get(ptsd.get_absolute_url()).content.decode()

    republish(article)
    assert (
        "Moving between conditions"
        not in client.get(depression.get_absolute_url()).content.decode()
    )
    assert "Moving between conditions" in client.get(ptsd.get_absolute_url()).content.decode()


def test_related_articles_change_only_once_published(client, publish, edit, republish):
    shared, elsewhere = TopicFactory(), TopicFactory()
    main = publish(title="Main piece", topics=[shared])
    sibling = publish(title="Sibling piece", topics=[shared])
    edit(sibling, topics=[elsewhere])
    edit(main, topics=[elsewhere])

    assert "Sibling piece" in page(client, main)

    republish(sibling)
    assert "Sibling piece" not in page(client, main)  # main's live topic is still `shared`
    republish(main)
    assert "Sibling piece" in page(client, main)


def test_topic_filter_changes_only_once_published(client, publish, edit, republish):
    reviewed = TopicFactory(slug="reviewed-topic")
    unreviewed = TopicFactory(slug="unreviewed-topic")
    article = publish(title="Filtered piece", topics=[reviewed])
    edit(article, topics=[unreviewed])

    assert "Filtered piece" in listing(client, {"topic": "reviewed-topic"})
    assert "Filtered piece" not in listing(client, {"topic": "unreviewed-topic"})

    republish(article)
    assert "Filtered piece" not in listing(client, {"topic": "reviewed-topic"})
    assert "Filtered piece" in listing(client, {"topic": "unreviewed-topic"})


def test_condition_filter_changes_only_once_published(client, publish, edit, republish):
    article = publish(title="Filtered piece", conditions=[condition("depression")])
    edit(article, conditions=[condition("ptsd")])

    assert "Filtered piece" in listing(client, {"condition": "depression"})
    assert "Filtered piece" not in listing(client, {"condition": "ptsd"})

    republish(article)
    assert "Filtered piece" not in listing(client, {"condition": "depression"})
    assert "Filtered piece" in listing(client, {"condition": "ptsd"})


# --- Feed and sitemap ---------------------------------------------------------------------


def test_feed_changes_only_once_published(client, publish, edit, republish):
    with time_machine.travel(datetime.datetime(2026, 5, 1, 16, tzinfo=datetime.UTC)):
        article = publish(title="Reviewed feed title", summary="Reviewed feed summary.")
    before = feed_entries(client)
    with time_machine.travel(datetime.datetime(2026, 5, 10, 16, tzinfo=datetime.UTC)):
        edit(article, title="Unreviewed feed title", summary="Unreviewed feed summary.")

        assert feed_entries(client) == before

        republish(article)
    [entry] = feed_entries(client)
    assert entry["title"] == "Unreviewed feed title"
    assert entry["summary"] == "Unreviewed feed summary."
    assert entry["updated"].startswith("2026-05-10")


def test_sitemap_changes_only_once_published(client, publish, edit, republish):
    with time_machine.travel(datetime.datetime(2026, 5, 1, 16, tzinfo=datetime.UTC)):
        article = publish()
    entry = f"/articles/{article.slug}/</loc><lastmod>"
    with time_machine.travel(datetime.datetime(2026, 5, 10, 16, tzinfo=datetime.UTC)):
        edit(article, title="Unreviewed title", body="Unreviewed body.")

        assert f"{entry}2026-05-01" in client.get("/sitemap.xml").content.decode()

        republish(article)
        assert f"{entry}2026-05-10" in client.get("/sitemap.xml").content.decode()


# --- The live classification's life cycle ---------------------------------------------------


def test_preview_shows_the_working_copys_classification(client, editor, publish, edit):
    article = publish(topics=[TopicFactory(name="Reviewed topic")], is_demo=False)
    edit(article, topics=[TopicFactory(name="Unreviewed topic")], is_demo=True)
    client.force_login(editor)
    content = client.get(article.get_preview_url()).content.decode()
    assert "Unreviewed topic" in content
    assert "Reviewed topic" not in content
    assert "Sample data" in content


def test_unpublishing_clears_the_live_classification(editor, publish):
    article = publish(topics=[TopicFactory()], conditions=[condition("ptsd")], is_demo=True)
    services.article_unpublish(article=article, user=editor)
    article.refresh_from_db()
    assert not article.published_topics.exists()
    assert not article.published_conditions.exists()
    assert not article.published_is_demo
    assert article.topics.exists()  # the working copy keeps its own


def test_migration_copies_existing_classification_to_the_live_version(publish):
    """Articles live before the live classification existed keep what the public saw."""
    topic = TopicFactory()
    live = publish(topics=[topic], conditions=[condition("ptsd")], is_demo=True)
    draft = ArticleFactory(topics=[topic], is_demo=True)
    live.published_topics.clear()
    live.published_conditions.clear()
    Article.objects.filter(pk=live.pk).update(published_is_demo=False)
    migration = importlib.import_module("articles.migrations.0003_article_published_classification")

    migration.copy_classification_to_live(django_apps, None)

    live.refresh_from_db()
    assert list(live.published_topics.all()) == [topic]
    assert list(live.published_conditions.all()) == [condition("ptsd")]
    assert live.published_is_demo
    draft.refresh_from_db()
    assert not draft.published_topics.exists()
    assert not draft.published_is_demo
