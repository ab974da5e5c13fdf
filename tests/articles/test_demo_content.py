"""The real demo articles (articles/demo_articles/), seeded once and read by every test here."""

import pytest
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from articles import demo
from articles.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def content():
    content = demo._load_content()
    assert content is not None, "the demo articles are missing"
    return content


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, content):
    """How many demo articles seeding reported; seeded once, rolled back after the module.

    The tests below only read, so they share one copy, as Django's setUpTestData
    shares rows: each still runs in a savepoint of its own inside this transaction.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo.seed_articles()
        transaction.set_rollback(True)


def test_every_demo_article_is_seeded_and_published(seeded, content):
    assert seeded == len(content.ARTICLES) >= 8
    published = Article.objects.published().filter(is_demo=True)
    assert set(published.values_list("slug", flat=True)) == {
        item["slug"] for item in content.ARTICLES
    }


def test_each_demo_article_treats_the_conditions_its_file_names(seeded, content):
    for item in content.ARTICLES:
        article = Article.objects.published().get(slug=item["slug"])
        conditions = sorted(condition.slug for condition in article.conditions.all())
        assert conditions == sorted(item["conditions"]), item["slug"]


def test_each_demo_article_keeps_every_reference_its_file_lists(seeded, content):
    for item in content.ARTICLES:
        article = Article.objects.published().get(slug=item["slug"])
        assert article.references.count() == len(item["references"]), item["slug"]


def test_each_demo_article_page_says_it_is_sample_data(seeded, content, client):
    for item in content.ARTICLES:
        response = client.get(Article.objects.get(slug=item["slug"]).get_absolute_url())
        assert response.status_code == 200, item["slug"]
        # In the page's language: the article's own (Spanish ones live under /es/).
        with translation.override(item["language"]):
            notice = gettext(
                "Sample data: this demo article, its authors and its reviewer are fictional "
                "examples for trying out the site."
            )
        assert notice in response.content.decode(), item["slug"]


def test_each_demo_article_live_version_has_its_classification_and_sample_flag(seeded, content):
    for item in content.ARTICLES:
        article = Article.objects.published().get(slug=item["slug"])
        assert article.published_is_demo, item["slug"]
        live_conditions = sorted(c.slug for c in article.published_conditions.all())
        assert live_conditions == sorted(item["conditions"]), item["slug"]
        live_topics = sorted(t.slug for t in article.published_topics.all())
        assert live_topics == sorted(item.get("topics", [])), item["slug"]


def test_each_spanish_demo_article_is_a_published_translation_of_its_original(seeded, content):
    spanish = [item for item in content.ARTICLES if item["language"] == "es"]
    assert len(spanish) >= 2
    for item in spanish:
        article = Article.objects.published().get(slug=item["slug"])
        assert article.language == "es", item["slug"]
        assert article.translation_of.slug == item["translation_of"], item["slug"]
        assert article.get_absolute_url() == f"/es/articles/{item['slug']}/"


def test_the_spanish_list_shows_the_spanish_demo_articles(seeded, content, client):
    page = client.get("/es/articles/").content.decode()
    for item in content.ARTICLES:
        if item["language"] == "es":
            assert item["title"] in page, item["slug"]
