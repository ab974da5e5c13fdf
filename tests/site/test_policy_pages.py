"""The editorial policy and "how results are ordered" pages: found, linked and readable."""

from html.parser import HTMLParser

import pytest
import textstat
from django.urls import reverse

pytestmark = pytest.mark.django_db

POLICY_PAGES = ["editorial_policy", "how_results_are_ordered"]
MAX_GRADE = 8


class MainText(HTMLParser):
    """The prose inside <main>, one sentence-ending stop per block.

    Headings and list items often end without a full stop; without one the grade formula
    would read each as part of the next sentence (as tests/articles/test_readability.py).
    """

    BLOCKS = {"p", "li", "h1", "h2", "h3"}

    def __init__(self):
        super().__init__()
        self.in_main = False
        self.block: list[str] | None = None
        self.blocks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main = True
        elif self.in_main and tag in self.BLOCKS:
            self.block = []

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False
        elif self.block is not None and tag in self.BLOCKS:
            text = " ".join("".join(self.block).split())
            if text:
                self.blocks.append(text if text[-1] in ".!?:" else f"{text}.")
            self.block = None

    def handle_data(self, data):
        if self.block is not None:
            self.block.append(data)


def main_text(html: str) -> str:
    parser = MainText()
    parser.feed(html)
    return " ".join(parser.blocks)


def body(client, name: str) -> str:
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


def test_editorial_policy_covers_writers_reviews_sources_corrections_and_money(client):
    text = main_text(body(client, "editorial_policy"))
    for heading in (
        "Who writes it",
        "Who checks it, and how often",
        "Our sources",
        "Mistakes and fixes",
        "Money and independence",
    ):
        assert heading in text
    assert "A review lasts a year." in text
    assert "peer-reviewed studies" in text
    assert "Food and Drug Administration (FDA)" in text
    assert "Clinics cannot pay" in text
    assert "The directory takes no ads." in text


def test_editorial_policy_gives_the_corrections_email_when_there_is_one(client, settings):
    settings.CORRECTIONS_EMAIL = "fixes@directory.example.org"
    page = body(client, "editorial_policy")
    assert '<a href="mailto:fixes@directory.example.org">' in page


def test_editorial_policy_names_no_email_when_none_is_set(client, settings):
    settings.CORRECTIONS_EMAIL = ""
    assert "mailto:" not in body(client, "editorial_policy")


def test_ordering_page_explains_each_order_and_what_never_changes_it(client):
    text = main_text(body(client, "how_results_are_ordered"))
    assert "Nearest first, when you give a ZIP code or a city." in text
    assert "Best match for your words, when you type search words but give no place." in text
    assert "A to Z by clinic name, when you give neither." in text
    assert "Clinics cannot pay for a higher place" in text
    assert "Whether our team has checked a listing." in text


@pytest.mark.parametrize("name", POLICY_PAGES)
def test_policy_page_reads_at_grade_8_or_below(client, name):
    grade = textstat.flesch_kincaid_grade(main_text(body(client, name)))
    assert grade <= MAX_GRADE, f"{name} reads at grade {grade:.1f}"


@pytest.mark.parametrize("name", POLICY_PAGES)
def test_policy_page_is_linked_from_the_footer(client, name):
    footer = body(client, "home").split('<footer class="site-footer">', 1)[1]
    assert f'href="{reverse(name)}"' in footer


@pytest.mark.parametrize("name", POLICY_PAGES)
def test_policy_page_is_in_the_sitemap(client, name):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://testserver{reverse(name)}</loc>" in sitemap


def test_search_page_links_to_how_results_are_ordered_near_the_sort_control(client):
    page = body(client, "clinics:clinic_list")
    sort_control = page.index('name="sort"')
    link = page.index(f'href="{reverse("how_results_are_ordered")}">How are results ordered?</a>')
    assert 0 < link - sort_control < 2000
