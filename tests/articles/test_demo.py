"""Demo seeding of articles and article-role accounts.

The seeding tests here use a one-article stand-in for the content; the real demo
articles are checked in test_demo_content.py, seeded once for that whole module.
"""

import types

import pytest
from django.contrib.auth import get_user_model

from articles import demo
from articles.models import Article

pytestmark = pytest.mark.django_db

FAKE_CONTENT = types.SimpleNamespace(
    AUTHORS=[
        {"key": "ann", "display_name": "Ann Example (sample author)", "credentials": "PharmD",
         "bio": "Fictional."},
    ],
    REVIEWERS=[
        {"key": "rev", "display_name": "Dr. Ray Example (sample reviewer)", "credentials": "MD"},
    ],
    TOPICS=[("brain", "How it works in the brain", "Cómo funciona en el cerebro")],
    ARTICLES=[
        {
            "slug": "tiny-fixture-article",
            "title": "A tiny fixture article",
            "summary": "Only for tests.",
            "topics": ["brain"],
            "conditions": ["depression"],
            "authors": ["ann"],
            "reviewer": "rev",
            "body": "## Heading\n\nSome words.",
            "references": [
                {"authors": "Doe J", "title": "A study", "source": "A journal", "year": 2020,
                 "doi": "10.1000/xyz", "url": ""},
            ],
        }
    ],
)  # fmt: skip


@pytest.fixture
def fake_content(monkeypatch):
    monkeypatch.setattr(demo, "_load_content", lambda: FAKE_CONTENT)


def test_seed_articles_publishes_reviewed_demo_articles(client, fake_content):
    assert demo.seed_articles() == 1
    article = Article.objects.published().get(slug="tiny-fixture-article")
    assert article.is_demo
    assert article.published_data["reviewer"]["name"] == "Dr. Ray Example (sample reviewer)"
    assert article.next_review_due > article.reviewed_on
    assert [c.slug for c in article.conditions.all()] == ["depression"]
    # The live version carries the classification and flag the public pages show.
    assert [c.slug for c in article.published_conditions.all()] == ["depression"]
    assert [t.slug for t in article.published_topics.all()] == ["brain"]
    assert article.published_is_demo
    response = client.get(article.get_absolute_url())
    # A demo review never reads like a real one.
    assert b"Sample review (demo content):" in response.content
    assert b"Medically reviewed by" not in response.content
    assert b"Sample data" in response.content


def test_seed_articles_is_idempotent(fake_content):
    demo.seed_articles()
    first = Article.objects.get(slug="tiny-fixture-article")
    assert demo.seed_articles() == 1
    again = Article.objects.get(slug="tiny-fixture-article")
    assert again.first_published_at == first.first_published_at
    assert again.references.count() == 1


def test_seed_articles_without_content_file_does_nothing(monkeypatch):
    monkeypatch.setattr(demo, "_load_content", lambda: None)
    assert demo.seed_articles() == 0


def test_seed_article_accounts_creates_each_role_once(settings):
    settings.DEMO_MODE = True
    created = demo.seed_article_accounts()
    assert [username for _, username, _, _ in created] == [
        "demo-writer",
        "demo-reviewer",
        "demo-editor",
    ]
    User = get_user_model()
    editor = User.objects.get(username="demo-editor")
    assert editor.is_staff and not editor.is_superuser
    assert editor.has_perm("articles.publish_article")
    assert User.objects.get(username="demo-reviewer").reviewer_profile.is_demo
    assert demo.seed_article_accounts() == []


def test_seed_article_accounts_refused_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    assert demo.seed_article_accounts() == []
    assert not get_user_model().objects.filter(username__startswith="demo-").exists()
