"""What waits for each person in the editorial workflow, for the admin home page's queue.

Medical reviewers see the articles waiting for review (never their own), editors the
approved articles to publish, writers their drafts sent back with a note, and
reviewers and editors the reviews coming due. Each group is a count and its first rows
(config.site.todo), so the page's queries do not grow with the queue.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator

from articles import services
from articles.models import Article, ContentReview
from config.site.todo import TODO_LIMIT, TodoGroup, TodoItem, todo_group


def _article_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def _articles_url(status: str) -> str:
    return reverse("admin:articles_article_changelist") + f"?status__exact={status}"


def todo_for(user) -> list[TodoGroup]:
    if not (user.is_active and user.is_staff):
        return []
    groups = [_to_review(user), _to_publish(user), _sent_back(user), _reviews_due(user)]
    return [group for group in groups if group is not None]


def _to_review(user) -> TodoGroup | None:
    if not services.is_reviewer(user):
        return None
    return todo_group(
        "Articles to review",
        # Nobody reviews what they wrote.
        Article.objects.filter(status=Article.Status.IN_REVIEW)
        .exclude(created_by=user)
        .order_by("updated_at", "pk"),
        lambda article: TodoItem(
            label=article.title,
            url=_article_url(article),
            note=f"Waiting since {date_format(timezone.localtime(article.updated_at), 'M j')}",
        ),
        more_url=_articles_url(Article.Status.IN_REVIEW),
        hint="Read each one, then approve it or send it back with a note.",
    )


def _to_publish(user) -> TodoGroup | None:
    if not services.is_editor(user):
        return None
    return todo_group(
        "Approved articles to publish",
        Article.objects.filter(status=Article.Status.APPROVED).order_by("updated_at", "pk"),
        lambda article: TodoItem(label=article.title, url=_article_url(article)),
        more_url=_articles_url(Article.Status.APPROVED),
        hint="Publish each one now, or schedule it.",
    )


def _sent_back(user) -> TodoGroup | None:
    if not user.has_perm("articles.change_article"):
        return None
    return todo_group(
        "Your drafts sent back with a note",
        Article.objects.filter(status=Article.Status.DRAFT, created_by=user)
        .exclude(review_note="")
        .order_by("updated_at", "pk"),
        lambda article: TodoItem(
            label=article.title,
            url=_article_url(article),
            note=Truncator(article.review_note).chars(90),
        ),
        more_url=_articles_url(Article.Status.DRAFT),
        hint="Make the changes the note asks for, then submit the article for review again.",
    )


def _due_note(due: datetime.date, today: datetime.date) -> str:
    if due < today:
        return f"Overdue since {date_format(due, 'M j, Y')}"
    return f"Due {date_format(due, 'M j, Y')}"


def _reviews_due(user) -> TodoGroup | None:
    """Articles and condition or treatment pages, in one list, soonest due first."""
    if not (services.is_reviewer(user) or services.is_editor(user)):
        return None
    today = timezone.localdate()
    due_by = today + services.REVIEW_DUE_WITHIN
    articles = Article.objects.review_due_by(due_by).order_by("next_review_due", "pk")
    pages = (
        ContentReview.objects.review_due_by(due_by)
        .select_related("condition", "treatment")
        .order_by("next_review_due", "pk")
    )
    total = articles.count() + pages.count()
    if not total:
        return None
    items = [
        (article.next_review_due, article.title, _article_url(article))
        for article in articles[:TODO_LIMIT]
    ] + [
        (
            review.next_review_due,
            f"The {review.page} page",
            reverse("admin:articles_contentreview_change", args=[review.pk]),
        )
        for review in pages[:TODO_LIMIT]
    ]
    items.sort(key=lambda item: item[0])
    return TodoGroup(
        title=f"Reviews due within {services.REVIEW_DUE_WITHIN.days} days",
        total=total,
        items=[
            TodoItem(label=label, url=url, note=_due_note(due, today))
            for due, label, url in items[:TODO_LIMIT]
        ],
        hint=(
            "Check the text and its sources again. An article goes through review as an "
            "edit does; a condition or treatment page is signed on its review page."
        ),
    )
