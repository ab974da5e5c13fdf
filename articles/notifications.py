"""Mail about the editorial workflow: who is told what (config.site.mail sends it).

``articles.services`` calls these after each step; each sends once the step commits,
and never to the person who took it. Reminders of due reviews are the exception:
``services.review_reminders_send`` sends them inside the transaction that records them,
so a mail that fails is not recorded as sent and the next day's run tries again.

Mails name the article or page and link to the admin; the reviewer's note and the
text stay there.
"""

from __future__ import annotations

import datetime

from django.urls import reverse

from articles import roles
from articles.models import Article
from config.site.mail import (
    absolute_url,
    after_commit,
    group_emails,
    send_templated_mail,
    user_emails,
    without,
)


def _article_context(article: Article) -> dict:
    return {
        "title": article.title,
        "admin_url": absolute_url(reverse("admin:articles_article_change", args=[article.pk])),
    }


def _reviewer_user(article: Article):
    reviewer = article.medical_reviewer
    return reviewer.user if reviewer is not None else None


def article_submitted(*, article: Article, actor) -> None:
    """To the medical reviewers: an article waits for review (its author cannot review it)."""
    after_commit(_send_article_submitted, article=article, actor=actor)


def _send_article_submitted(*, article: Article, actor) -> None:
    send_templated_mail(
        "articles/submitted",
        recipients=without(group_emails(roles.MEDICAL_REVIEWERS), actor, article.created_by),
        context=_article_context(article),
    )


def article_reviewed(*, article: Article, actor) -> None:
    """To the writer: the reviewer approved the article or sent it back."""
    after_commit(_send_article_reviewed, article=article, actor=actor)


def _send_article_reviewed(*, article: Article, actor) -> None:
    send_templated_mail(
        "articles/reviewed",
        recipients=without(user_emails([article.created_by]), actor),
        context={
            **_article_context(article),
            "approved": article.status == Article.Status.APPROVED,
        },
    )


def article_published(*, article: Article, actor) -> None:
    """To the writer and the medical reviewer: the article is live (or scheduled to be)."""
    after_commit(_send_article_published, article=article, actor=actor)


def _send_article_published(*, article: Article, actor) -> None:
    send_templated_mail(
        "articles/published",
        recipients=without(user_emails([article.created_by, _reviewer_user(article)]), actor),
        context={
            **_article_context(article),
            "scheduled": article.status == Article.Status.SCHEDULED,
            "publish_at": article.publish_at,
            "public_url": absolute_url(article.get_absolute_url()),
        },
    )


def review_reminder_send(
    *, title: str, due_on: datetime.date, admin_path: str, recipients: list[str]
) -> int:
    """Mail the reminder now (the caller records it in the same transaction)."""
    return send_templated_mail(
        "articles/review_due",
        recipients=recipients,
        context={"title": title, "due_on": due_on, "admin_url": absolute_url(admin_path)},
    )


def reviewer_emails(reviewer) -> list[str]:
    """Who is reminded of a review: the reviewer's own account, else every medical reviewer."""
    own = user_emails([reviewer.user]) if reviewer is not None and reviewer.user else []
    return own or group_emails(roles.MEDICAL_REVIEWERS)
