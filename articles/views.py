"""Public article pages and the private staff preview."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import get_object_or_404, render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from articles.forms import ArticleFilterForm
from articles.models import Article
from articles.seo import absolute, article_json_ld
from config.site.http import no_index
from config.site.json_ld import json_ld_script_body
from config.site.page_cache import cache_public_page

PAGE_SIZE = 10
RELATED_LIMIT = 3
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

    articles = Article.objects.published().for_cards()
    if filters.get("topic"):
        articles = articles.in_topic(filters["topic"])
    if filters.get("condition"):
        articles = articles.about_condition(filters["condition"])

    query = filters.get("q", "")
    if query:
        search = SearchQuery(query, search_type="websearch", config="english")
        articles = (
            articles.filter(search_vector=search)
            .annotate(
                rank=SearchRank(F("search_vector"), search),
                headline=SearchHeadline(
                    "published_text",
                    search,
                    config="english",
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
            # Evaluated once here: iterating a ModelChoiceField would query twice.
            "topics": list(form.fields["topic"].queryset),
            "conditions": list(form.fields["condition"].queryset),
        },
    )


def _render_article(request, article: Article, *, preview: bool):
    version = article.working_version() if preview else article.live_version()
    related = (
        Article.objects.published()
        .sharing_topics(version.topics, exclude=article)
        .newest_first()
        .for_links()[:RELATED_LIMIT]
    )
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "version": version,
            "preview": preview,
            "related_articles": related,
            "canonical_url": absolute(article.get_absolute_url()),
            "json_ld": None if preview else json_ld_script_body(article_json_ld(article, version)),
        },
    )


@require_safe
@cache_public_page
def article_detail(request, slug):
    article = get_object_or_404(Article.objects.published().for_detail(), slug=slug)
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
