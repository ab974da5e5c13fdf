"""Site-wide template filters for what search engines and link previews read."""

from django import template
from django.conf import settings

from config.site.seo import truncate_sentence as _truncate_sentence

register = template.Library()


@register.filter
def truncate_sentence(text, limit=None) -> str:
    """A meta description that ends at a sentence: ``{{ summary|truncate_sentence }}``."""
    if limit is None:
        return _truncate_sentence(text)
    return _truncate_sentence(text, int(limit))


@register.simple_tag(takes_context=True)
def canonical_url(context, *, query: bool = False, drop: str = "") -> str:
    """This page's address for search engines: SITE_URL and the path.

    With ``query=True`` the query string is kept, without the parameters named in
    `drop` (comma-separated, e.g. "page"): for a search, whose parameters make the page.
    Views behind the page cache see only the parameters they read, so junk is gone.
    """
    request = context.get("request")
    if request is None:
        return ""
    url = settings.SITE_URL + request.path
    if query:
        params = request.GET.copy()
        for name in filter(None, (part.strip() for part in drop.split(","))):
            params.pop(name, None)
        if encoded := params.urlencode():
            url += "?" + encoded
    return url
