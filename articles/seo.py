"""schema.org MedicalWebPage JSON-LD, built as data and serialised safely."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from articles.models import Article, ArticleVersion


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


IN_LANGUAGE = {"en": "en-US", "es": "es-US"}


def article_json_ld(article: Article, version: ArticleVersion) -> dict:
    # Condition names in the article's language, whatever the page around it.
    with translation.override(article.language):
        return _article_json_ld(article, version)


def _article_json_ld(article: Article, version: ArticleVersion) -> dict:
    url = absolute(article.get_absolute_url())
    data: dict = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "url": url,
        "mainEntityOfPage": url,
        "headline": version.title,
        "name": version.title,
        "description": version.summary,
        "inLanguage": IN_LANGUAGE.get(article.language, article.language),
        "datePublished": article.first_published_at.isoformat()
        if article.first_published_at
        else None,
        "dateModified": article.live_updated_at.isoformat() if article.live_updated_at else None,
        "author": [
            {"@type": "Person", "name": author["name"], "description": author["credentials"]}
            for author in version.authors
        ],
        "about": [
            {
                "@type": "MedicalCondition",
                "name": condition.display_name,
                "url": absolute(condition.get_absolute_url()),
            }
            for condition in version.conditions
        ],
        "citation": [
            {
                "@type": "ScholarlyArticle",
                "name": reference["title"],
                "author": reference["authors"],
                "isPartOf": reference["source"],
                "datePublished": str(reference["year"]) if reference["year"] else None,
                "url": reference["doi_url"] or reference["url"] or None,
            }
            for reference in version.references
        ],
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME, "url": absolute("/")},
    }
    # A sample review is not a medical review; search engines must not read it as one.
    if version.reviewed_on and not version.review_is_sample:
        data["lastReviewed"] = version.reviewed_on.isoformat()
    if version.reviewer and not version.review_is_sample:
        data["reviewedBy"] = {
            "@type": "Person",
            "name": version.reviewer["name"],
            "description": version.reviewer["credentials"],
        }
    if version.hero_url:
        data["image"] = absolute(version.hero_url)
    return _drop_empty(data)


def _drop_empty(value):
    if isinstance(value, dict):
        return {key: _drop_empty(item) for key, item in value.items() if item not in (None, "", [])}
    if isinstance(value, list):
        return [_drop_empty(item) for item in value]
    return value
