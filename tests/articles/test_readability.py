"""The demo articles stay readable and cited.

Health information for the public should read at about a US 8th-grade level, so every
English demo article body is held to a Flesch-Kincaid grade of 8 or below. That formula
counts English syllables, so Spanish articles are held to short sentences instead (at most
20 words on average) and to a Fernández-Huerta score of 70 or more ("fairly easy"), the
Spanish adaptation of Flesch reading ease. Each article must also cite its sources: a
reference list, well-formed DOIs and in-text numbers that point at it; and its links to
other demo articles must lead somewhere.
"""

import re

import pytest
import textstat
from markdown_it import MarkdownIt

from articles import demo
from articles.models import doi_validator
from articles.rendering import plain_text

MAX_GRADE = 8
MAX_WORDS_PER_SENTENCE_ES = 20
MIN_FERNANDEZ_HUERTA = 70
# In-text citations such as [3] or [2, 5].
CITATION = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
# Markdown links from one demo article to another, e.g. [text](/articles/some-slug/), and
# to a Spanish one, [texto](/es/articles/algun-slug/).
ARTICLE_LINK = re.compile(r"\]\(/articles/([\w-]+)/\)")
SPANISH_ARTICLE_LINK = re.compile(r"\]\(/es/articles/([\w-]+)/\)")

ARTICLES = demo._load_content().ARTICLES
ENGLISH = [item for item in ARTICLES if item["language"] == "en"]
SPANISH = [item for item in ARTICLES if item["language"] == "es"]


def body_text(markdown: str) -> str:
    """The prose a reader sees, one sentence-ending stop per block.

    Headings and list items often end without a full stop; without one the grade formula
    would read each of them as part of the next sentence and overstate sentence length.
    Citation numbers are dropped because they are not words.
    """
    blocks = []
    for token in MarkdownIt("commonmark").enable("table").parse(markdown):
        if token.type != "inline":
            continue
        text = CITATION.sub("", plain_text([token])).strip()
        if text:
            blocks.append(text if text[-1] in ".!?:" else f"{text}.")
    return " ".join(blocks)


def by_slug(items):
    return pytest.mark.parametrize("item", items, ids=[item["slug"] for item in items])


def test_body_text_drops_markup_and_citations_and_ends_each_block():
    text = body_text("## A heading\n\n- **Bold** item [2, 3]\n\nA [link](https://example.org).")
    assert text == "A heading. Bold item. A link."


def sentences(text: str) -> list[str]:
    return [sentence for sentence in re.split(r"(?<=[.!?])\s+", text) if sentence.strip()]


@by_slug(ENGLISH)
def test_demo_article_reads_at_grade_8_or_below(item):
    grade = textstat.flesch_kincaid_grade(body_text(item["body"]))
    assert grade <= MAX_GRADE, f"{item['slug']} reads at grade {grade:.1f}"


@by_slug(SPANISH)
def test_spanish_demo_article_sentences_are_short_on_average(item):
    lengths = [len(sentence.split()) for sentence in sentences(body_text(item["body"]))]
    average = sum(lengths) / len(lengths)
    assert average <= MAX_WORDS_PER_SENTENCE_ES, f"{item['slug']}: {average:.1f} words"


@by_slug(SPANISH)
def test_spanish_demo_article_reads_fairly_easily(item):
    textstat.set_lang("es")
    try:
        score = textstat.fernandez_huerta(body_text(item["body"]))
    finally:
        textstat.set_lang("en_US")
    assert score >= MIN_FERNANDEZ_HUERTA, f"{item['slug']} scores {score:.0f}"


def test_spanish_demo_articles_include_the_start_here_and_safety_translations():
    originals = {item["translation_of"] for item in SPANISH}
    assert {"ketamine-treatment-start-here", "ketamine-side-effects-risks-screening"} <= originals


@by_slug(SPANISH)
def test_spanish_demo_article_cites_its_originals_references(item):
    """Same facts, same sources: its in-text numbers point at the original's list."""
    original = next(article for article in ENGLISH if article["slug"] == item["translation_of"])
    assert item["references"] == original["references"]


@by_slug(ARTICLES)
def test_demo_article_has_references(item):
    assert item.get("references")


@by_slug(ARTICLES)
def test_demo_article_dois_match_the_doi_pattern(item):
    for reference in item["references"]:
        if reference.get("doi"):
            doi_validator(reference["doi"])


@by_slug(ARTICLES)
def test_demo_article_citations_point_at_its_references(item):
    cited = {int(number) for group in CITATION.findall(item["body"]) for number in group.split(",")}
    assert cited == set(range(1, len(item["references"]) + 1))


@by_slug(ARTICLES)
def test_demo_article_links_to_other_articles_name_demo_articles(item):
    assert set(ARTICLE_LINK.findall(item["body"])) <= {article["slug"] for article in ENGLISH}
    spanish = set(SPANISH_ARTICLE_LINK.findall(item["body"]))
    assert spanish <= {article["slug"] for article in SPANISH}
