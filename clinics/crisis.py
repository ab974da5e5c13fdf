"""Crisis-aware search: words that say someone may be in danger, and what the page does.

Someone who types "i want to die" or "emergencia" into the clinic search needs the
988 Lifeline and 911 first, not "0 clinics". `expresses_crisis()` recognises such
words in the search text; the search page then opens with the crisis help panel,
matches clinics on the rest of the words when the whole text matches nothing, and
is neither cached nor sent on as a referrer (`keep_private`).

The list below is THE list: one place, reviewed as a whole. Entries are whole words
or phrases in English and Spanish, including common misspellings and slang. Text
is compared after `normalise()`: case folded, accents removed ("daño" = "dano"),
apostrophes dropped ("don't" = "dont"), a run of three or more of one letter cut to
one ("dieee" = "die"), and everything that is not a letter or digit treated as a
space ("self-harm" = "self harm"). Matching is by whole words, so "crisis" matches
in "crisis line" but "want to die" does not match "want to diet". The words in
TYPO_TOLERANT_WORDS also match with one typing slip (a letter added, dropped,
changed, or two letters swapped: "suicde", "suiside", "overdoze").

Erring toward showing the panel is the safe choice, and it is the one made here:
a false positive costs a visitor one extra box of phone numbers, a miss can cost
much more. So "emergency physician", "midlife crisis" or "5 kms" show the panel,
and that is accepted. Only where a word has an everyday meaning in this directory's
own subject is it left out: "cutting" alone ("cutting-edge care"), "die" alone, and
"emergency" is not typo-tolerant because "emergence" (reactions after ketamine) is
one slip away.

To change the list: add the expression as people write it, add a test case for it
in tests/clinics/test_crisis.py, and have a second person review the change.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from django.http import HttpResponse, QueryDict
from django.utils.cache import add_never_cache_headers

from clinics.querysets import search_terms

CRISIS_EXPRESSIONS = (
    # Suicide, with misspellings and slang.
    "suicide",
    "suicides",
    "suicidal",
    "suicidality",
    "sucide",
    "suicde",
    "suiside",
    "suicid",
    "suiced",
    "sucidal",
    "suicdal",
    "suisidal",
    "suicidel",
    "suicidle",
    "sewerslide",
    "sewer slide",
    "unalive",
    "unaliving",
    "unalive myself",
    "kms",
    "kys",
    # Killing oneself.
    "kill myself",
    "kill my self",
    "killmyself",
    "killing myself",
    "kil myself",
    "kill me",
    # Wanting to die.
    "want to die",
    "wanna die",
    "want 2 die",
    "wan to die",
    "wont to die",
    "i want die",
    "want to be dead",
    "wanna be dead",
    "wish i was dead",
    "wish i were dead",
    "better off dead",
    "ready to die",
    # Ending one's life.
    "end my life",
    "ending my life",
    "end my own life",
    "end it all",
    "ending it all",
    "take my life",
    "take my own life",
    "taking my life",
    # No reason to live.
    "no reason to live",
    "nothing to live for",
    "dont want to live",
    "do not want to live",
    "dont wanna live",
    "dont want to be alive",
    "dont want to exist",
    "cant go on",
    "cannot go on",
    "give up on life",
    "tired of living",
    # Self-harm.
    "self harm",
    "selfharm",
    "self harming",
    "self injury",
    "self injure",
    "self injuring",
    "hurt myself",
    "hurting myself",
    "harm myself",
    "harming myself",
    "cut myself",
    "cutting myself",
    "burn myself",
    "burning myself",
    "hang myself",
    "shoot myself",
    "overdose",
    "overdosing",
    "overdosed",
    # Asking for crisis or emergency help.
    "crisis",
    "crises",
    "hotline",
    "lifeline",
    "emergency",
    "emergencies",
    "emergancy",
    "emergecy",
    "emergeny",
    "911",
    "988",
    "please help me",
    # Spanish (accents optional: text is compared without them).
    "suicidio",
    "suicidios",
    "suicida",
    "suicidarme",
    "suicidarse",
    "suicidar",
    "quiero morir",
    "quiero morirme",
    "me quiero morir",
    "quiero estar muerto",
    "quiero estar muerta",
    "ganas de morir",
    "deseo morir",
    "matarme",
    "me quiero matar",
    "quitarme la vida",
    "acabar con mi vida",
    "terminar con mi vida",
    "no quiero vivir",
    "no quiero seguir viviendo",
    "no tengo razón para vivir",
    "sin razón para vivir",
    "hacerme daño",
    "lastimarme",
    "autolesión",
    "autolesiones",
    "autolesionarme",
    "cortarme",
    "sobredosis",
    "emergencia",
    "emergencias",
    "ayúdame",
)

# Also matched with one typing slip (see the module docstring); only long words whose
# near neighbours are not everyday search words.
TYPO_TOLERANT_WORDS = ("suicide", "suicidal", "suicidio", "suicida", "overdose", "sobredosis")
TYPO_MIN_LENGTH = 6

# Choosing one of these conditions in the search, or opening its page, shows the panel too.
CRISIS_CONDITION_SLUGS = frozenset({"suicidal-ideation"})

# A search box holds 200 characters; this only bounds the work on a forged request.
MAX_TEXT_LENGTH = 2000


def normalise(text: str) -> str:
    """Text as the list is compared with it: see the module docstring."""
    text = unicodedata.normalize("NFKD", (text or "")[:MAX_TEXT_LENGTH].casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = re.sub(r"['’‘`´]", "", text)
    text = re.sub(r"(.)\1{2,}", r"\1", text)
    return " ".join(re.findall(r"[^\W_]+", text))


def _phrases(expressions: Iterable[str]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases as word tuples, by first word, longest first (so removal takes the most)."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for expression in expressions:
        words = tuple(normalise(expression).split())
        by_first.setdefault(words[0], []).append(words)
    for phrases in by_first.values():
        phrases.sort(key=len, reverse=True)
    return by_first


PHRASES = _phrases(CRISIS_EXPRESSIONS)
TYPO_TARGETS = tuple(normalise(word) for word in TYPO_TOLERANT_WORDS)


def _one_slip_from(word: str, target: str) -> bool:
    """Whether `word` is `target` with at most one letter added, dropped, changed or swapped."""
    if word == target:
        return True
    if abs(len(word) - len(target)) > 1:
        return False
    i = 0
    while i < min(len(word), len(target)) and word[i] == target[i]:
        i += 1
    if len(word) < len(target):
        return word[i:] == target[i + 1 :]
    if len(word) > len(target):
        return word[i + 1 :] == target[i:]
    swapped = word[i : i + 2] == target[i : i + 2][::-1] and word[i + 2 :] == target[i + 2 :]
    return swapped or word[i + 1 :] == target[i + 1 :]


def _crisis_word_flags(words: list[str]) -> list[bool]:
    """For each word, whether it belongs to a crisis expression."""
    flags = [False] * len(words)
    for start, word in enumerate(words):
        for phrase in PHRASES.get(word, ()):
            if tuple(words[start : start + len(phrase)]) == phrase:
                flags[start : start + len(phrase)] = [True] * len(phrase)
                break
        if len(word) >= TYPO_MIN_LENGTH and any(_one_slip_from(word, t) for t in TYPO_TARGETS):
            flags[start] = True
    return flags


def expresses_crisis(text: str) -> bool:
    """Whether the text contains an expression of suicide, self-harm, crisis or emergency."""
    return any(_crisis_word_flags(normalise(text).split()))


def without_crisis_expressions(text: str) -> str:
    """The text's other words (normalised), for matching clinics on what is left."""
    words = normalise(text).split()
    return " ".join(
        word for word, crisis in zip(words, _crisis_word_flags(words), strict=True) if not crisis
    )


def search_expresses_crisis(query: QueryDict) -> bool:
    """Whether any search-words value (`q`) of a clinic search expresses crisis."""
    return any(expresses_crisis(words) for words in query.getlist("q"))


def search_without_crisis_words(query: QueryDict) -> QueryDict:
    """The same search with the crisis expressions taken out of its words.

    Leftovers the search ignores ("i" of "i want to die") go too: alone they would be
    answered with "type at least one word", an error message where help is needed.
    """
    rests = [without_crisis_expressions(words) for words in query.getlist("q")]
    query = query.copy()
    query.setlist("q", [rest if search_terms(rest) else "" for rest in rests])
    return query


def is_crisis_condition(slugs: Iterable[str]) -> bool:
    return not CRISIS_CONDITION_SLUGS.isdisjoint(slugs)


def keep_private(response: HttpResponse) -> HttpResponse:
    """Never stored by a cache (ours or a browser's) and never named as a referrer.

    The page cache skips responses marked no-store, so a crisis search leaves no
    entry keyed by its words.
    """
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "no-referrer"
    return response
