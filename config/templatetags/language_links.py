"""The same page in the other language: the switcher in the header, and the hreflang links
search engines read.

English pages live at their usual addresses and Spanish ones at the same path under
/es/ (config/urls.py). A page's other-language address is therefore its own path with
the prefix added or taken away, and its query string kept as it is: slugs in the
query (`?condition=depression`) are the same in both languages.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from django.utils.html import format_html_join

register = template.Library()


@dataclass(frozen=True)
class Version:
    code: str  # "es"
    name: str  # "Español", in its own language
    url: str  # the path and query string of this page in that language
    current: bool


def _prefix_swapped(path: str, current: str, code: str) -> str:
    """`path` moved from language `current` to `code` by its /es/ prefix (unknown paths)."""
    if current != settings.LANGUAGE_CODE:
        path = path.removeprefix(f"/{current}")
        path = path if path.startswith("/") else "/" + path
    return path if code == settings.LANGUAGE_CODE else f"/{code}{path}"


def page_versions(request) -> list[Version]:
    """This page in every language, or [] for a page that has only one (the admin)."""
    if request is None:
        return []
    current = translation.get_language()
    full = request.get_full_path()
    try:
        resolve(request.path_info)
        known = True
    except Resolver404:
        known = False
    versions = []
    for code, name in settings.LANGUAGES:
        if code == current:
            url = full
        elif known:
            url = translate_url(full, code)
            if url == full:
                return []  # an address outside the language prefixes: one version only
        else:
            url = _prefix_swapped(full, current, code)
        versions.append(Version(code, name, url, code == current))
    return versions


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page, with its query string, in the other languages."""
    versions = page_versions(context.get("request"))
    return {"others": [version for version in versions if not version.current]}


@register.simple_tag(takes_context=True)
def language_alternates(context, *, query: bool = False, drop: str = ""):
    """<link rel="alternate" hreflang> for each language and x-default (English).

    Like `canonical_url`, the addresses are SITE_URL and the path; with ``query=True``
    the query string is kept without the parameters named in `drop`. A page that was not
    found has no alternates.
    """
    request = context.get("request")
    if request is None or getattr(request, "resolver_match", None) is None:
        return ""
    versions = page_versions(request)
    if not versions:
        return ""
    params = ""
    if query:
        kept = request.GET.copy()
        for name in filter(None, (part.strip() for part in drop.split(","))):
            kept.pop(name, None)
        if encoded := kept.urlencode():
            params = "?" + encoded
    links = [
        (version.code, settings.SITE_URL + version.url.split("?", 1)[0] + params)
        for version in versions
    ]
    default = next(href for code, href in links if code == settings.LANGUAGE_CODE)
    links.append(("x-default", default))
    return format_html_join("\n  ", '<link rel="alternate" hreflang="{}" href="{}">', links)
