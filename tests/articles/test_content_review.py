"""Medical review of condition and treatment pages, and honest sample reviews.

A condition or treatment page is reviewed with the article machinery: the same
reviewers, the same permission and reviewer-profile rule, the same review interval.
A review vouches only for the text and sources it saw. Demo content never shows a
real-looking "Medically reviewed on <date>": articles, article cards and pages all say
the review is a sample.
"""

import datetime
import json
import re

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from articles import demo, services
from articles.models import ContentReview, ContentSource
from articles.roles import EDITORS, MEDICAL_REVIEWERS
from clinics.models import Condition, Treatment
from tests.factories import (
    ArticleFactory,
    ContentReviewFactory,
    ContentSourceFactory,
    ReviewerFactory,
    condition,
    role_user,
    treatment,
)

pytestmark = pytest.mark.django_db

SAMPLE_REVIEW = "Sample review (demo content):"
REAL_REVIEW = "Medically reviewed by"


def signed(review, user, **kwargs):
    return services.content_review_record(review=review, user=user, **kwargs)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- Recording a review ------------------------------------------------------------


def test_reviewer_signs_with_profile_today_and_next_due_a_review_interval_later(reviewer_user):
    review = signed(ContentReviewFactory(), reviewer_user)
    today = timezone.localdate()
    assert review.reviewer.display_name == "Dr. Rita Review"
    assert review.reviewed_on == today
    assert review.next_review_due == today + services.REVIEW_INTERVAL
    assert review.is_current


def test_signing_keeps_the_text_and_sources_it_vouches_for(reviewer_user):
    source = ContentSourceFactory(title="A trial")
    review = signed(source.review, reviewer_user)
    assert review.reviewed_text == condition("ptsd").summary
    assert [item["title"] for item in review.reviewed_sources] == ["A trial"]


@pytest.mark.parametrize(
    "who", ["anonymous", "writer", "editor", "clinic_staff", "reviewer_without_profile"]
)
def test_only_medical_reviewers_with_a_profile_may_sign(who, writer, editor, clinic_staff):
    user = {
        "anonymous": AnonymousUser(),
        "writer": writer,
        "editor": editor,
        "clinic_staff": clinic_staff,
        "reviewer_without_profile": role_user(MEDICAL_REVIEWERS, username="no-profile"),
    }[who]
    review = ContentReviewFactory()
    with pytest.raises(PermissionDenied):
        signed(review, user)
    review.refresh_from_db()
    assert not review.is_reviewed


def test_reviewer_without_profile_is_told_to_get_one():
    user = role_user(MEDICAL_REVIEWERS, username="no-profile")
    assert services.content_review_refusal(user) == services.NO_REVIEWER_PROFILE


def test_superuser_with_a_profile_may_sign(superuser):
    assert signed(ContentReviewFactory(), superuser).is_reviewed


def test_nothing_is_signed_when_the_text_changed_after_the_reviewer_read_it(reviewer_user):
    review = ContentReviewFactory()
    seen = review.fingerprint()
    Condition.objects.filter(slug="ptsd").update(summary="Edited while the reviewer read.")
    with pytest.raises(services.WorkflowError):
        signed(review, reviewer_user, seen=seen)
    review.refresh_from_db()
    assert not review.is_reviewed


def test_a_page_without_text_cannot_be_signed(reviewer_user):
    blank = Treatment.objects.create(name="Blank", slug="blank", description="")
    with pytest.raises(services.WorkflowError):
        signed(ContentReviewFactory(condition=None, treatment=blank), reviewer_user)


def test_changing_the_summary_ends_the_claim_of_a_current_review(reviewer_user):
    review = signed(ContentReviewFactory(), reviewer_user)
    Condition.objects.filter(slug="ptsd").update(summary="New words nobody has checked.")
    review = ContentReview.objects.for_notice().get(pk=review.pk)
    assert review.is_reviewed
    assert not review.is_current


def test_adding_a_source_ends_the_claim_of_a_current_review(reviewer_user):
    review = signed(ContentReviewFactory(), reviewer_user)
    ContentSourceFactory(review=review)
    review = ContentReview.objects.for_notice().get(pk=review.pk)
    assert not review.is_current


def test_a_review_belongs_to_exactly_one_page():
    with pytest.raises(IntegrityError), transaction.atomic():
        ContentReview.objects.create(condition=condition("ptsd"), treatment=treatment("kap"))
    with pytest.raises(IntegrityError), transaction.atomic():
        ContentReview.objects.create()


def test_a_page_has_at_most_one_review():
    ContentReviewFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ContentReviewFactory()


def test_editors_manage_page_reviews_and_sources_and_reviewers_view_them():
    def codenames(name):
        return set(
            Group.objects.get(name=name)
            .permissions.filter(codename__contains="content")
            .values_list("codename", flat=True)
        )

    assert codenames(MEDICAL_REVIEWERS) == {"view_contentreview", "view_contentsource"}
    assert codenames(EDITORS) == {
        f"{action}_{model}"
        for action in ("view", "add", "change", "delete")
        for model in ("contentreview", "contentsource")
    }


# --- The admin ------------------------------------------------------------------------


def record_url(review):
    return reverse("admin:articles_contentreview_record", args=[review.pk])


def test_reviewer_signs_with_the_admin_button(client, reviewer_user):
    review = ContentReviewFactory()
    client.force_login(reviewer_user)
    change_page = page(client, reverse("admin:articles_contentreview_change", args=[review.pk]))
    assert "Record medical review" in change_page

    response = client.post(record_url(review), {"seen": review.fingerprint()})

    assert response.status_code == 302
    review.refresh_from_db()
    assert review.reviewer.display_name == "Dr. Rita Review"


def test_editor_sees_no_button_and_cannot_sign(client, editor):
    review = ContentReviewFactory()
    client.force_login(editor)
    change_page = page(client, reverse("admin:articles_contentreview_change", args=[review.pk]))
    assert "Record medical review" not in change_page

    response = client.post(record_url(review), {"seen": review.fingerprint()})

    assert response.status_code == 403
    review.refresh_from_db()
    assert not review.is_reviewed


def test_admin_button_refuses_a_stale_reading(client, reviewer_user):
    review = ContentReviewFactory()
    client.force_login(reviewer_user)
    client.post(record_url(review), {"seen": "an old fingerprint"})
    review.refresh_from_db()
    assert not review.is_reviewed


# --- What condition and treatment pages show ---------------------------------------------


def test_condition_page_shows_reviewer_credentials_dates_and_sources(client, reviewer_user):
    review = ContentReviewFactory()
    ContentSourceFactory(review=review, title="A ketamine trial", doi="10.1000/trial.1")
    with time_machine.travel(datetime.datetime(2026, 3, 2, 20, tzinfo=datetime.UTC)):
        signed(review, reviewer_user)
        content = page(client, "/conditions/ptsd/")
    assert f"{REAL_REVIEW} Dr. Rita Review, MD, psychiatrist on" in content
    assert '<time datetime="2026-03-02">March 2, 2026</time>' in content
    assert "Next review due March 2027" in content
    assert "<cite>A ketamine trial</cite>" in content
    assert 'href="https://doi.org/10.1000/trial.1"' in content


def test_condition_page_without_a_review_says_it_is_not_reviewed(client):
    content = page(client, "/conditions/ptsd/")
    assert "This page has not been medically reviewed yet." in content
    assert REAL_REVIEW not in content


def test_condition_page_changed_after_review_says_it_awaits_a_new_one(client, reviewer_user):
    signed(ContentReviewFactory(), reviewer_user)
    Condition.objects.filter(slug="ptsd").update(summary="New words nobody has checked.")
    content = page(client, "/conditions/ptsd/")
    assert "This page has changed since its last medical review" in content
    assert REAL_REVIEW not in content


def test_condition_page_says_when_the_next_review_is_overdue(client, reviewer_user):
    signed(ContentReviewFactory(), reviewer_user, on=datetime.date(2020, 1, 6))
    content = page(client, "/conditions/ptsd/")
    assert "Its next review is overdue." in content


def test_sample_review_on_a_condition_page_never_looks_real(client):
    review = ContentReviewFactory()
    services.content_review_seed(
        review=review,
        reviewer=ReviewerFactory(is_demo=True),
        reviewed_on=timezone.localdate(),
    )
    content = page(client, "/conditions/ptsd/")
    assert f"{SAMPLE_REVIEW}</strong> not a real medical review" in content
    assert REAL_REVIEW not in content
    assert "Next review due" not in content


def test_treatment_page_shows_its_review(client, reviewer_user):
    spravato = treatment("spravato")
    signed(ContentReviewFactory(condition=None, treatment=spravato), reviewer_user)
    content = page(client, spravato.get_absolute_url())
    assert f"{REAL_REVIEW} Dr. Rita Review, MD, psychiatrist on" in content


def test_a_treatment_review_vouches_for_all_the_page_text_and_its_own_sources(reviewer_user):
    spravato = treatment("spravato")
    review = signed(ContentReviewFactory(condition=None, treatment=spravato), reviewer_user)
    Treatment.objects.filter(pk=spravato.pk).update(
        sources=[*spravato.sources, {"title": "A new source", "url": "https://example.org/"}]
    )
    review = ContentReview.objects.for_notice().get(pk=review.pk)
    assert spravato.what_to_expect in review.reviewed_text
    assert not review.is_current


def test_review_notice_reads_the_review_and_its_sources_in_two_queries(
    reviewer_user, django_assert_num_queries
):
    review = ContentReviewFactory()
    ContentSourceFactory.create_batch(3, review=review)
    signed(review, reviewer_user)
    template = Template("{% load article_tags %}{% review_notice page %}")
    context = Context({"page": condition("ptsd")})
    with django_assert_num_queries(2):
        template.render(context)


# --- Demo articles say their review is a sample --------------------------------------------


def test_demo_article_page_says_its_review_is_a_sample(client, publish):
    article = publish(ArticleFactory(is_demo=True))
    content = page(client, article.get_absolute_url())
    assert f"{SAMPLE_REVIEW}</strong> not a real medical review" in content
    assert REAL_REVIEW not in content
    assert "Next review due" not in content


def test_article_signed_by_a_sample_reviewer_says_its_review_is_a_sample(client, publish):
    article = publish(ArticleFactory(), reviewer=ReviewerFactory(is_demo=True))
    content = page(client, article.get_absolute_url())
    assert SAMPLE_REVIEW in content
    assert REAL_REVIEW not in content


def test_demo_article_card_says_its_review_is_a_sample(client, publish):
    publish(ArticleFactory(is_demo=True))
    content = page(client, reverse("articles:article_list"))
    assert "Sample review, not a real medical review" in content
    assert "· Medically reviewed" not in content


def test_demo_article_json_ld_claims_no_review(client, publish):
    article = publish(ArticleFactory(is_demo=True))
    content = page(client, article.get_absolute_url())
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    data = json.loads(raw.group(1))
    assert "lastReviewed" not in data
    assert "reviewedBy" not in data


# --- Demo seeding -------------------------------------------------------------------


def test_demo_seeding_gives_every_condition_and_treatment_a_sample_review(client):
    """In English and, as every reference page has Spanish text, in Spanish too."""
    pages = Condition.objects.count() + Treatment.objects.count()
    assert demo.seed_content_reviews() == 2 * pages
    assert all(review.is_sample and review.is_current for review in ContentReview.objects.all())
    for language in ("en", "es"):
        review = ContentReview.objects.get(condition__slug="ptsd", language=language)
        assert review.sources.count() == 2
    assert SAMPLE_REVIEW in page(client, "/conditions/ptsd/")


def test_demo_seeding_again_changes_nothing_it_made():
    demo.seed_content_reviews()
    before = list(ContentReview.objects.values_list("pk", "reviewer_id", "reviewed_on"))
    ptsd = ContentReview.objects.filter(condition__slug="ptsd")
    sources = ContentSource.objects.filter(review__in=ptsd).count()
    demo.seed_content_reviews()
    assert list(ContentReview.objects.values_list("pk", "reviewer_id", "reviewed_on")) == before
    assert ContentSource.objects.filter(review__in=ptsd).count() == sources


def test_a_source_whose_authors_end_in_a_full_stop_gets_no_second_one(client, reviewer_user):
    review = ContentReviewFactory()
    ContentSourceFactory(review=review, authors="Doe J, et al.")
    signed(review, reviewer_user)
    content = page(client, "/conditions/ptsd/")
    assert "Doe J, et al. <cite>" in content
