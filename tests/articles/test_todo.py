"""The articles side of the admin home page's "Waiting for you" queue."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from articles import services
from articles.models import Article
from articles.todo import todo_for
from tests.factories import ArticleFactory, ContentReviewFactory

pytestmark = pytest.mark.django_db


def titles(user) -> list[str]:
    return [group.title for group in todo_for(user)]


def group(user, title):
    return next(group for group in todo_for(user) if group.title == title)


def test_reviewers_see_articles_waiting_for_review_except_their_own(writer, reviewer_user):
    waiting = ArticleFactory(created_by=writer, status=Article.Status.IN_REVIEW, title="Waiting")
    ArticleFactory(created_by=reviewer_user, status=Article.Status.IN_REVIEW)

    [item] = group(reviewer_user, "Articles to review").items

    assert (item.label, item.url) == ("Waiting", f"/admin/articles/article/{waiting.pk}/change/")


def test_editors_see_approved_articles_to_publish(editor):
    ArticleFactory(status=Article.Status.APPROVED, title="Ready")

    assert [item.label for item in group(editor, "Approved articles to publish").items] == ["Ready"]


def test_writers_see_their_own_drafts_sent_back_with_the_note(writer, other_writer):
    ArticleFactory(created_by=writer, review_note="Cite the 2019 trial.", title="Mine")
    ArticleFactory(created_by=other_writer, review_note="Theirs.")
    ArticleFactory(created_by=writer, title="No note yet")

    [item] = group(writer, "Your drafts sent back with a note").items

    assert (item.label, item.note) == ("Mine", "Cite the 2019 trial.")


def test_writers_see_nothing_of_review_or_publication(writer):
    ArticleFactory(status=Article.Status.IN_REVIEW)
    ArticleFactory(status=Article.Status.APPROVED)

    assert titles(writer) == []


def test_reviews_due_within_thirty_days_list_articles_and_pages_soonest_first(
    reviewer_user, publish
):
    today = timezone.localdate()
    soon, later = today + datetime.timedelta(days=3), today + datetime.timedelta(days=20)
    article = publish(title="Ketamine and PTSD")
    Article.objects.filter(pk=article.pk).update(
        reviewed_on=later - services.REVIEW_INTERVAL, next_review_due=later
    )
    page = ContentReviewFactory()
    services.content_review_record(
        review=page, user=reviewer_user, on=soon - services.REVIEW_INTERVAL
    )
    publish(title="Not due")  # reviewed a week ago: due in about a year

    due = group(reviewer_user, "Reviews due within 30 days")

    assert [item.label for item in due.items] == ["The PTSD page", "Ketamine and PTSD"]
    assert due.items[0].url == f"/admin/articles/contentreview/{page.pk}/change/"
    assert due.items[1].note.startswith("Due ")


def test_clinic_staff_have_no_article_queue(clinic_staff):
    ArticleFactory(status=Article.Status.IN_REVIEW)

    assert titles(clinic_staff) == []


@pytest.mark.parametrize("rows", [1, 12])
def test_the_queue_costs_the_same_queries_however_long(rows, superuser, django_assert_num_queries):
    for _ in range(rows):
        ArticleFactory(status=Article.Status.IN_REVIEW)
        ArticleFactory(status=Article.Status.APPROVED)
        ArticleFactory(created_by=superuser, review_note="Fix it.")

    # A count and the first rows for three groups, and two counts of reviews due (none).
    with django_assert_num_queries(8):
        todo_for(superuser)
