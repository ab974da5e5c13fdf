"""The editorial workflow: every status change and every write to the live version.

Which actions a user may take on an article is worked out in one place,
``allowed_actions``: the admin shows exactly those buttons, and each transition
asks it again under a row lock, raising PermissionDenied when the user's role
forbids the action and WorkflowError when the article's status does. So the
admin buttons, the shell and any future API all obey the same rules.

    draft ──submit──▶ in_review ──approve──▶ approved ──publish──▶ published
      ▲                   │                     │
      └────send back──────┘                     └──schedule──▶ scheduled (live at publish_at)

Editing an approved, published or scheduled article's working copy puts it
back to draft (``article_mark_edited``); its live version stays up until a
newly approved working copy is published over it.

Every transition moves the article's ``version`` on, as the admin's save does, so
an edit form opened before a step cannot save its stale status or text over it
(config.site.edit_conflicts).

Each step tells the people it concerns by email once it commits (``articles.notifications``):
a submission the medical reviewers, an approval or a send-back the writer, a publication
(or schedule) the writer and the reviewer. ``review_reminders_send`` reminds reviewers of
reviews coming due.

Condition and treatment pages are reviewed with the same machinery
(``content_review_record``): the same medical reviewers (the ``review_article``
permission and a reviewer profile), the same dates (``REVIEW_INTERVAL``). Their text
is edited in the clinics admin and is public at once, so there is no workflow: a
review vouches for the text and sources it saw, and the page stops claiming it once
either changes (see ``ContentReview``).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils import timezone

from articles import notifications
from articles.models import Article, ContentReview, Reviewer, ReviewReminder
from articles.rendering import render_markdown

REVIEW_INTERVAL = datetime.timedelta(days=365)
EDITABLE_CONTENT_STATUSES = {
    Article.Status.APPROVED,
    Article.Status.PUBLISHED,
    Article.Status.SCHEDULED,
}


class WorkflowError(Exception):
    """The transition is not possible from the article's current state."""


# Reviews are published under a reviewer profile's name and credentials, never a login name.
NO_REVIEWER_PROFILE = (
    "Ask an editor to create your medical reviewer profile (name and credentials) before approving."
)


# --- Policy ------------------------------------------------------------------

ACTIONS = (
    "edit",
    "submit",
    "approve",
    "send_back",
    "publish",
    "schedule",
    "unpublish",
    "restore",
    "delete",
)

# The model permission each action needs, and the status it starts from.
_ACTION_PERMISSION = {
    "submit": "submit_article",
    "approve": "review_article",
    "send_back": "review_article",
    "publish": "publish_article",
    "schedule": "publish_article",
    "unpublish": "publish_article",
    "restore": "restore_article",
    "delete": "delete_article",
}
_ACTION_FROM_STATUS = {
    "submit": (Article.Status.DRAFT, "submitted for review"),
    "approve": (Article.Status.IN_REVIEW, "approved"),
    "send_back": (Article.Status.IN_REVIEW, "sent back"),
    "publish": (Article.Status.APPROVED, "published"),
    "schedule": (Article.Status.APPROVED, "scheduled"),
}


def _is_staff_with(user, permission: str) -> bool:
    return user.is_active and user.is_staff and user.has_perm(f"articles.{permission}")


def _has_reviewer_profile(user) -> bool:
    return Reviewer.objects.filter(user_id=user.pk).exists()


def _review_dates(on: datetime.date | None) -> tuple[datetime.date, datetime.date]:
    """The date a review is signed (today unless given) and when the next one is due."""
    reviewed_on = on or timezone.localdate()
    return reviewed_on, reviewed_on + REVIEW_INTERVAL


def _is_author(user, article: Article) -> bool:
    return user.is_authenticated and article.created_by_id == user.pk


def is_editor(user) -> bool:
    return user.is_active and user.has_perm("articles.publish_article")


def is_reviewer(user) -> bool:
    return user.is_active and user.has_perm("articles.review_article")


def sees_all_articles(user) -> bool:
    """Editors and reviewers work on everyone's articles; writers see only their own."""
    return is_editor(user) or is_reviewer(user)


def can_edit_article(user, article: Article | None) -> bool:
    """Who may change an article's working copy.

    Nobody edits an article while it is in medical review (the reviewer sends it
    back instead). Editors edit any other article; writers only their own drafts.
    """
    if not _is_staff_with(user, "change_article"):
        return False
    if article is None:
        return True
    if article.status == Article.Status.IN_REVIEW:
        return False
    if is_editor(user):
        return True
    return article.status == Article.Status.DRAFT and _is_author(user, article)


def _role_refusal(user, article: Article, action: str) -> str | None:
    """Why the user's role or relation to the article forbids the action, or None."""
    if action == "edit":
        return None if can_edit_article(user, article) else "You may not edit this article."
    permission = _ACTION_PERMISSION[action]
    if not _is_staff_with(user, permission):
        return f"You do not have permission to {permission.split('_')[0]} articles."
    if action == "submit" and not (is_editor(user) or _is_author(user, article)):
        return "Writers may only submit their own articles."
    # Medical review is independent: nobody reviews what they wrote.
    if action == "approve" and _is_author(user, article):
        return "A reviewer cannot approve an article they wrote."
    if action == "approve" and not _has_reviewer_profile(user):
        return NO_REVIEWER_PROFILE
    if action == "send_back" and _is_author(user, article):
        return "A reviewer cannot send back an article they wrote."
    return None


def _status_refusal(article: Article, action: str) -> str | None:
    """Why the article's current status forbids the action, or None."""
    if action in _ACTION_FROM_STATUS:
        status, done = _ACTION_FROM_STATUS[action]
        if article.status != status:
            return (
                f"“{article.title}” is {article.get_status_display().lower()}; "
                f"it cannot be {done} now."
            )
    elif action == "unpublish" and not article.has_live_version:
        return f"“{article.title}” is not published or scheduled."
    elif action == "restore" and article.status == Article.Status.IN_REVIEW:
        return "An article in medical review cannot be changed; send it back first."
    elif action == "delete" and article.status == Article.Status.IN_REVIEW:
        return "An article in medical review cannot be deleted; send it back first."
    return None


def action_refusal(user, article: Article, action: str) -> str | None:
    """Why this user may not take this action on this article now, or None if they may."""
    return _role_refusal(user, article, action) or _status_refusal(article, action)


def allowed_actions(user, article: Article) -> frozenset[str]:
    """The actions this user may take on this article now (a subset of ACTIONS).

    Checks the user's role and the article's status. What the action itself is
    given or needs (a note, a time in the future, a summary and body to submit,
    no live version yet when scheduling) is checked by the transition.
    """
    return frozenset(action for action in ACTIONS if action_refusal(user, article, action) is None)


def _require(user, article: Article, action: str) -> None:
    """Raise unless the user may take this action on this (locked) article now."""
    refusal = _role_refusal(user, article, action)
    if refusal:
        raise PermissionDenied(refusal)
    refusal = _status_refusal(article, action)
    if refusal:
        raise WorkflowError(refusal)


def _locked(article: Article) -> Article:
    return Article.objects.select_for_update().get(pk=article.pk)


def _save_change(article: Article) -> None:
    """Save a workflow step; its new version refuses forms opened before it."""
    article.version += 1
    article.save()


class ArticleEditConflict(Exception):
    """The article changed since the edit being saved was loaded."""


def article_version_bump(*, article: Article, expected_version: int) -> int:
    """Move an edited article's version on from the one its form was loaded with.

    The UPDATE only matches while the row still has that version, so two saves that
    both started from it cannot both succeed: the second raises ArticleEditConflict.
    """
    rows = Article.objects.filter(pk=article.pk, version=expected_version)
    if rows.update(version=F("version") + 1) != 1:
        raise ArticleEditConflict
    return expected_version + 1


# --- Transitions ---------------------------------------------------------------


@transaction.atomic
def article_submit(*, article: Article, user) -> Article:
    article = _locked(article)
    _require(user, article, "submit")
    if not article.body.strip() or not article.summary.strip():
        raise WorkflowError("Write a summary and a body before submitting for review.")
    article.status = Article.Status.IN_REVIEW
    article.review_note = ""
    _save_change(article)
    notifications.article_submitted(article=article, actor=user)
    return article


@transaction.atomic
def article_approve(*, article: Article, user, on: datetime.date | None = None) -> Article:
    article = _locked(article)
    _require(user, article, "approve")
    reviewer = Reviewer.objects.get(user=user)  # _require refused a user without one
    article.status = Article.Status.APPROVED
    article.medical_reviewer = reviewer
    article.reviewed_on, article.next_review_due = _review_dates(on)
    article.review_note = ""
    _save_change(article)
    notifications.article_reviewed(article=article, actor=user)
    return article


@transaction.atomic
def article_send_back(*, article: Article, user, note: str) -> Article:
    article = _locked(article)
    _require(user, article, "send_back")
    note = (note or "").strip()
    if not note:
        raise WorkflowError("Say what needs to change when sending an article back.")
    article.status = Article.Status.DRAFT
    article.review_note = note
    _save_change(article)
    notifications.article_reviewed(article=article, actor=user)
    return article


def _copy_to_live(article: Article, *, publish_at: datetime.datetime) -> None:
    """Freeze the approved working copy as the live version."""
    rendered = render_markdown(article.body)
    now = timezone.now()
    article.published_topics.set(article.topics.all())
    article.published_conditions.set(article.conditions.all())
    article.published_is_demo = article.is_demo
    article.published_title = article.title
    article.published_summary = article.summary
    article.published_body_html = rendered.html
    # The private-use markers SearchHeadline uses must never occur in the text.
    article.published_text = rendered.text.replace("\ue000", "").replace("\ue001", "")
    article.published_data = article.snapshot_data(rendered.toc, rendered.reading_minutes)
    article.publish_at = publish_at
    article.first_published_at = article.first_published_at or publish_at
    article.live_updated_at = max(now, publish_at)
    _save_change(article)


@transaction.atomic
def article_publish(*, article: Article, user) -> Article:
    article = _locked(article)
    _require(user, article, "publish")
    article.status = Article.Status.PUBLISHED
    _copy_to_live(article, publish_at=timezone.now())
    notifications.article_published(article=article, actor=user)
    return article


@transaction.atomic
def article_schedule(*, article: Article, user, publish_at: datetime.datetime) -> Article:
    article = _locked(article)
    _require(user, article, "schedule")
    if publish_at <= timezone.now():
        raise WorkflowError("Choose a publication time in the future, or publish now.")
    if article.is_public():
        # Scheduling would hide the current live version until then.
        raise WorkflowError("This article is already live; publish the approved update now.")
    article.status = Article.Status.SCHEDULED
    _copy_to_live(article, publish_at=publish_at)
    notifications.article_published(article=article, actor=user)
    return article


@transaction.atomic
def article_unpublish(*, article: Article, user) -> Article:
    article = _locked(article)
    _require(user, article, "unpublish")
    article.publish_at = None
    article.published_title = article.published_summary = ""
    article.published_body_html = article.published_text = ""
    article.published_data = {}
    article.published_is_demo = False
    article.published_topics.clear()
    article.published_conditions.clear()
    if article.status in {Article.Status.PUBLISHED, Article.Status.SCHEDULED}:
        article.status = Article.Status.APPROVED
    _save_change(article)
    return article


@transaction.atomic
def article_mark_edited(*, article: Article) -> bool:
    """Send an edited approved/published/scheduled working copy back to draft.

    Returns True when it did. The live version is untouched.
    """
    updated = Article.objects.filter(pk=article.pk, status__in=EDITABLE_CONTENT_STATUSES).update(
        status=Article.Status.DRAFT,
        review_note="Edited after approval; needs medical review.",
        version=F("version") + 1,
    )
    if updated:
        article.refresh_from_db(fields=["status", "review_note", "version"])
    return bool(updated)


@transaction.atomic
def article_restore_revision(*, article: Article, user, history_id: int) -> Article:
    """Copy an earlier revision's text into the working copy, as a draft.

    Restoring never touches the live version: the restored text must be reviewed
    and published like any other change.
    """
    article = _locked(article)
    _require(user, article, "restore")
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
    _save_change(article)
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
    article.reviewed_on, article.next_review_due = _review_dates(reviewed_on)
    article.review_note = ""
    _copy_to_live(article, publish_at=publish_at)
    return article


# --- Condition and treatment pages ---------------------------------------------------


def content_review_refusal(user) -> str | None:
    """Why this user may not sign a condition or treatment page's review, or None.

    The rule for approving an article: a staff medical reviewer (``review_article``)
    with a reviewer profile, whose name and credentials the page will show. Who wrote
    the page is not recorded, so the "nobody reviews their own article" rule has
    nothing to check here.
    """
    if not _is_staff_with(user, "review_article"):
        return "Only medical reviewers may record a medical review."
    if not _has_reviewer_profile(user):
        return NO_REVIEWER_PROFILE
    return None


def can_record_content_review(user) -> bool:
    return content_review_refusal(user) is None


def _sign_content_review(
    review: ContentReview, *, reviewer: Reviewer, on: datetime.date | None
) -> None:
    review.reviewer = reviewer
    review.reviewed_on, review.next_review_due = _review_dates(on)
    review.reviewed_text = review.page_text()
    review.reviewed_sources = review.current_sources()
    review.save()


@transaction.atomic
def content_review_record(
    *,
    review: ContentReview,
    user,
    seen: str | None = None,
    on: datetime.date | None = None,
) -> ContentReview:
    """Sign the page's current text and sources as medically reviewed by this user.

    ``seen`` is the ``fingerprint()`` of what the reviewer read; if the text or the
    sources changed since, nothing is signed.
    """
    review = ContentReview.objects.select_for_update().get(pk=review.pk)
    refusal = content_review_refusal(user)
    if refusal:
        raise PermissionDenied(refusal)
    if not review.page_text().strip():
        raise WorkflowError("This page has no text to review yet.")
    if seen is not None and seen != review.fingerprint():
        raise WorkflowError(
            "The text or the sources changed while you were reading. Read them again, "
            "then record the review."
        )
    _sign_content_review(review, reviewer=Reviewer.objects.get(user=user), on=on)
    return review


@transaction.atomic
def content_review_seed(
    *, review: ContentReview, reviewer: Reviewer, reviewed_on: datetime.date
) -> ContentReview:
    """Sign a page's review for demo seeding, which chooses the (sample) reviewer itself."""
    _sign_content_review(review, reviewer=reviewer, on=reviewed_on)
    return review


# --- Reminding reviewers of reviews coming due ---------------------------------------

REVIEW_DUE_WITHIN = datetime.timedelta(days=30)
REVIEW_REMINDER_INTERVAL = datetime.timedelta(days=30)


def review_reminders_send(*, today: datetime.date | None = None) -> int:
    """Mail reviewers about live articles and page reviews due within REVIEW_DUE_WITHIN.

    For the daily cron (``manage.py send_review_reminders``): each item is reminded at
    most once every REVIEW_REMINDER_INTERVAL while its review stays due (so about a month
    ahead, then again once it is overdue), to its reviewer's own account or, without one,
    to every medical reviewer. Each reminder is recorded (ReviewReminder) in the
    transaction that mails it: running the command again the same day sends nothing,
    and a mail that fails is tried again the next day. Returns how many were sent.
    """
    today = today or timezone.localdate()
    due_by = today + REVIEW_DUE_WITHIN
    since = today - REVIEW_REMINDER_INTERVAL
    articles = (
        Article.objects.review_due_by(due_by)
        .exclude(Exists(ReviewReminder.objects.filter(article=OuterRef("pk"), sent_on__gt=since)))
        .select_related("medical_reviewer__user")
        .order_by("next_review_due", "pk")
    )
    pages = (
        ContentReview.objects.review_due_by(due_by)
        .exclude(
            Exists(ReviewReminder.objects.filter(content_review=OuterRef("pk"), sent_on__gt=since))
        )
        .select_related("reviewer__user", "condition", "treatment")
        .order_by("next_review_due", "pk")
    )
    sent = 0
    for article in articles:
        sent += _remind(
            item={"article": article},
            title=article.published_title or article.title,
            reviewer=article.medical_reviewer,
            due_on=article.next_review_due,
            admin_path=reverse("admin:articles_article_change", args=[article.pk]),
            today=today,
        )
    for review in pages:
        sent += _remind(
            item={"content_review": review},
            title=f"The {review.page} page"
            + ("" if review.language == "en" else f" ({review.get_language_display()})"),
            reviewer=review.reviewer,
            due_on=review.next_review_due,
            admin_path=reverse("admin:articles_contentreview_change", args=[review.pk]),
            today=today,
        )
    return sent


def _remind(*, item: dict, title: str, reviewer, due_on, admin_path: str, today) -> int:
    recipients = notifications.reviewer_emails(reviewer)
    if not recipients:
        return 0
    with transaction.atomic():
        _, created = ReviewReminder.objects.get_or_create(
            **item, sent_on=today, defaults={"due_on": due_on, "sent_to": "\n".join(recipients)}
        )
        if not created:  # another run got here first today
            return 0
        notifications.review_reminder_send(
            title=title, due_on=due_on, admin_path=admin_path, recipients=recipients
        )
    return 1
