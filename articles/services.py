"""The editorial workflow: every status change and every write to the live version.

Each transition checks the user's permission (PermissionDenied) and the
article's current status under a row lock (WorkflowError), so the admin
buttons, the shell and any future API all obey the same rules.

    draft ──submit──▶ in_review ──approve──▶ approved ──publish──▶ published
      ▲                   │                     │
      └────send back──────┘                     └──schedule──▶ scheduled (live at publish_at)

Editing an approved, published or scheduled article's working copy puts it
back to draft (``article_mark_edited``); its live version stays up until a
newly approved working copy is published over it.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from articles.models import Article, Reviewer
from articles.rendering import render_markdown

REVIEW_INTERVAL = datetime.timedelta(days=365)
EDITABLE_CONTENT_STATUSES = {
    Article.Status.APPROVED,
    Article.Status.PUBLISHED,
    Article.Status.SCHEDULED,
}


class WorkflowError(Exception):
    """The transition is not possible from the article's current state."""


# --- Policy ------------------------------------------------------------------


def is_editor(user) -> bool:
    return user.is_active and user.has_perm("articles.publish_article")


def can_edit_article(user, article: Article | None) -> bool:
    """Who may change an article's working copy.

    Nobody edits an article while it is in medical review (the reviewer sends it
    back instead). Editors edit any other article; writers only their own drafts.
    """
    if not (user.is_active and user.is_staff and user.has_perm("articles.change_article")):
        return False
    if article is None:
        return True
    if article.status == Article.Status.IN_REVIEW:
        return False
    if is_editor(user):
        return True
    return article.status == Article.Status.DRAFT and article.created_by_id == user.pk


def _require(user, permission: str) -> None:
    if not (user.is_active and user.is_staff and user.has_perm(f"articles.{permission}")):
        raise PermissionDenied(
            f"You do not have permission to {permission.split('_')[0]} articles."
        )


def _locked(article: Article) -> Article:
    return Article.objects.select_for_update().get(pk=article.pk)


def _require_status(article: Article, *statuses: str, action: str) -> None:
    if article.status not in statuses:
        raise WorkflowError(
            f"“{article.title}” is {article.get_status_display().lower()}; "
            f"it cannot be {action} now."
        )


# --- Transitions ---------------------------------------------------------------


@transaction.atomic
def article_submit(*, article: Article, user) -> Article:
    _require(user, "submit_article")
    article = _locked(article)
    if not is_editor(user) and article.created_by_id != user.pk:
        raise PermissionDenied("Writers may only submit their own articles.")
    _require_status(article, Article.Status.DRAFT, action="submitted for review")
    if not article.body.strip() or not article.summary.strip():
        raise WorkflowError("Write a summary and a body before submitting for review.")
    article.status = Article.Status.IN_REVIEW
    article.review_note = ""
    article.save()
    return article


@transaction.atomic
def article_approve(*, article: Article, user, on: datetime.date | None = None) -> Article:
    _require(user, "review_article")
    article = _locked(article)
    _require_status(article, Article.Status.IN_REVIEW, action="approved")
    if article.created_by_id == user.pk:
        raise PermissionDenied("A reviewer cannot approve an article they wrote.")
    reviewer = Reviewer.objects.filter(user=user).first()
    if reviewer is None:
        reviewer = Reviewer.objects.create(
            user=user, display_name=user.get_full_name() or user.get_username()
        )
    reviewed_on = on or timezone.localdate()
    article.status = Article.Status.APPROVED
    article.medical_reviewer = reviewer
    article.reviewed_on = reviewed_on
    article.next_review_due = reviewed_on + REVIEW_INTERVAL
    article.review_note = ""
    article.save()
    return article


@transaction.atomic
def article_send_back(*, article: Article, user, note: str) -> Article:
    _require(user, "review_article")
    note = (note or "").strip()
    if not note:
        raise WorkflowError("Say what needs to change when sending an article back.")
    article = _locked(article)
    _require_status(article, Article.Status.IN_REVIEW, action="sent back")
    article.status = Article.Status.DRAFT
    article.review_note = note
    article.save()
    return article


def _copy_to_live(article: Article, *, publish_at: datetime.datetime) -> None:
    """Freeze the approved working copy as the live version."""
    rendered = render_markdown(article.body)
    now = timezone.now()
    article.published_title = article.title
    article.published_summary = article.summary
    article.published_body_html = rendered.html
    # The private-use markers SearchHeadline uses must never occur in the text.
    article.published_text = rendered.text.replace("\ue000", "").replace("\ue001", "")
    article.published_data = article.snapshot_data(rendered.toc, rendered.reading_minutes)
    article.publish_at = publish_at
    article.first_published_at = article.first_published_at or publish_at
    article.live_updated_at = max(now, publish_at)
    article.save()


@transaction.atomic
def article_publish(*, article: Article, user) -> Article:
    _require(user, "publish_article")
    article = _locked(article)
    _require_status(article, Article.Status.APPROVED, action="published")
    article.status = Article.Status.PUBLISHED
    _copy_to_live(article, publish_at=timezone.now())
    return article


@transaction.atomic
def article_schedule(*, article: Article, user, publish_at: datetime.datetime) -> Article:
    _require(user, "publish_article")
    article = _locked(article)
    _require_status(article, Article.Status.APPROVED, action="scheduled")
    if publish_at <= timezone.now():
        raise WorkflowError("Choose a publication time in the future, or publish now.")
    if article.is_public():
        # Scheduling would hide the current live version until then.
        raise WorkflowError("This article is already live; publish the approved update now.")
    article.status = Article.Status.SCHEDULED
    _copy_to_live(article, publish_at=publish_at)
    return article


@transaction.atomic
def article_unpublish(*, article: Article, user) -> Article:
    _require(user, "publish_article")
    article = _locked(article)
    if not article.has_live_version:
        raise WorkflowError(f"“{article.title}” is not published or scheduled.")
    article.publish_at = None
    article.published_title = article.published_summary = ""
    article.published_body_html = article.published_text = ""
    article.published_data = {}
    if article.status in {Article.Status.PUBLISHED, Article.Status.SCHEDULED}:
        article.status = Article.Status.APPROVED
    article.save()
    return article


@transaction.atomic
def article_mark_edited(*, article: Article) -> bool:
    """Send an edited approved/published/scheduled working copy back to draft.

    Returns True when it did. The live version is untouched.
    """
    updated = Article.objects.filter(pk=article.pk, status__in=EDITABLE_CONTENT_STATUSES).update(
        status=Article.Status.DRAFT, review_note="Edited after approval; needs medical review."
    )
    if updated:
        article.refresh_from_db(fields=["status", "review_note"])
    return bool(updated)


@transaction.atomic
def article_restore_revision(*, article: Article, user, history_id: int) -> Article:
    """Copy an earlier revision's text into the working copy, as a draft.

    Restoring never touches the live version: the restored text must be reviewed
    and published like any other change.
    """
    _require(user, "restore_article")
    article = _locked(article)
    if article.status == Article.Status.IN_REVIEW:
        raise WorkflowError("An article in medical review cannot be changed; send it back first.")
    revision = article.history.filter(history_id=history_id).first()
    if revision is None:
        raise WorkflowError("That revision does not belong to this article.")
    article.title = revision.title
    article.summary = revision.summary
    article.body = revision.body
    article.hero_alt = revision.hero_alt
    if not article.first_published_at:
        article.slug = revision.slug
    article.status = Article.Status.DRAFT
    restored_from = timezone.localtime(revision.history_date)
    article.review_note = f"Restored from the revision of {restored_from:%b %-d, %Y %-I:%M %p}."
    article._change_reason = f"Restored revision {history_id}"
    article.save()
    return article


@transaction.atomic
def article_seed_published(
    *,
    article: Article,
    reviewer: Reviewer,
    reviewed_on: datetime.date,
    publish_at: datetime.datetime,
) -> Article:
    """Mark fixed demo content as reviewed and live. Used only by demo seeding,
    which writes both the text and the (sample) review, so no workflow applies."""
    article.status = Article.Status.PUBLISHED
    article.medical_reviewer = reviewer
    article.reviewed_on = reviewed_on
    article.next_review_due = reviewed_on + REVIEW_INTERVAL
    article.review_note = ""
    _copy_to_live(article, publish_at=publish_at)
    return article
