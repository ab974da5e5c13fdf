"""The editorial workflow through articles.services."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles import services
from articles.models import Article, Reviewer
from tests.factories import ArticleFactory, ReferenceFactory

pytestmark = pytest.mark.django_db


def _in_review(writer, **kwargs):
    article = ArticleFactory(created_by=writer, **kwargs)
    return services.article_submit(article=article, user=writer)


def test_writer_submits_own_draft_for_review(writer):
    article = ArticleFactory(created_by=writer)
    services.article_submit(article=article, user=writer)
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW


def test_writer_cannot_submit_someone_elses_draft(writer, other_writer):
    article = ArticleFactory(created_by=other_writer)
    with pytest.raises(PermissionDenied):
        services.article_submit(article=article, user=writer)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_submitting_an_empty_draft_is_refused(writer):
    article = ArticleFactory(created_by=writer, body="  ")
    with pytest.raises(services.WorkflowError):
        services.article_submit(article=article, user=writer)


def test_approval_records_reviewer_date_and_next_review(writer, reviewer_user):
    article = _in_review(writer)
    with time_machine.travel(datetime.datetime(2026, 3, 2, 18, tzinfo=datetime.UTC)):
        services.article_approve(article=article, user=reviewer_user)
    article.refresh_from_db()
    assert article.status == Article.Status.APPROVED
    assert article.medical_reviewer.display_name == "Dr. Rita Review"
    assert article.reviewed_on == datetime.date(2026, 3, 2)
    assert article.next_review_due == datetime.date(2027, 3, 2)


def test_reviewer_without_profile_cannot_approve(writer, reviewer_user):
    """Reviews are published under a profile's name and credentials, never a login name."""
    reviewer_user.reviewer_profile.delete()
    reviewer_user.refresh_from_db()
    article = _in_review(writer)

    with pytest.raises(PermissionDenied, match="create your medical reviewer profile"):
        services.article_approve(article=article, user=reviewer_user)

    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    assert article.medical_reviewer is None
    assert not Reviewer.objects.filter(user=reviewer_user).exists()
    assert "approve" not in services.allowed_actions(reviewer_user, article)


def test_send_back_needs_a_note_and_returns_a_draft(writer, reviewer_user):
    article = _in_review(writer)
    with pytest.raises(services.WorkflowError):
        services.article_send_back(article=article, user=reviewer_user, note=" ")
    services.article_send_back(article=article, user=reviewer_user, note="Cite the trial.")
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.review_note == "Cite the trial."


def test_publish_requires_approval(editor, writer):
    article = _in_review(writer)
    with pytest.raises(services.WorkflowError):
        services.article_publish(article=article, user=editor)
    article.refresh_from_db()
    assert article.publish_at is None


def test_publish_copies_approved_working_copy_to_live_version(editor, writer, reviewer_user):
    article = _in_review(writer, title="How ketamine works")
    ReferenceFactory(article=article, title="A trial")
    services.article_approve(article=article, user=reviewer_user)
    services.article_publish(article=article, user=editor)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_title == "How ketamine works"
    assert article.published_data["reviewer"]["name"] == "Dr. Rita Review"
    assert article.published_data["references"][0]["title"] == "A trial"
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_schedule_in_the_past_is_refused(editor, writer, reviewer_user):
    article = _in_review(writer)
    services.article_approve(article=article, user=reviewer_user)
    with pytest.raises(services.WorkflowError):
        services.article_schedule(
            article=article, user=editor, publish_at=timezone.now() - datetime.timedelta(1)
        )


def test_unpublish_takes_the_live_version_down(editor, publish):
    article = publish()
    services.article_unpublish(article=article, user=editor)
    article.refresh_from_db()
    assert article.status == Article.Status.APPROVED
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_editing_a_published_article_keeps_the_live_version_until_republished(
    editor, writer, reviewer_user, publish
):
    article = publish(title="Original title", body="## Old\n\nOld reviewed text.")
    article.title = "Unreviewed new title"
    article.body = "## New\n\nUnreviewed claim."
    article.save()
    services.article_mark_edited(article=article)
    article.refresh_from_db()

    assert article.status == Article.Status.DRAFT
    live = Article.objects.published().get(pk=article.pk).live_version()
    assert live.title == "Original title"
    assert "Old reviewed text." in live.body_html
    assert "Unreviewed" not in live.body_html

    # Publishing straight away is refused: the change has not been reviewed.
    with pytest.raises(services.WorkflowError):
        services.article_publish(article=article, user=editor)

    services.article_submit(article=article, user=editor)
    services.article_approve(article=article, user=reviewer_user)
    services.article_publish(article=article, user=editor)
    live = Article.objects.published().get(pk=article.pk).live_version()
    assert live.title == "Unreviewed new title"
    assert "Unreviewed claim." in live.body_html


def test_scheduling_an_update_to_a_live_article_is_refused(editor, reviewer_user, publish):
    article = publish()
    article.status = Article.Status.APPROVED
    article.save()
    with pytest.raises(services.WorkflowError):
        services.article_schedule(
            article=article, user=editor, publish_at=timezone.now() + datetime.timedelta(days=1)
        )
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_restore_revision_brings_back_old_text_as_a_draft_without_touching_live(editor, publish):
    article = publish(title="First words", body="First body.")
    first_revision = article.history.order_by("history_date").first()
    article.title, article.body = "Second words", "Second body."
    article.save()
    services.article_mark_edited(article=article)

    services.article_restore_revision(
        article=article, user=editor, history_id=first_revision.history_id
    )
    article.refresh_from_db()
    assert article.title == "First words"
    assert article.body == "First body."
    assert article.status == Article.Status.DRAFT
    assert article.published_title == "First words"  # live version untouched throughout


def test_restore_refuses_a_revision_of_another_article(editor, publish):
    article = publish()
    other = publish()
    with pytest.raises(services.WorkflowError):
        services.article_restore_revision(
            article=article, user=editor, history_id=other.history.first().history_id
        )


def test_reviewer_cannot_approve_an_article_they_wrote(reviewer_user, editor):
    article = ArticleFactory(created_by=reviewer_user)
    services.article_submit(article=article, user=editor)
    with pytest.raises(PermissionDenied):
        services.article_approve(article=article, user=reviewer_user)
