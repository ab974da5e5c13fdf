"""What search engines and link previews read: canonical links, titles, descriptions."""

import datetime
import re

import pytest
from django.utils import timezone

from articles import services as article_services
from config.site.seo import truncate_sentence
from tests.factories import ArticleFactory, ClinicFactory, ReviewerFactory

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
SEPARATOR = " · "


def canonicals(page: str) -> list[str]:
    return re.findall(r'<link rel="canonical" href="([^"]*)">', page)


def title(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.S).group(1)


def og(page: str) -> dict[str, str]:
    return dict(re.findall(r'<meta property="og:(\w+)" content="([^"]*)">', page))


@pytest.fixture
def article():
    return article_services.article_seed_published(
        article=ArticleFactory(title="What a session is like", slug="what-a-session-is-like"),
        reviewer=ReviewerFactory(),
        reviewed_on=timezone.localdate() - datetime.timedelta(days=7),
        publish_at=timezone.now() - datetime.timedelta(hours=1),
    )


@pytest.fixture
def main_pages(article) -> list[str]:
    clinic = ClinicFactory(slug="seo-clinic")
    return [
        "/",
        "/about/",
        "/editorial-policy/",
        "/how-results-are-ordered/",
        "/articles/",
        article.get_absolute_url(),
        "/clinics/",
        clinic.get_absolute_url(),
        "/conditions/ptsd/",
        "/treatments/spravato/",
    ]


# --- Canonical links ------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/about/", "/articles/"])
def test_pages_without_their_own_canonical_get_their_path(client, path):
    page = client.get(path).content.decode()

    assert canonicals(page) == [SITE + path]


def test_a_query_string_is_left_out_of_the_default_canonical(client):
    page = client.get("/articles/?utm_source=newsletter").content.decode()

    assert canonicals(page) == [SITE + "/articles/"]


def test_every_main_page_has_exactly_one_canonical(client, main_pages):
    for path in main_pages:
        assert len(canonicals(client.get(path).content.decode())) == 1, path


def test_a_search_is_canonical_without_its_page_number_and_junk(client):
    page = client.get("/clinics/?q=ptsd&page=2&utm_source=x&condition=anxiety").content.decode()

    assert canonicals(page) == [SITE + "/clinics/?condition=anxiety&amp;q=ptsd"]


def test_the_search_page_without_a_search_is_canonical_as_itself(client):
    assert canonicals(client.get("/clinics/?page=1").content.decode()) == [SITE + "/clinics/"]


def test_a_missing_page_has_no_canonical(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert canonicals(response.content.decode()) == []


# --- Titles ---------------------------------------------------------------------------------


def test_every_main_page_title_uses_one_separator_before_the_site_name(
    client, main_pages, settings
):
    for path in main_pages:
        text = title(client.get(path).content.decode())
        assert text == settings.SITE_NAME or text.endswith(SEPARATOR + settings.SITE_NAME), path
        assert " — " not in text and " | " not in text, path


# --- Link previews --------------------------------------------------------------------------


def test_clinic_page_has_open_graph_tags(client):
    clinic = ClinicFactory(name="Preview Clinic", slug="preview-clinic", city="Davis")

    tags = og(client.get(clinic.get_absolute_url()).content.decode())

    assert tags["type"] == "website"
    assert tags["title"] == "Preview Clinic, Davis"
    assert tags["url"] == SITE + "/clinics/preview-clinic/"
    assert tags["site_name"]
    assert tags["description"].startswith("Preview Clinic in Davis, CA:")


def test_condition_page_has_open_graph_tags(client):
    tags = og(client.get("/conditions/ptsd/").content.decode())

    assert tags["title"] == "PTSD: ketamine clinics near Sacramento"
    assert tags["url"] == SITE + "/conditions/ptsd/"
    assert set(tags) >= {"type", "site_name", "description"}


# --- Descriptions that end at a sentence ------------------------------------------------


def test_a_short_text_is_kept_whole():
    assert truncate_sentence("One sentence.") == "One sentence."


def test_a_long_text_is_cut_after_its_last_sentence_within_the_limit():
    text = "First sentence here. Second one is here too. " + "Third goes on " * 20 + "and ends."

    assert truncate_sentence(text) == "First sentence here. Second one is here too."


def test_a_first_sentence_longer_than_the_limit_is_kept_whole():
    text = "A very long opening sentence " * 8 + "ends here. Then another."

    assert truncate_sentence(text) == ("A very long opening sentence " * 8 + "ends here.")


def test_an_abbreviation_is_not_a_sentence_end():
    text = "Dr. Vale sees patients. " + "More words follow here " * 10 + "until the end."

    assert truncate_sentence(text, 40) == "Dr. Vale sees patients."


def test_condition_page_description_ends_at_a_sentence(client):
    page = client.get("/conditions/treatment-resistant-depression/").content.decode()
    description = re.search(r'<meta name="description" content="([^"]*)">', page).group(1)

    assert description.endswith((".", "!", "?"))
    assert len(description) <= 155 or description.count(".") == 1
