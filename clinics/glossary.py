"""Abbreviations the directory uses, and what they mean in plain words.

Pages mark each with ``<abbr title="…">`` and also say what it means in visible text:
a title alone is not read by every screen reader and never shown on touch screens.
The template side is ``clinics/templatetags/glossary.py``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _


class Term(NamedTuple):
    expansion: str  # the abbr's title: what the letters stand for
    plain: str  # what it means, in plain words, shown after the term


# In the page's language (lazy): the letters stay the same in Spanish.
TERMS = {
    "IV": Term(_("intravenous"), _("into a vein")),
    "IM": Term(_("intramuscular"), _("into a muscle")),
    "KAP": Term(_("ketamine-assisted psychotherapy"), _("ketamine-assisted psychotherapy")),
    "REMS": Term(
        _("Risk Evaluation and Mitigation Strategy"),
        _(
            "the FDA safety program that requires Spravato to be given and watched at a "
            "certified clinic"
        ),
    ),
    "HSA/FSA": Term(
        _("health savings account or flexible spending account"),
        _("health savings or flexible spending accounts"),
    ),
    "HSA": Term(_("health savings account"), _("health savings account")),
    "FSA": Term(_("flexible spending account"), _("flexible spending account")),
}

# Whole words only, longest first ("HSA/FSA" before "HSA"); case matters ("IM", not "im").
TERM_PATTERN = re.compile(
    r"(?<![\w/])("
    + "|".join(re.escape(term) for term in sorted(TERMS, key=len, reverse=True))
    + r")(?![\w/])"
)
