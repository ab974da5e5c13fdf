"""Condition and treatment pages in Spanish: the Spanish text is medical content, so it is
shown only while a medical review of it in Spanish is current; otherwise the page shows
the English text, and says so. Names are labels and show in Spanish at once."""

import pytest
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext

from articles import services
from articles.models import ContentReview, localized_page
from tests.factories import ContentReviewFactory, ContentSourceFactory, condition, treatment

pytestmark = pytest.mark.django_db


def fallback_note() -> str:
    """The note above English text on a Spanish page, as the Spanish catalogue words it."""
    with translation.override("es"):
        return gettext(
            "This information is not yet available in reviewed Spanish; it is shown in English."
        )


FALLBACK = fallback_note()


def signed(review, user):
    return services.content_review_record(review=review, user=user)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def ptsd_reviewed_in_english(reviewer_user):
    return signed(ContentReviewFactory(condition=condition("ptsd")), reviewer_user)


@pytest.fixture
def ptsd_reviewed_in_spanish(reviewer_user):
    return signed(ContentReviewFactory(condition=condition("ptsd"), language="es"), reviewer_user)


# --- Which text a page shows ------------------------------------------------------------


def test_reviewed_spanish_summary_is_shown_on_the_spanish_page(client, ptsd_reviewed_in_spanish):
    ptsd = condition("ptsd")
    content = page(client, "/es/conditions/ptsd/")
    assert f"<p>{ptsd.summary_es}</p>" in content
    assert ptsd.summary not in content
    assert FALLBACK not in content


def test_unreviewed_spanish_summary_is_not_shown(client, ptsd_reviewed_in_english):
    ptsd = condition("ptsd")
    content = page(client, "/es/conditions/ptsd/")
    assert ptsd.summary_es not in content
    assert f'<div class="prose" lang="en"><p>{ptsd.summary}</p></div>' in content
    assert FALLBACK in content


def test_spanish_summary_changed_after_its_review_is_not_shown(client, ptsd_reviewed_in_spanish):
    ptsd = condition("ptsd")
    ptsd.summary_es += " Texto nuevo sin revisar."
    ptsd.save()
    content = page(client, "/es/conditions/ptsd/")
    assert "Texto nuevo sin revisar." not in content
    assert FALLBACK in content


def test_english_page_never_shows_the_spanish_text(client, ptsd_reviewed_in_spanish):
    content = page(client, "/conditions/ptsd/")
    assert condition("ptsd").summary in content
    assert condition("ptsd").summary_es not in content
    assert FALLBACK not in content


def test_spanish_name_shows_without_a_review(client):
    content = page(client, "/es/conditions/ptsd/")
    assert "<h1>Estrés postraumático (TEPT)</h1>" in content


def test_reviewed_spanish_treatment_page_shows_every_spanish_text(client, reviewer_user):
    kap = treatment("kap")
    signed(ContentReviewFactory(condition=None, treatment=kap, language="es"), reviewer_user)
    content = page(client, "/es/treatments/kap/")
    # Parts without abbreviations, which the glossary marks up.
    for part in (kap.description_es[:40], kap.what_to_expect_es[:40], kap.safety_notes_es[-40:]):
        assert part in content
    assert kap.what_to_expect not in content
    assert FALLBACK not in content


def test_unreviewed_spanish_treatment_page_shows_english_in_english(client):
    kap = treatment("kap")
    content = page(client, "/es/treatments/kap/")
    assert FALLBACK in content
    assert f'<p lang="en">{kap.what_to_expect[:40]}' in content
    assert kap.what_to_expect_es not in content


def test_page_without_spanish_text_falls_back_even_with_a_spanish_review(reviewer_user):
    ptsd = condition("ptsd")
    review = signed(ContentReviewFactory(condition=ptsd, language="es"), reviewer_user)
    ContentReview.objects.filter(pk=review.pk).update(reviewed_text="")
    ptsd.summary_es = ""
    ptsd.save()
    shown = localized_page(ptsd, "es")
    assert shown.is_fallback
    assert shown.text == {"summary": ptsd.summary}


# --- The review notice follows the text shown ------------------------------------------


def test_spanish_page_shows_the_spanish_review_and_its_sources(client, reviewer_user):
    review = ContentReviewFactory(condition=condition("ptsd"), language="es")
    ContentSourceFactory(review=review, title="Un ensayo")
    signed(review, reviewer_user)
    content = page(client, "/es/conditions/ptsd/")
    assert "Un ensayo" in content
    assert "Dr. Rita Review" in content


def test_fallback_page_shows_the_english_review(client, reviewer_user):
    review = ContentReviewFactory(condition=condition("ptsd"))
    ContentSourceFactory(review=review, title="An English trial")
    signed(review, reviewer_user)
    content = page(client, "/es/conditions/ptsd/")
    assert FALLBACK in content
    assert "An English trial" in content


def test_localized_text_and_review_notice_take_two_queries_in_spanish(
    ptsd_reviewed_in_spanish, django_assert_num_queries
):
    template = Template(
        "{% load article_tags %}{% localized_page page as content %}"
        "{{ content.text.summary }}{% review_notice page %}"
    )
    context = Context({"page": condition("ptsd")})
    with translation.override("es"), django_assert_num_queries(2):
        template.render(context)


# --- Reviews per language -------------------------------------------------------------------


def test_a_spanish_review_vouches_for_the_spanish_text(ptsd_reviewed_in_spanish):
    assert ptsd_reviewed_in_spanish.reviewed_text == condition("ptsd").summary_es


def test_a_spanish_treatment_review_covers_its_spanish_texts_and_sources(reviewer_user):
    spravato = treatment("spravato")
    review = signed(
        ContentReviewFactory(condition=None, treatment=spravato, language="es"), reviewer_user
    )
    assert spravato.description_es in review.reviewed_text
    assert spravato.safety_notes_es in review.reviewed_text
    assert spravato.sources[0]["url"] in review.reviewed_text


def test_editing_the_english_text_leaves_the_spanish_review_current(ptsd_reviewed_in_spanish):
    ptsd = condition("ptsd")
    ptsd.summary += " More."
    ptsd.save()
    review = ContentReview.objects.for_notice().get(pk=ptsd_reviewed_in_spanish.pk)
    assert review.is_current


def test_a_page_has_one_review_per_language():
    ContentReviewFactory(language="es")
    ContentReviewFactory(language="en")
    with pytest.raises(IntegrityError), transaction.atomic():
        ContentReviewFactory(language="es")


def test_a_spanish_review_is_named_so(ptsd_reviewed_in_spanish):
    assert str(ptsd_reviewed_in_spanish) == "Review of PTSD (Spanish)"
