"""What the public sees: list, filters, search, article page, feed, sitemap, JSON-LD."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ReferenceFactory,
    ReviewerFactory,
    TopicFactory,
    condition,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("articles:article_list")


# --- Visibility -----------------------------------------------------------------


@pytest.mark.parametrize("state", ["draft", "in_review", "approved"])
def test_unpublished_articles_are_404_and_unlisted(client, writer, reviewer_user, state):
    article = ArticleFactory(created_by=writer, title="Secret draft")
    if state != "draft":
        services.article_submit(article=article, user=writer)
    if state == "approved":
        services.article_approve(article=article, user=reviewer_user)
    assert client.get(f"/articles/{article.slug}/").status_code == 404
    assert b"Secret draft" not in client.get(LIST_URL).content


def test_scheduled_article_appears_exactly_at_its_publish_time(client, editor, publish):
    go_live = datetime.datetime(2026, 6, 1, 16, 0, tzinfo=datetime.UTC)
    with time_machine.travel(go_live - datetime.timedelta(days=1), tick=False):
        article = publish(title="Coming soon", publish_at=go_live)
    url = article.get_absolute_url()

    with time_machine.travel(go_live - datetime.timedelta(microseconds=1), tick=False):
        assert client.get(url).status_code == 404
        assert b"Coming soon" not in client.get(LIST_URL).content
        assert b"Coming soon" not in client.get("/articles/feed/").content
        assert b"coming-soon" not in client.get("/sitemap.xml").content
    with time_machine.travel(go_live, tick=False):
        assert client.get(url).status_code == 200
        assert b"Coming soon" in client.get(LIST_URL).content
        assert b"Coming soon" in client.get("/articles/feed/").content


def test_scheduling_through_the_service_uses_the_same_boundary(
    client, writer, reviewer_user, editor
):
    article = ArticleFactory(created_by=writer)
    services.article_submit(article=article, user=writer)
    services.article_approve(article=article, user=reviewer_user)
    go_live = timezone.now() + datetime.timedelta(hours=2)
    services.article_schedule(article=article, user=editor, publish_at=go_live)
    assert client.get(article.get_absolute_url()).status_code == 404
    with time_machine.travel(go_live, tick=False):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_unpublished_article_is_404_again(client, editor, publish):
    article = publish()
    services.article_unpublish(article=article, user=editor)
    assert client.get(article.get_absolute_url()).status_code == 404


# --- List, filters, pagination ----------------------------------------------------


def test_list_shows_newest_first(client, publish):
    now = timezone.now()
    publish(title="Older piece", publish_at=now - datetime.timedelta(days=3))
    publish(title="Newer piece", publish_at=now - datetime.timedelta(days=1))
    content = client.get(LIST_URL).content.decode()
    assert content.index("Newer piece") < content.index("Older piece")


def test_list_filters_by_topic_and_condition(client, publish):
    brain = TopicFactory(name="Brain science", slug="brain-science")
    publish(title="About PTSD", topics=[brain], conditions=[condition("ptsd")])
    publish(title="About costs")
    by_topic = client.get(LIST_URL, {"topic": "brain-science"}).content
    assert b"About PTSD" in by_topic and b"About costs" not in by_topic
    by_condition = client.get(LIST_URL, {"condition": "ptsd"}).content
    assert b"About PTSD" in by_condition and b"About costs" not in by_condition


@pytest.mark.parametrize(
    "params",
    [
        {"topic": "no-such-topic"},
        {"condition": "<script>"},
        {"page": "9999"},
        {"page": "abc"},
        {"q": "x" * 500},
        {"q": "'\"); DROP TABLE --"},
        {"q": "!!! ((( &&"},
    ],
)
def test_bad_query_parameters_never_break_the_list(client, publish, params):
    publish(title="Still listed")
    response = client.get(LIST_URL, params)
    assert response.status_code == 200


def test_unknown_topic_gets_a_message_and_the_other_filters_still_apply(client, publish):
    publish(title="PTSD piece", conditions=[condition("ptsd")])
    publish(title="Other piece")
    response = client.get(LIST_URL, {"topic": "nope", "condition": "ptsd"})
    assert "We don&#x27;t have that topic; showing all topics." in response.content.decode()
    assert b"PTSD piece" in response.content
    assert b"Other piece" not in response.content


def test_list_paginates_and_keeps_filters_in_page_links(client, publish):
    topic = TopicFactory(slug="many")
    for number in range(12):
        publish(title=f"Piece {number}", topics=[topic])
    response = client.get(LIST_URL, {"topic": "many"})
    assert "topic=many&amp;page=2" in response.content.decode()
    second = client.get(LIST_URL, {"topic": "many", "page": 2})
    assert len(second.context["articles"]) == 2


def test_list_query_count_does_not_grow_with_articles(client, publish, django_assert_num_queries):
    topic = TopicFactory()
    publish(topics=[topic])
    with django_assert_num_queries(5):  # count, page, topics, filter choices ×2
        client.get(LIST_URL)
    for _ in range(8):
        publish(topics=[topic, TopicFactory()])
    with django_assert_num_queries(5):
        client.get(LIST_URL)


# --- Search ---------------------------------------------------------------------


def test_search_uses_english_stemming(client, publish):
    publish(title="Receptors explained", body="Ketamine blocks receptors in the brain.")
    response = client.get(LIST_URL, {"q": "blocking receptor"})
    assert b"Receptors explained" in response.content


def test_title_match_outranks_a_body_mention(client, publish):
    publish(title="Side effects of treatment", body="Nausea can happen. " * 5 + "Dissociation.")
    publish(title="Something about glutamate", body="Glutamate and dissociation briefly.")
    publish(title="Dissociation during an infusion", body="What it feels like.")
    response = client.get(LIST_URL, {"q": "dissociation"})
    titles = [article.published_title for article in response.context["articles"]]
    assert titles[0] == "Dissociation during an infusion"
    assert len(titles) == 3


def test_search_snippet_escapes_article_text_and_marks_only_matches(client, publish):
    # Raw HTML in Markdown is kept as text; PostgreSQL drops complete tags from
    # headlines but passes broken ones and entities through, so we escape them.
    publish(
        title="Markup in text",
        body="Typed <script>alert(1)</script> and <b onmouseover=alert(1) near ketamine "
        "with &lt;i&gt; and dose < 2 & more.",
    )
    content = client.get(LIST_URL, {"q": "ketamine"}).content.decode()
    snippet = re.search(r'<p class="article-snippet">(.*?)</p>', content, re.S).group(1)
    assert "<script>" not in snippet
    assert "<b " not in snippet
    assert "&lt;b onmouseover=alert(1)" in snippet
    assert "<mark>ketamine</mark>" in snippet
    assert "dose &lt; 2 &amp; more" in snippet


def test_search_only_finds_the_live_version(client, publish):
    article = publish(title="Live words", body="Reviewed sentence.")
    article.body = "Unreviewed zebra sentence."
    article.save()
    services.article_mark_edited(article=article)
    assert b"Live words" not in client.get(LIST_URL, {"q": "zebra"}).content
    assert b"Live words" in client.get(LIST_URL, {"q": "reviewed"}).content


def test_search_query_count_is_bounded(client, publish, django_assert_num_queries):
    for number in range(6):
        publish(title=f"Ketamine note {number}", topics=[TopicFactory()])
    with django_assert_num_queries(5):
        client.get(LIST_URL, {"q": "ketamine"})


# --- Article page -----------------------------------------------------------------


@pytest.fixture
def full_article(publish):
    reviewer = ReviewerFactory(display_name="Dr. Sam Sample", credentials="MD, psychiatrist")
    article = ArticleFactory(
        title="How ketamine acts on the NMDA receptor",
        summary="A plain explanation.",
        body="## First\n\nOne.\n\n## Second\n\nTwo.\n\n## Third\n\nThree.",
        authors=[AuthorFactory(display_name="Alex Writer", credentials="PharmD")],
        conditions=[condition("depression")],
        topics=[TopicFactory(slug="brain", name="Brain")],
    )
    ReferenceFactory(article=article, order=2, title="Second study", doi="")
    ReferenceFactory(article=article, order=1, title="First study", doi="10.1000/abc.1")
    with time_machine.travel(datetime.datetime(2026, 4, 10, 17, tzinfo=datetime.UTC)):
        return publish(article, reviewer=reviewer)


def test_article_page_shows_review_byline_toc_references_and_clinic_links(client, full_article):
    response = client.get(full_article.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="article-title">How ketamine acts on the NMDA receptor</h1>' in content
    assert "By Alex Writer, PharmD" in content
    assert "Medically reviewed by Dr. Sam Sample, MD, psychiatrist on" in content
    assert "Next review due" in content
    assert "min read" in content
    assert '<a href="#second">Second</a>' in content
    assert content.index("First study") < content.index("Second study")
    assert 'href="https://doi.org/10.1000/abc.1"' in content
    assert '/clinics/?condition=depression">Find clinics that treat' in content


def test_article_page_has_canonical_and_open_graph_tags(client, full_article):
    content = client.get(full_article.get_absolute_url()).content.decode()
    url = f"https://directory.example.org/articles/{full_article.slug}/"
    assert f'<link rel="canonical" href="{url}">' in content
    assert f'<meta property="og:url" content="{url}">' in content
    assert '<meta property="og:title" content="How ketamine acts on the NMDA receptor">' in content


def test_article_json_ld_is_a_medical_web_page(client, full_article):
    content = client.get(full_article.get_absolute_url()).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "MedicalWebPage"
    assert data["headline"] == "How ketamine acts on the NMDA receptor"
    assert data["description"] == "A plain explanation."
    assert data["lastReviewed"] == full_article.reviewed_on.isoformat()
    assert data["reviewedBy"] == {
        "@type": "Person",
        "name": "Dr. Sam Sample",
        "description": "MD, psychiatrist",
    }
    assert data["about"][0]["@type"] == "MedicalCondition"
    assert data["about"][0]["name"] == condition("depression").name
    assert [c["name"] for c in data["citation"]] == ["First study", "Second study"]
    assert data["citation"][0]["url"] == "https://doi.org/10.1000/abc.1"
    assert data["datePublished"].startswith("2026-04-10")
    assert "dateModified" in data
    assert data["url"] == f"https://directory.example.org/articles/{full_article.slug}/"


def test_json_ld_cannot_be_broken_out_of(client, publish):
    article = publish(title="</script><script>alert(1)</script>", summary="<b>&</b>")
    content = client.get(article.get_absolute_url()).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S).group(1)
    assert "<" not in raw
    assert json.loads(raw)["headline"] == "</script><script>alert(1)</script>"


def test_article_page_lists_related_articles_sharing_a_topic(client, publish):
    topic = TopicFactory()
    main = publish(title="Main piece", topics=[topic])
    publish(title="Sibling piece", topics=[topic])
    publish(title="Unrelated piece")
    content = client.get(main.get_absolute_url()).content
    assert b"Sibling piece" in content
    assert b"Unrelated piece" not in content


def test_article_page_query_count(client, full_article, publish, django_assert_num_queries):
    for _ in range(4):
        publish(topics=[full_article.topics.first()], conditions=[condition("ptsd")])
    with django_assert_num_queries(5):  # article, topics, conditions, related, translations
        client.get(full_article.get_absolute_url())


def test_demo_article_says_it_is_sample_data(client, publish):
    article = publish(is_demo=True)
    assert b"Sample data" in client.get(article.get_absolute_url()).content


# --- Feed and sitemap -------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


def test_feed_lists_only_published_articles(client, publish, writer):
    publish(title="In the feed")
    publish(title="Not yet", publish_at=timezone.now() + datetime.timedelta(days=1))
    ArticleFactory(title="Draft only", created_by=writer)
    response = client.get("/articles/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed, in a test
    titles = [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]
    assert titles == ["In the feed"]
    assert root.find(f"{ATOM}entry/{ATOM}updated") is not None


def test_feed_query_count(client, publish, django_assert_num_queries):
    for _ in range(5):
        publish()
    with django_assert_num_queries(1):
        client.get("/articles/feed/")


def test_sitemap_has_published_articles_with_lastmod(client, publish):
    live = publish(title="Mapped")
    publish(title="Future", slug="future-piece", publish_at=timezone.now() + datetime.timedelta(1))
    content = client.get("/sitemap.xml").content.decode()
    assert f"/articles/{live.slug}/</loc><lastmod>{live.live_updated_at:%Y-%m-%d}" in content
    assert "future-piece" not in content
    assert "/articles/</loc>" in content


def test_preview_shows_the_working_copy_not_the_live_version(client, editor, publish):
    article = publish(title="Live title")
    article.title = "Working title"
    article.save()
    client.force_login(editor)
    response = client.get(article.get_preview_url())
    assert b"Working title" in response.content
    assert b"application/ld+json" not in response.content
    assert b'<meta name="robots" content="noindex, nofollow">' in response.content
    assert client.get(article.get_absolute_url()).context["version"].title == "Live title"


def test_article_model_helpers(publish):
    article = publish()
    assert article.is_public()
    assert Article.objects.published().count() == 1
