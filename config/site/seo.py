"""What search engines and link previews read: descriptions that end at a sentence."""

from __future__ import annotations

import re

# About what a search result shows of a description before it cuts it off.
DESCRIPTION_LENGTH = 155
# A sentence ends at . ! or ? (perhaps inside a closing quote or bracket) followed by
# space and a capital letter or digit, or by the end of the text.
SENTENCE_END = re.compile(r"""[.!?]["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9]|\s*$)""")
# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = ("Dr.", "Mr.", "Mrs.", "Ms.", "St.", "e.g.", "i.e.", "U.S.", "vs.", "No.")


def truncate_sentence(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """`text` cut after its last sentence that ends within `limit` characters.

    Text that fits is returned whole; when even the first sentence is longer, the first
    sentence is returned whole, never a phrase cut in the middle. Text with no sentence
    end at all is returned whole.
    """
    text = " ".join(str(text or "").split())
    if len(text) <= limit:
        return text
    ends = [
        match.end()
        for match in SENTENCE_END.finditer(text)
        if not text[: match.end()].endswith(ABBREVIATIONS)
    ]
    if not ends:
        return text
    within = [end for end in ends if end <= limit]
    return text[: (within[-1] if within else ends[0])]
