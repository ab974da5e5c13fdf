"""Public article pages and the private staff preview."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from articles.forms import ArticleFilterForm
from articles.models import Article, ArticleQuerySet, search_config
from articles.seo import absolute, article_json_ld
from config.site.http import no_index
from config.site.json_ld import json_ld_script_body
from config.site.page_cache import cache_public_page

PAGE_SIZE = 10
RELATED_LIMIT = 3
# On a list in another language than English: English articles not translated into it.
UNTRANSLATED_LIMIT = 20
# Private-use characters: removed from article text before indexing, so only
# PostgreSQL's own highlight markers can ever become <mark> tags.
HIGHLIGHT_START = "\ue000"
HIGHLIGHT_STOP = "\ue001"


def safe_snippet(headline: str) -> str:
    """Escape everything, then turn only our markers into <mark>."""
    escaped = escape(headline or "")
    return mark_safe(  # noqa: S308 - built from escaped text and our own tags only
        escaped.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>")
    )


@require_safe
@cache_public_page(params=(ArticleFilterForm, "page"))
def article_list(request):
    form = ArticleFilterForm(request.GET)
    # Bad values are shown next to their field and ignored; the rest still apply.
    filters = form.valid_filters()

    # Each language lists its own articles, searched with its own stemming.
    language = get_language()
    config = search_config(language)
    articles = _filtered(Article.objects.published().in_language(language).for_cards(), filters)

    query = filters.get("q", "")
    if query:
        search = SearchQuery(query, search_type="websearch", config=config)
        articles = (
            articles.filter(search_vector=search)
            .annotate(
                rank=SearchRank(F("search_vector"), search),
                headline=SearchHeadline(
                    "published_text",
                    search,
                    config=config,
                    start_sel=HIGHLIGHT_START,
                    stop_sel=HIGHLIGHT_STOP,
                    max_words=35,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-rank", "-publish_at", "-pk")
        )
    else:
        articles = articles.newest_first()

    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    for article in page:
        article.snippet = safe_snippet(article.headline) if query else ""

    # Readers of another language also find the English articles not translated yet.
    untranslated = []
    if language != settings.LANGUAGE_CODE and not query:
        untranslated = _filtered(
            Article.objects.published()
            .in_language(settings.LANGUAGE_CODE)
            .untranslated_into(language)
            .newest_first()
            .for_links(),
            filters,
        )[:UNTRANSLATED_LIMIT]

    query_string = request.GET.copy()
    query_string.pop("page", None)
    return render(
        request,
        "articles/article_list.html",
        {
            "form": form,
            "page_obj": page,
            "articles": page.object_list,
            "query": query,
            "filters": filters,
            "query_string": query_string.urlencode(),
            "untranslated_articles": untranslated,
            # Evaluated once here: iterating a ModelChoiceField would query twice.
            "topics": list(form.fields["topic"].queryset),
            "conditions": list(form.fields["condition"].queryset),
        },
    )


def _filtered(articles: ArticleQuerySet, filters: dict) -> ArticleQuerySet:
    if filters.get("topic"):
        articles = articles.in_topic(filters["topic"])
    if filters.get("condition"):
        articles = articles.about_condition(filters["condition"])
    return articles


def _render_article(request, article: Article, *, preview: bool):
    version = article.working_version() if preview else article.live_version()
    related = (
        Article.objects.published()
        .in_language(article.language)
        .sharing_topics(version.topics, exclude=article)
        .newest_first()
        .for_links()[:RELATED_LIMIT]
    )
    # The same article in its other languages, for readers and for search engines.
    translations = list(
        Article.objects.published()
        .other_languages_of(article)
        .only("slug", "language", "published_title")
    )
    canonical_url = absolute(article.get_absolute_url())
    alternates = [(article.language, canonical_url)] + [
        (other.language, absolute(other.get_absolute_url())) for other in translations
    ]
    default = dict(alternates).get(settings.LANGUAGE_CODE)
    if default:
        alternates.append(("x-default", default))
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "version": version,
            "preview": preview,
            "related_articles": related,
            "translations": translations,
            "alternates": alternates,
            # Shown to a reader of another language, for want of a translation.
            "in_other_language": article.language != get_language(),
            "canonical_url": canonical_url,
            "json_ld": None if preview else json_ld_script_body(article_json_ld(article, version)),
        },
    )


@require_safe
@cache_public_page
def article_detail(request, slug):
    """The live article. Asked for in another language than its own (the language
    switcher keeps the slug), it sends the reader to its published translation into that
    language, or else shows it as it is, in its own language."""
    article = get_object_or_404(Article.objects.published().for_detail(), slug=slug)
    language = get_language()
    if article.language != language:
        translation = (
            Article.objects.published()
            .other_languages_of(article)
            .in_language(language)
            .only("slug", "language")
            .first()
        )
        if translation is not None:
            return redirect(translation)
    return _render_article(request, article, preview=False)


@require_safe
@no_index
def article_preview(request, key):
    """The working copy, whatever its status, for staff who may view articles."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not (request.user.is_staff and request.user.has_perm("articles.view_article")):
        raise PermissionDenied
    article = get_object_or_404(Article.objects.for_preview(), preview_key=key)
    response = _render_article(request, article, preview=True)
    response["Cache-Control"] = "private, no-store"
    return response
