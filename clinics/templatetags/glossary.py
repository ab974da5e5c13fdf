"""Abbreviations explained where they appear: ``<abbr title>`` plus visible plain words.

- ``{{ text|explain_terms }}``: marks each abbreviation in ``text`` (IV, IM, KAP, REMS,
  HSA/FSA) and, the first time, puts its meaning in brackets after it, unless the text
  already says it. For labels and names: "IV infusion" reads "IV (into a vein) infusion".
- ``{% term "REMS" %}``: one abbreviation with its meaning, for sentences in templates.

Any app's templates may load it (``{% load glossary %}``); the terms are in
``clinics.glossary``.
"""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from clinics.glossary import TERM_PATTERN, TERMS

register = template.Library()


def _abbr(term: str) -> SafeString:
    return format_html('<abbr title="{}">{}</abbr>', TERMS[term].expansion, term)


def _gloss(term: str) -> SafeString:
    return format_html(' <span class="term-gloss">({})</span>', TERMS[term].plain)


@register.filter(is_safe=True)
def explain_terms(text) -> SafeString:
    escaped = str(conditional_escape(text))
    lowered = str(text).casefold()
    glossed: set[str] = set()

    def replace(match) -> str:
        term = match.group(1)
        meaning = TERMS[term]
        html = _abbr(term)
        already_said = meaning.expansion.casefold() in lowered or (
            meaning.plain.casefold() in lowered
        )
        if term not in glossed and not already_said:
            glossed.add(term)
            html += _gloss(term)
        return html

    return mark_safe(TERM_PATTERN.sub(replace, escaped))  # noqa: S308 - escaped above


@register.simple_tag
def term(abbreviation: str) -> SafeString:
    return _abbr(abbreviation) + _gloss(abbreviation)
