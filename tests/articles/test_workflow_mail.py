"""Mail about the editorial workflow, and reminders of reviews coming due."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from articles import services
from articles.models import Article, ReviewReminder
from articles.roles import MEDICAL_REVIEWERS, WRITERS
from tests.factories import ArticleFactory, ContentReviewFactory, ReviewerFactory, role_user

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture
def step(django_capture_on_commit_callbacks, mailoutbox):
    """Take a workflow step; return the mails it sent once it committed."""

    def run(service, **kwargs):
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            service(**kwargs)
        return {message.to[0]: message for message in mailoutbox}

    return run


@pytest.fixture
def in_review(writer, step):
    article = ArticleFactory(created_by=writer, title="How IV ketamine works")
    step(services.article_submit, article=article, user=writer)
    article.refresh_from_db()
    return article


# --- The workflow ---------------------------------------------------------------------


def test_a_submission_is_mailed_to_the_medical_reviewers(writer, reviewer_user, editor, step):
    article = ArticleFactory(created_by=writer, title="How IV ketamine works")

    sent = step(services.article_submit, article=article, user=writer)

    assert list(sent) == ["reviewer@example.org"]
    message = sent["reviewer@example.org"]
    assert message.subject == "Article to review: How IV ketamine works"
    assert f"https://directory.example.org/admin/articles/article/{article.pk}/change/" in (
        message.body
    )


def test_a_reviewer_who_wrote_the_article_is_not_asked_to_review_it(reviewer_user, step):
    author = role_user(WRITERS, username="writer-and-reviewer")
    author.groups.add(Group.objects.get(name=MEDICAL_REVIEWERS))
    article = ArticleFactory(created_by=author)

    sent = step(services.article_submit, article=article, user=author)

    assert list(sent) == ["reviewer@example.org"]


def test_an_approval_is_mailed_to_the_writer(in_review, reviewer_user, step):
    sent = step(services.article_approve, article=in_review, user=reviewer_user)

    assert list(sent) == ["writer@example.org"]
    assert sent["writer@example.org"].subject == "Approved: How IV ketamine works"


def test_a_send_back_is_mailed_to_the_writer_without_the_note(in_review, reviewer_user, step):
    sent = step(
        services.article_send_back,
        article=in_review,
        user=reviewer_user,
        note="The dosing paragraph overstates the evidence.",
    )

    message = sent["writer@example.org"]
    assert message.subject == "Sent back with a note: How IV ketamine works"
    assert "dosing" not in message.body
    assert "Read their note on the article's page" in message.body


def test_a_publication_is_mailed_to_the_writer_and_the_reviewer(
    in_review, reviewer_user, editor, step
):
    step(services.article_approve, article=in_review, user=reviewer_user)

    sent = step(services.article_publish, article=in_review, user=editor)

    assert sorted(sent) == ["reviewer@example.org", "writer@example.org"]
    message = sent["writer@example.org"]
    assert message.subject == "Published: How IV ketamine works"
    assert f"https://directory.example.org/articles/{in_review.slug}/" in message.body


def test_a_schedule_says_when_the_article_goes_live(in_review, reviewer_user, editor, step):
    step(services.article_approve, article=in_review, user=reviewer_user)
    when = datetime.datetime(2030, 1, 2, 17, 30, tzinfo=datetime.UTC)  # 9:30 AM Pacific

    sent = step(services.article_schedule, article=in_review, user=editor, publish_at=when)

    assert "January 2, 2030, 9:30 AM" in sent["writer@example.org"].body


def test_nobody_is_mailed_about_their_own_step(editor, reviewer_user, step):
    article = ArticleFactory(created_by=editor)
    step(services.article_submit, article=article, user=editor)
    step(services.article_approve, article=article, user=reviewer_user)

    sent = step(services.article_publish, article=article, user=editor)

    assert list(sent) == ["reviewer@example.org"]


def test_a_refused_step_mails_nobody(writer, other_writer, step):
    article = ArticleFactory(created_by=other_writer)

    with pytest.raises(services.PermissionDenied):
        step(services.article_submit, article=article, user=writer)

    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


# --- Reminders of reviews coming due -----------------------------------------------------


def due_article(reviewer_user, due_on, publish):
    article = publish(reviewer=reviewer_user.reviewer_profile, title="Ketamine and PTSD")
    Article.objects.filter(pk=article.pk).update(
        reviewed_on=due_on - services.REVIEW_INTERVAL, next_review_due=due_on
    )
    return article


def test_the_reviewer_is_reminded_of_an_article_due_within_thirty_days(
    reviewer_user, publish, mailoutbox
):
    article = due_article(reviewer_user, TODAY + datetime.timedelta(days=30), publish)

    assert services.review_reminders_send(today=TODAY) == 1

    [message] = mailoutbox
    assert message.to == ["reviewer@example.org"]
    assert message.subject == "Medical review due Jul 15, 2026: Ketamine and PTSD"
    assert f"/admin/articles/article/{article.pk}/change/" in message.body


def test_an_article_due_later_or_not_live_is_not_reminded(reviewer_user, publish, mailoutbox):
    due_article(reviewer_user, TODAY + datetime.timedelta(days=31), publish)
    ArticleFactory(next_review_due=TODAY, reviewed_on=TODAY.replace(2025))  # no live version

    assert services.review_reminders_send(today=TODAY) == 0
    assert mailoutbox == []


def test_a_page_review_coming_due_is_reminded_too(reviewer_user, mailoutbox):
    review = ContentReviewFactory()
    services.content_review_record(review=review, user=reviewer_user, on=TODAY.replace(2025))

    assert services.review_reminders_send(today=TODAY) == 1

    [message] = mailoutbox
    assert message.subject == "Medical review due Jun 15, 2026: The PTSD page"
    assert f"/admin/articles/contentreview/{review.pk}/change/" in message.body


def test_without_an_account_every_medical_reviewer_is_reminded(reviewer_user, publish, mailoutbox):
    article = publish(reviewer=ReviewerFactory(user=None))
    Article.objects.filter(pk=article.pk).update(
        reviewed_on=TODAY - services.REVIEW_INTERVAL, next_review_due=TODAY
    )

    services.review_reminders_send(today=TODAY)

    assert [message.to for message in mailoutbox] == [["reviewer@example.org"]]


def test_reminders_are_recorded_and_not_sent_twice_the_same_day(reviewer_user, publish, mailoutbox):
    article = due_article(reviewer_user, TODAY, publish)

    services.review_reminders_send(today=TODAY)
    assert services.review_reminders_send(today=TODAY) == 0

    assert len(mailoutbox) == 1
    reminder = ReviewReminder.objects.get()
    assert (reminder.article, reminder.due_on, reminder.sent_on) == (article, TODAY, TODAY)
    assert reminder.sent_to == "reviewer@example.org"


def test_a_review_still_due_is_reminded_again_after_thirty_days(reviewer_user, publish):
    due_article(reviewer_user, TODAY, publish)
    services.review_reminders_send(today=TODAY)

    assert services.review_reminders_send(today=TODAY + datetime.timedelta(days=29)) == 0
    assert services.review_reminders_send(today=TODAY + datetime.timedelta(days=30)) == 1


def test_the_command_reminds_and_says_how_many(reviewer_user, publish, mailoutbox, capsys):
    due_article(reviewer_user, timezone.localdate(), publish)

    call_command("send_review_reminders")

    assert capsys.readouterr().out.strip() == "Sent 1 review reminder(s)."
    assert len(mailoutbox) == 1
