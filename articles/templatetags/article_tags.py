"""Article blocks that other apps' pages include (the clinics app never imports articles)."""

from django import template

from articles.models import Article, ContentReview
from articles.services import REVIEW_INTERVAL

register = template.Library()

CONDITION_ARTICLES_LIMIT = 6


@register.inclusion_tag("articles/includes/condition_articles.html")
def condition_articles(condition):
    """The newest published articles about a condition, for that condition's page."""
    return {
        "condition": condition,
        # One query however many articles exist.
        "related_articles": Article.objects.published()
        .about_condition(condition)
        .newest_first()
        .for_links()[:CONDITION_ARTICLES_LIMIT],
    }


@register.inclusion_tag("articles/includes/review_notice.html")
def review_notice(page):
    """Who medically reviewed a condition or treatment page, when, and its sources.

    Two queries at most: the review with its reviewer, then its sources.
    """
    return {"review": ContentReview.objects.of_page(page).for_notice().first()}


@register.simple_tag
def review_interval() -> str:
    """How long a medical review stands before the next one is due, in words."""
    days = REVIEW_INTERVAL.days
    return "a year" if days == 365 else f"{days} days"
