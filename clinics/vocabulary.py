"""Search words that name a place or a filter value, and act as that filter.

People type "ptsd 95816", "spravato elk grove" or "ansiedad medi-cal español" into
the search box rather than use the filters. `interpret_search_words()` reads such
words: a ZIP code or Sacramento-area place (`clinics.places.local_name`) becomes
`near`, and the words below become the condition, treatment, insurance and language
filters. Those words then leave the text match, so "esketamine" means clinics
offering Spravato, not every clinic whose text mentions ketamine.
`understand_search_words()` applies that to a search's GET data, only for parameters
the visitor did not set, and says what it understood ("offering … near Elk Grove, CA"),
which the search page shows. It depends only on the URL, so the page cache may key
on the URL.

The lists below are THE lists: whole words or phrases, compared folded (case and
accents ignored, "Medi-Cal" = "medi cal"). Choices made on purpose:

- "medical" is an ordinary word ("medical director", "medical ketamine"), so it stays
  a search word; "Medi-Cal", "Medi Cal", "MediCal" (written with that capital C) and
  "Medicaid" (California's Medicaid is Medi-Cal) mean the plan.
- "im" alone is not the IM injection: it is how many people type "I'm".
- "ketamine" alone names no filter: every clinic here offers ketamine.
- "sutter" alone is a county and a hospital system, not the Sutter Health Plus plan.
- Spanish words sit beside the English ones, folded like them ("estrés postraumático",
  "espray nasal", "español"). "aseguranza", California Spanish for insurance, and
  "seguro" only say "this filter", as "insurance" does; "pastilla" names no treatment
  ("pastillas para dormir" are sleeping pills).
- Crisis words ("suicidal", "overdose") are left to `clinics.crisis`, which reads the
  words as typed; none of them is a filter here.
- Places in the words must be a ZIP code or a Sacramento-area place spelt in full (or
  by nickname); a typo there stays a search word, which the text match forgives on
  its own. Elsewhere in California, a town in the words is matched as text as before.
- Two different places, or two languages, in the words are not guessed between: the
  words stay search words.

To add a word: put it under its filter value below and add it to the cases in
tests/clinics/test_vocabulary.py.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext, pgettext

from clinics import geo, places
from clinics.querysets import search_terms

CONDITION_WORDS = {
    "depression": (
        "depression",
        "depressed",
        "major depression",
        "major depressive disorder",
        "mdd",
        "depresion",
        "deprimido",
        "deprimida",
        "depresion mayor",
        "trastorno depresivo mayor",
    ),
    "treatment-resistant-depression": (
        "treatment resistant depression",
        "treatment-resistant depression",
        "trd",
        "depresion resistente",
        "depresion resistente al tratamiento",
        "depresion resistente a tratamiento",
        "depresion resistente a los tratamientos",
    ),
    "anxiety": (
        "anxiety",
        "anxious",
        "anxiety disorder",
        "panic",
        "panic attacks",
        "panic disorder",
        "ansiedad",
        "angustia",
        "ansioso",
        "ansiosa",
        "trastorno de ansiedad",
        "panico",
        "ataques de panico",
        "trastorno de panico",
    ),
    "ptsd": (
        "ptsd",
        "post traumatic stress",
        "post traumatic stress disorder",
        "posttraumatic stress",
        "posttraumatic stress disorder",
        "tept",
        "estres postraumatico",
        "estres post traumatico",
        "trastorno de estres postraumatico",
        "trastorno de estres post traumatico",
    ),
    "ocd": (
        "ocd",
        "obsessive compulsive",
        "obsessive compulsive disorder",
        "toc",
        "obsesivo compulsivo",
        "trastorno obsesivo compulsivo",
    ),
    "bipolar-depression": (
        "bipolar",
        "bipolar depression",
        "bipolar disorder",
        "depresion bipolar",
        "trastorno bipolar",
    ),
    "postpartum-depression": (
        "postpartum",
        "post partum",
        "postpartum depression",
        "post partum depression",
        "perinatal depression",
        "posparto",
        "postparto",
        "depresion posparto",
        "depresion postparto",
        "depresion perinatal",
        "depresion despues del parto",
    ),
    "chronic-pain": (
        "chronic pain",
        "pain",
        "crps",
        "complex regional pain syndrome",
        "dolor cronico",
        "dolor",
        "sindrome de dolor regional complejo",
    ),
}

TREATMENT_WORDS = {
    "spravato": (
        "spravato",
        "spravado",
        "esketamine",
        "esketamina",
        "nasal spray",
        "ketamine nasal spray",
        "intranasal esketamine",
        "espray nasal",
        "spray nasal",
        "aerosol nasal",
    ),
    "iv-infusion": (
        "iv",
        "infusion",
        "infusions",
        "iv infusion",
        "iv infusions",
        "iv ketamine",
        "ketamine infusion",
        "ketamine infusions",
        "intravenous",
        "infusion de ketamina",
        "infusiones",
        "infusiones de ketamina",
        "infusion intravenosa",
        "intravenosa",
        "intravenoso",
        "ketamina intravenosa",
    ),
    "im-injection": (
        "im injection",
        "injection",
        "injections",
        "intramuscular",
        "ketamine injection",
        "inyeccion",
        "inyecciones",
        "inyeccion intramuscular",
        "inyeccion de ketamina",
    ),
    "oral-sublingual": (
        "oral",
        "sublingual",
        "troche",
        "troches",
        "lozenge",
        "lozenges",
        "ketamina oral",
        "tableta",
        "tabletas",
        "trocisco",
        "trociscos",
    ),
    "kap": (
        "kap",
        "ketamine assisted psychotherapy",
        "ketamine assisted therapy",
        "psicoterapia asistida con ketamina",
        "psicoterapia asistida por ketamina",
        "terapia asistida con ketamina",
        "terapia asistida por ketamina",
    ),
    "telehealth": (
        "telehealth",
        "telemedicine",
        "telemedicina",
        "virtual visit",
        "video visit",
        "telesalud",
        "consulta virtual",
        "consulta por video",
        "consultas por video",
        "cita virtual",
    ),
}

INSURANCE_WORDS = {
    "medi-cal": ("medi cal", "medicaid"),
    "medicare": ("medicare",),
    "kaiser": ("kaiser", "kaiser permanente"),
    "sutter-health-plus": ("sutter health plus",),
    "blue-shield": ("blue shield", "blue shield of california"),
    "anthem": ("anthem", "anthem blue cross", "blue cross"),
    "aetna": ("aetna",),
    "cigna": ("cigna",),
    "unitedhealthcare": ("unitedhealthcare", "united healthcare", "united health care", "uhc"),
    "tricare": ("tricare",),
    "health-net": ("health net", "healthnet"),
    "western-health-advantage": ("western health advantage",),
    "self-pay": (
        "self pay",
        "cash pay",
        "out of pocket",
        "pago en efectivo",
        "pago de su bolsillo",
        "sin seguro",
        "sin aseguranza",
    ),
}

LANGUAGE_WORDS = {
    "en": ("english",),
    "es": (
        "spanish",
        "espanol",
        "en espanol",
        "habla espanol",
        "hablan espanol",
        "se habla espanol",
        "que hable espanol",
        "castellano",
        "habla hispana",
    ),
    "zh": ("chinese", "mandarin", "cantonese", "中文"),
    "vi": ("vietnamese", "tieng viet"),
    "tl": ("tagalog", "filipino"),
    "hmn": ("hmong",),
    "ru": ("russian", "русский"),
    "uk": ("ukrainian", "українська"),
    "pa": ("punjabi", "panjabi"),
    "hi": ("hindi",),
    "fa": ("persian", "farsi", "dari"),
    "ar": ("arabic",),
    "ko": ("korean", "한국어"),
    "ase": ("asl", "sign language", "american sign language"),
}

WORDS = {
    "condition": CONDITION_WORDS,
    "treatment": TREATMENT_WORDS,
    "insurance": INSURANCE_WORDS,
    "language": LANGUAGE_WORDS,
}

# Words that only say "this filter" ("spanish speaking", "kaiser insurance"): they leave
# the text too once their filter has been taken from the words.
COMPANION_WORDS = {
    "condition": (
        "treatment",
        "treatments",
        "disorder",
        "disorders",
        "tratamiento",
        "tratamientos",
        "trastorno",
        "trastornos",
    ),
    "treatment": ("treatment", "treatments", "therapy", "tratamiento", "tratamientos", "terapia"),
    "insurance": (
        "insurance",
        "plan",
        "plans",
        "accepted",
        "accepts",
        "covered",
        "coverage",
        "seguro",
        "aseguranza",
        "planes",
        "acepta",
        "aceptan",
        "cubre",
        "cobertura",
    ),
    "language": (
        "speaking",
        "speaks",
        "speak",
        "spoken",
        "speaker",
        "speakers",
        "language",
        "habla",
        "hablan",
        "idioma",
    ),
    # "depresión cerca de 95823": once a place is found, its little words go with it.
    "near": ("cerca", "de", "del", "en", "around"),
}

# Written exactly so (case matters), a word means a filter value that folded it would not.
CASED_WORDS = {"MediCal": ("insurance", "medi-cal")}

# Filters the words may set, in the order the page describes them; then `near`.
FILTERS = ("condition", "treatment", "insurance", "language")
NEAR = "near"

# The search box's max_length (clinics.filters.ClinicFilter.q).
MAX_TEXT_LENGTH = 200

# "elk grove ca": the state after a place is part of the place.
STATE_WORDS = frozenset({"ca", "california", "calif"})


def _phrases() -> dict[tuple[str, ...], tuple[str, str]]:
    phrases = {}
    for parameter, values in WORDS.items():
        for value, words in values.items():
            for written in words:
                phrases[tuple(places.key(written).split())] = (parameter, value)
    return phrases


PHRASES = _phrases()
LONGEST_PHRASE = max(len(phrase) for phrase in PHRASES)
LONGEST_PLACE = max(len(name.split()) for name in places.LOCAL_NAMES)


@dataclass(frozen=True)
class Interpretation:
    """What the search words say, beyond the words left to match as text."""

    remaining_text: str
    place: geo.Place | None = None
    near: str = ""  # the place as the `near` parameter spells it
    conditions: tuple[str, ...] = ()
    treatments: tuple[str, ...] = ()
    insurance: tuple[str, ...] = ()
    language: str = ""

    def parameters(self) -> dict[str, list[str]]:
        """The GET parameters the words imply, each with its values."""
        implied = {
            NEAR: [self.near],
            "condition": list(self.conditions),
            "treatment": list(self.treatments),
            "insurance": list(self.insurance),
            "language": [self.language],
        }
        return {parameter: values for parameter, values in implied.items() if any(values)}


def _place_at(folded: list[str], start: int) -> tuple[int, str] | None:
    """(words used, `near` text) of a ZIP code or local place starting at `start`."""
    word = folded[start]
    if re.fullmatch(r"\d{5}", word):
        if geo.zip_centroid(word) is None:
            return None
        # ZIP+4 ("95816-1234") arrives as two words.
        extra = start + 1 < len(folded) and re.fullmatch(r"\d{4}", folded[start + 1])
        return (2 if extra else 1), word
    for length in range(min(LONGEST_PLACE, len(folded) - start), 0, -1):
        name = places.local_name(" ".join(folded[start : start + length]))
        if name is not None:
            return length, name
    return None


def _value_at(folded: list[str], original: list[str], start: int) -> tuple[int, str, str] | None:
    """(words used, parameter, value) of a filter word or phrase starting at `start`."""
    if original[start] in CASED_WORDS:
        return (1, *CASED_WORDS[original[start]])
    for length in range(min(LONGEST_PHRASE, len(folded) - start), 0, -1):
        found = PHRASES.get(tuple(folded[start : start + length]))
        if found:
            return (length, *found)
    return None


def interpret_search_words(
    text: str,
    *,
    keep: frozenset[str] | set[str] = frozenset(),
    allowed: Mapping[str, Container[str]] | None = None,
) -> Interpretation:
    """Read the place and filter values named in `text` (see the module docstring).

    `keep`: parameters not to take from the words (the visitor set them); their words
    stay in the text. `allowed`: for each filter, the values it offers (a value it does
    not offer stays a word).
    """
    original = re.findall(r"[^\W_]+", text or "")
    folded = [places.fold(word) for word in original]
    used = [False] * len(original)
    found: dict[str, list[tuple[str, list[int]]]] = {}

    def take(parameter: str, value: str, start: int, length: int) -> None:
        found.setdefault(parameter, []).append((value, list(range(start, start + length))))

    start = 0
    while start < len(original):
        place = _place_at(folded, start) if NEAR not in keep else None
        value = _value_at(folded, original, start)
        if value and (value[1] in keep or (allowed and value[2] not in allowed.get(value[1], ()))):
            value = None
        if place and (not value or place[0] >= value[0]):
            length = place[0]
            if start + length < len(folded) and folded[start + length] in STATE_WORDS:
                length += 1
            take(NEAR, place[1], start, length)
        elif value:
            length = value[0]
            take(value[1], value[2], start, length)
        else:
            length = 1
        start += length

    # Two places or two languages: not ours to choose; those words stay words.
    for parameter in (NEAR, "language"):
        if len({value for value, _ in found.get(parameter, ())}) > 1:
            del found[parameter]
    values: dict[str, list[str]] = {}
    for parameter, hits in found.items():
        values[parameter] = list(dict.fromkeys(value for value, _ in hits))
        for _, positions in hits:
            for position in positions:
                used[position] = True
    for parameter, companions in COMPANION_WORDS.items():
        if parameter in values:
            for position, word in enumerate(folded):
                used[position] = used[position] or word in companions

    if not values:
        return Interpretation(remaining_text=text or "")
    near = values.get(NEAR, [""])[0]
    rest = [word for word, gone in zip(original, used, strict=True) if not gone]
    return Interpretation(
        remaining_text=" ".join(rest),
        place=geo.resolve_place(near) if near else None,
        near=near,
        conditions=tuple(values.get("condition", ())),
        treatments=tuple(values.get("treatment", ())),
        insurance=tuple(values.get("insurance", ())),
        language=values.get("language", [""])[0],
    )


def _is_set(data: QueryDict, parameter: str) -> bool:
    return any(value.strip() for value in data.getlist(parameter) if isinstance(value, str))


def understand_search_words(
    data, labels: Mapping[str, Mapping[str, str]]
) -> tuple[QueryDict | dict, str]:
    """A search's GET data with the filters its words imply, and what was understood.

    Only parameters the visitor left empty are filled in; the words that filled them
    leave `q`. `labels` gives each filter's values and their names, as its choices do.
    Returns the data unchanged, and "", when the words imply nothing.
    """
    text = data.get("q") if data and hasattr(data, "getlist") else None
    # Words the search box refuses (too long, a null character) get the form's message.
    if not text or not text.strip() or len(text) > MAX_TEXT_LENGTH or "\x00" in text:
        return data, ""
    keep = {parameter for parameter in (NEAR, *FILTERS) if _is_set(data, parameter)}
    found = interpret_search_words(text, keep=keep, allowed=labels)
    implied = found.parameters()
    if not implied:
        return data, ""
    data = data.copy()
    rest = found.remaining_text
    data["q"] = rest if search_terms(rest) else ""
    if not data["q"] and data.get("sort") == "relevance":
        # The words it was to rank by are filters now: the natural order applies.
        data["sort"] = ""
    for parameter, values in implied.items():
        data.setlist(parameter, values)
    return data, describe(found, labels)


def any_of(names) -> str:
    """ "PTSD or Anxiety", in the page's language ("PTSD o Ansiedad")."""
    return f" {pgettext('between choices', 'or')} ".join(str(name) for name in names)


def describe(found: Interpretation, labels: Mapping[str, Mapping[str, str]]) -> str:
    """What was understood, to follow "Showing clinics": "treating PTSD, near Folsom, CA"."""

    def names(parameter: str, values) -> str:
        return any_of(labels[parameter].get(value, value) for value in values)

    parts = []
    if found.conditions:
        conditions = names("condition", found.conditions)
        parts.append(gettext("treating %(names)s") % {"names": conditions})
    if found.treatments:
        treatments = names("treatment", found.treatments)
        parts.append(gettext("offering %(names)s") % {"names": treatments})
    plans = [plan for plan in found.insurance if plan != "self-pay"]
    if plans:
        parts.append(gettext("accepting %(names)s") % {"names": names("insurance", plans)})
    if "self-pay" in found.insurance:
        parts.append(gettext("taking patients who pay for themselves"))
    if found.language:
        language = names("language", [found.language])
        parts.append(gettext("where staff speak %(language)s") % {"language": language})
    if found.place:
        parts.append(gettext("near %(place)s") % {"place": found.place.label})
    return ", ".join(parts)
