"""Abbreviations the directory uses, and what they mean in plain words.

Pages mark each with ``<abbr title="…">`` and also say what it means in visible text:
a title alone is not read by every screen reader and never shown on touch screens.
The template side is ``clinics/templatetags/glossary.py``.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Term(NamedTuple):
    expansion: str  # the abbr's title: what the letters stand for
    plain: str  # what it means, in plain words, shown after the term


TERMS = {
    "IV": Term("intravenous", "into a vein"),
    "IM": Term("intramuscular", "into a muscle"),
    "KAP": Term("ketamine-assisted psychotherapy", "ketamine-assisted psychotherapy"),
    "REMS": Term(
        "Risk Evaluation and Mitigation Strategy",
        "the FDA safety program that requires Spravato to be given and watched at a "
        "certified clinic",
    ),
    "HSA/FSA": Term(
        "health savings account or flexible spending account",
        "health savings or flexible spending accounts",
    ),
    "HSA": Term("health savings account", "health savings account"),
    "FSA": Term("flexible spending account", "flexible spending account"),
}

# Whole words only, longest first ("HSA/FSA" before "HSA"); case matters ("IM", not "im").
TERM_PATTERN = re.compile(
    r"(?<![\w/])("
    + "|".join(re.escape(term) for term in sorted(TERMS, key=len, reverse=True))
    + r")(?![\w/])"
)
