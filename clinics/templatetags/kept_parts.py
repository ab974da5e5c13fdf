"""Parts of pages that are drawn the same way again and again, rendered once per process.

A search page draws 20 cards, and most of a card (its name, phone, conditions and
treatments with their links, when it was last checked) is the same on every search
that shows it; rendering them was the largest part of the page's template time. They are kept,
rendered, in this process, keyed by the clinic, the language and the search index's
version (``clinics.search_index``): every write to a table a card reads changes that
version, so a kept part is never older than the data the page was read with.

What depends on the search or on the moment (distance, open now, match badges, price,
map number, compare box) stays outside ``{% clinic_part %}`` and is drawn every time.

A search facet's checkboxes (``{% facet_part %}``) depend only on its options' labels,
counts and ticks: the same few states come back on every popular search.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# The cards of the busiest pages (three parts each); a part is a few hundred bytes, so
# this is about 3–4 MiB per process (measured). The least recently used go first.
MAX_PARTS = 6_000

_parts: OrderedDict[tuple, str] = OrderedDict()
_version: int | None = None
_lock = threading.Lock()


def _get(version: int, key: tuple) -> str | None:
    global _version
    with _lock:
        if version != _version:
            # The directory changed: every kept part may be out of date.
            _parts.clear()
            _version = version
            return None
        html = _parts.get(key)
        if html is not None:
            _parts.move_to_end(key)
        return html


def _put(version: int, key: tuple, html: str) -> None:
    with _lock:
        if version != _version:
            return
        _parts[key] = html
        if len(_parts) > MAX_PARTS:
            _parts.popitem(last=False)


def forget() -> None:
    """Drop every kept part (tests)."""
    global _version
    with _lock:
        _parts.clear()
        _version = None


class KeptPartNode(template.Node):
    def __init__(self, name: str, nodelist):
        self.name = name
        self.nodelist = nodelist

    def key(self, context) -> tuple | None:
        raise NotImplementedError

    def render(self, context) -> str:
        # Only pages that pass the index's version (`card_version`) keep parts.
        version = context.get("card_version")
        key = self.key(context)
        if version is None or key is None:
            return self.nodelist.render(context)
        key = (self.name, get_language(), *key)
        html = _get(version, key)
        if html is None:
            html = self.nodelist.render(context)
            _put(version, key, html)
        return mark_safe(html)  # noqa: S308 - our own template's rendered output


class ClinicPartNode(KeptPartNode):
    def key(self, context) -> tuple | None:
        clinic = context.get("clinic")
        return None if clinic is None else ("clinic", clinic.pk)


class FacetPartNode(KeptPartNode):
    def key(self, context) -> tuple | None:
        group = context.get("group")
        if group is None or group.field.errors:
            return None
        options = tuple((o.value, o.label, o.count, o.checked) for o in group.options)
        return ("facet", group.field.html_name, options)


def _parse(parser, token, node_class):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one name, in quotes.")
    nodelist = parser.parse((f"end{bits[0]}",))
    parser.delete_first_token()
    return node_class(bits[1].strip("\"'"), nodelist)


@register.tag
def clinic_part(parser, token):
    """{% clinic_part "name" %}…{% endclinic_part %}: what only `clinic` decides, kept."""
    return _parse(parser, token, ClinicPartNode)


@register.tag
def facet_part(parser, token):
    """{% facet_part "name" %}…{% endfacet_part %}: a facet `group`'s options, kept by
    their labels, counts and ticks."""
    return _parse(parser, token, FacetPartNode)
