"""Markdown to safe HTML for article bodies.

Two layers: markdown-it-py never passes raw HTML through (``html: False``), and
nh3 then cleans the output against a small allow-list, so a bug or a new
feature in either layer alone cannot let script, event handlers, styles,
frames or dangerous URLs reach a page.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.utils.text import slugify
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin

WORDS_PER_MINUTE = 200
# A table of contents only helps once an article has this many sections.
TOC_MIN_HEADINGS = 3

# Heading ids must never collide with ids the page itself uses.
RESERVED_IDS = {"main", "content", "toc", "references", "related", "article-title"}

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
}
URL_SCHEMES = {"http", "https", "mailto"}
EXTERNAL_REL = "noopener noreferrer"


@dataclass
class Rendered:
    html: str
    text: str
    toc: list[dict] = field(default_factory=list)
    reading_minutes: int = 1


def _heading_slug(title: str) -> str:
    slug = slugify(title) or "section"
    return f"{slug}-section" if slug in RESERVED_IDS else slug


def _site_host() -> str:
    return urlsplit(settings.SITE_URL).netloc.lower()


def is_external(url: str) -> bool:
    parts = urlsplit(url.strip())
    if parts.scheme in {"http", "https"} or url.strip().startswith("//"):
        return parts.netloc.lower() != _site_host()
    return False


def _is_same_site_image(url: str) -> bool:
    url = url.strip()
    if url.startswith("//") or "\\" in url:
        return False
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        return True  # relative to this site
    return parts.scheme in {"http", "https"} and parts.netloc.lower() == _site_host()


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not _is_same_site_image(value):
        return None
    return value


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.use(anchors_plugin, min_level=1, max_level=3, slug_func=_heading_slug)
    return md


_MD = _markdown()


def _inline_text(token: Token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in {"text", "code_inline"}:
            parts.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append(" ")  # a line break inside a paragraph separates words
    return "".join(parts)


def _adjust_tokens(tokens: list[Token]) -> list[dict]:
    """Demote h1 (the page title is the only h1), mark external links, collect h2/h3."""
    toc = []
    for index, token in enumerate(tokens):
        if token.type in {"heading_open", "heading_close"} and token.tag == "h1":
            token.tag = "h2"
        if token.type == "heading_open" and token.tag in {"h2", "h3"}:
            toc.append(
                {
                    "id": token.attrGet("id") or "",
                    "title": _inline_text(tokens[index + 1]),
                    "level": int(token.tag[1]),
                }
            )
        if token.type == "inline":
            for child in token.children or []:
                if child.type == "link_open" and is_external(str(child.attrGet("href") or "")):
                    child.attrSet("rel", EXTERNAL_REL)
    return toc


def plain_text(tokens: list[Token]) -> str:
    parts = []
    for token in tokens:
        if token.type == "inline":
            parts.append(_inline_text(token))
        elif token.type in {"fence", "code_block"}:
            parts.append(token.content)
    return " ".join(part.strip() for part in parts if part.strip())


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        # rel may only carry the value our renderer sets on external links.
        tag_attribute_values={"a": {"rel": {EXTERNAL_REL}}},
        url_schemes=URL_SCHEMES,
        link_rel=None,
        attribute_filter=_attribute_filter,
        strip_comments=True,
    )


def render_markdown(source: str) -> Rendered:
    tokens = _MD.parse(source or "")
    toc = _adjust_tokens(tokens)
    html = sanitise(_MD.renderer.render(tokens, _MD.options, {}))
    text = plain_text(tokens)
    words = len(re.findall(r"\w+", text))
    return Rendered(
        html=html,
        text=text,
        toc=toc if len(toc) >= TOC_MIN_HEADINGS else [],
        reading_minutes=max(1, math.ceil(words / WORDS_PER_MINUTE)),
    )
