"""Article blocks that other apps' pages include (the clinics app never imports articles)."""

from django import template
from django.utils.translation import get_language, gettext, ngettext

from articles.models import Article, LocalizedPage
from articles.models import localized_page as localize
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
        .in_language(get_language())
        .newest_first()
        .for_links()[:CONDITION_ARTICLES_LIMIT],
    }


@register.simple_tag
def localized_page(page) -> LocalizedPage:
    """A condition or treatment page's text in the page's language, if medically reviewed
    in it, else in English: ``{% localized_page condition as content %}``, then
    ``content.text.summary``, ``content.is_fallback``.

    Kept on the page object, so the title, the description and the body of one page,
    which are separate template blocks, share one lookup (two queries).
    """
    language = get_language()
    cache = page.__dict__.setdefault("_localized_pages", {})
    if language not in cache:
        cache[language] = localize(page, language)
    return cache[language]


@register.inclusion_tag("articles/includes/review_notice.html")
def review_notice(page):
    """Who medically reviewed a condition or treatment page's text, when, and its sources:
    the review of the text shown (``{% localized_page %}``), in whichever language.

    Two queries at most: the reviews with their reviewers, then their sources.
    """
    content = page if isinstance(page, LocalizedPage) else localized_page(page)
    return {"review": content.review}


@register.simple_tag
def review_interval() -> str:
    """How long a medical review stands before the next one is due, in words."""
    days = REVIEW_INTERVAL.days
    if days == 365:
        return gettext("a year")
    return ngettext("%(days)d day", "%(days)d days", days) % {"days": days}
