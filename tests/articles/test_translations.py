"""Articles in Spanish: a translation is an article of its own, linked to its English
original; each language has its own list, search, feed and addresses, and the pages of
an article and its translation point at each other."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext, override

from articles.models import Article
from tests.factories import ArticleFactory, TopicFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://directory.example.org"


@pytest.fixture
def original(publish):
    return publish(title="Ketamine safety", slug="ketamine-safety", summary="Side effects.")


@pytest.fixture
def translation(publish, original):
    return publish(
        title="Seguridad de la ketamina",
        slug="seguridad-de-la-ketamina",
        summary="Efectos secundarios.",
        body="## Riesgos\n\nLa ketamina tiene riesgos. Hable con su médico.\n",
        language="es",
        translation_of=original,
    )


def spanish(**kwargs):
    return ArticleFactory(language="es", **kwargs)


def feed_links(client, url: str) -> list[str]:
    root = ET.fromstring(client.get(url).content)  # noqa: S314 - our own feed, in a test
    return [entry.find(f"{ATOM}link").get("href") for entry in root.iter(f"{ATOM}entry")]


# --- Addresses and the link between them ----------------------------------------------


def test_a_spanish_article_lives_under_es(translation):
    assert translation.get_absolute_url() == "/es/articles/seguridad-de-la-ketamina/"


def test_an_english_article_keeps_its_address(original):
    assert original.get_absolute_url() == "/articles/ketamine-safety/"


def test_an_article_has_at_most_one_translation_per_language(original):
    spanish(translation_of=original)
    with pytest.raises(IntegrityError), transaction.atomic():
        spanish(translation_of=original)


def test_a_translation_is_never_in_english(original):
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(translation_of=original)


def test_a_translation_translates_an_english_original_not_another_translation(original):
    first = spanish(translation_of=original)
    again = spanish(translation_of=first)
    with pytest.raises(ValidationError) as error:
        again.full_clean()
    assert "translation_of" in error.value.message_dict


# --- The article page ---------------------------------------------------------------------


def test_article_page_links_to_its_published_translation(client, original, translation):
    content = client.get(original.get_absolute_url()).content.decode()
    assert (
        f'<link rel="alternate" hreflang="es" href="{SITE}/es/articles/seguridad-de-la-ketamina/">'
        in content
    )
    assert (
        '<link rel="alternate" hreflang="x-default" href="' + SITE + '/articles/ketamine-safety/">'
        in content
    )
    assert (
        '<a href="/es/articles/seguridad-de-la-ketamina/" hreflang="es" lang="es">'
        "Seguridad de la ketamina</a>" in content
    )


def test_translation_page_links_back_to_its_original(client, original, translation):
    content = client.get(translation.get_absolute_url()).content.decode()
    assert '<html lang="es">' in content
    assert f'<link rel="canonical" href="{SITE}/es/articles/seguridad-de-la-ketamina/">' in content
    assert (
        f'<link rel="alternate" hreflang="en" href="{SITE}/articles/ketamine-safety/">' in content
    )
    assert (
        '<a href="/articles/ketamine-safety/" hreflang="en" lang="en">Ketamine safety</a>'
        in content
    )


def test_an_unpublished_translation_is_not_linked(client, original):
    spanish(translation_of=original, slug="borrador")
    content = client.get(original.get_absolute_url()).content.decode()
    assert "borrador" not in content
    assert 'hreflang="es"' not in content.split("<body")[0]


def test_the_spanish_address_of_a_translated_article_leads_to_its_translation(
    client, original, translation
):
    response = client.get("/es/articles/ketamine-safety/")
    assert response.status_code == 302
    assert response["Location"] == "/es/articles/seguridad-de-la-ketamina/"


def test_the_english_address_of_a_translation_leads_to_its_original(client, original, translation):
    response = client.get("/articles/seguridad-de-la-ketamina/")
    assert response.status_code == 302
    assert response["Location"] == "/articles/ketamine-safety/"


def test_an_untranslated_article_in_spanish_is_shown_in_english_and_says_so(client, original):
    content = client.get("/es/articles/ketamine-safety/").content.decode()
    with override("es"):
        note = gettext(
            "This article is not yet available in %(page_language)s; it is shown in %(language)s."
        ) % {"page_language": "español", "language": "inglés"}
    assert note in content
    assert '<h1 id="article-title" lang="en">Ketamine safety</h1>' in content
    assert f'<link rel="canonical" href="{SITE}/articles/ketamine-safety/">' in content


def test_spanish_article_json_ld_is_in_spanish(client, translation):
    content = client.get(translation.get_absolute_url()).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    assert json.loads(raw.group(1))["inLanguage"] == "es-US"


def test_related_articles_are_in_the_article_s_language(client, publish):
    topic = TopicFactory()
    page = publish(title="Efectos", slug="efectos", language="es", topics=[topic])
    publish(title="Otro artículo", slug="otro", language="es", topics=[topic])
    publish(title="English neighbour", topics=[topic])
    content = client.get(page.get_absolute_url()).content.decode()
    assert "Otro artículo" in content
    assert "English neighbour" not in content


# --- Lists and search ---------------------------------------------------------------------


def test_english_list_shows_only_english_articles(client, original, translation):
    content = client.get("/articles/").content.decode()
    assert "Ketamine safety" in content
    assert "Seguridad de la ketamina" not in content


def test_spanish_list_shows_spanish_articles_then_english_ones_not_translated(
    client, publish, original, translation
):
    publish(title="Only in English", slug="only-in-english")
    content = client.get("/es/articles/").content.decode()
    results, also = content.split('id="untranslated-heading"')
    assert "Seguridad de la ketamina" in results
    assert "Only in English" not in results
    assert '<a href="/articles/only-in-english/" hreflang="en">Only in English</a>' in also
    # A translated original is read in Spanish, so it is not offered again in English.
    assert "Ketamine safety" not in also


def test_spanish_search_stems_spanish_words(client, translation):
    """ "riesgo" finds "riesgos", as the Spanish stemmer makes them one word."""
    content = client.get("/es/articles/", {"q": "riesgo"}).content.decode()
    assert "Seguridad de la ketamina" in content
    assert "<mark>riesgos</mark>" in content


def test_spanish_search_finds_ketamina(client, translation):
    content = client.get("/es/articles/", {"q": "ketamina"}).content.decode()
    assert "Seguridad de la ketamina" in content


def test_english_search_never_lists_a_spanish_article(client, translation):
    content = client.get("/articles/", {"q": "ketamina"}).content.decode()
    assert "Seguridad de la ketamina" not in content


def test_search_vector_is_stemmed_in_the_article_s_language(translation, original):
    spanish_query = SearchQuery("riesgo", config="spanish")
    assert list(Article.objects.filter(search_vector=spanish_query)) == [translation]
    english_query = SearchQuery("riesgo", config="english")
    assert not Article.objects.filter(search_vector=english_query).exists()


def test_spanish_list_query_count(client, publish, translation, django_assert_num_queries):
    for number in range(3):
        publish(title=f"English {number}")
    # Articles, their topics, the untranslated English ones, the filter options (2), count.
    with django_assert_num_queries(6):
        client.get("/es/articles/")


# --- Feeds and sitemap --------------------------------------------------------------------


def test_english_feed_lists_english_articles(client, original, translation):
    assert feed_links(client, "/articles/feed/") == [
        f"http://testserver{original.get_absolute_url()}"
    ]


def test_spanish_feed_lists_spanish_articles(client, original, translation):
    response = client.get("/es/articles/feed/")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed, in a test
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "es"
    assert feed_links(client, "/es/articles/feed/") == [
        "http://testserver/es/articles/seguridad-de-la-ketamina/"
    ]


def test_sitemap_lists_both_with_hreflang_alternates(client, original, translation):
    content = client.get("/sitemap.xml").content.decode()
    for path in ("/articles/ketamine-safety/", "/es/articles/seguridad-de-la-ketamina/"):
        assert f"<loc>http://testserver{path}</loc>" in content
    assert (
        '<xhtml:link rel="alternate" hreflang="es" '
        'href="http://testserver/es/articles/seguridad-de-la-ketamina/"/>' in content
    )
    assert (
        '<xhtml:link rel="alternate" hreflang="x-default" '
        'href="http://testserver/articles/ketamine-safety/"/>' in content
    )


def test_sitemap_lists_a_spanish_only_article_alone(client, publish):
    publish(title="Solo en español", slug="solo-en-espanol", language="es")
    content = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/es/articles/solo-en-espanol/</loc>" in content
    assert 'hreflang="en" href="http://testserver/es/articles/solo-en-espanol/"' not in content


def test_a_scheduled_translation_stays_out_of_list_feed_and_sitemap(client, publish, original):
    publish(
        title="Programado",
        slug="programado",
        language="es",
        translation_of=original,
        publish_at=timezone.now() + datetime.timedelta(days=1),
    )
    assert "Programado" not in client.get("/es/articles/").content.decode()
    assert feed_links(client, "/es/articles/feed/") == []
    assert "programado" not in client.get("/sitemap.xml").content.decode()
