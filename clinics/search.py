"""What the search page shows beside its results, worked out from a bound `ClinicFilter`.

- Facets: the condition, treatment and insurance checkboxes, each option with the
  number of clinics it would give. A facet is counted under every *other* active
  filter, so ticking a second condition shows how many clinics "any of" would add.
- Relaxations: when nothing matches, links that each loosen one part of the search
  (a wider radius, anywhere, one filter fewer), so a visitor is never at a dead end.
- The summary: one sentence naming every choice in effect ("5 clinics offering
  Spravato, with staff who speak Spanish, within 25 miles of Elk Grove, CA"), each
  choice with a link to the same search without it, and, in words, each choice that
  could not be used and so was left out.
- What each result card says about this search: which of the chosen treatments,
  plans and language the clinic matches.

Neither changes what the search matches; that is `clinics.filters`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from django.forms import BoundField
from django.http import QueryDict
from django.template.defaultfilters import pluralize

from clinics.filters import SELF_PAY, ClinicFilter
from clinics.forms import DEFAULT_RADIUS
from clinics.search_index import intersect

FACETS = ("condition", "treatment", "insurance")
WIDER_RADII = (50, 100)


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    checked: bool


@dataclass
class FacetGroup:
    """One facet: its form field (name, label, errors) and its options with counts."""

    field: BoundField
    options: list[FacetOption]


class Suggestion(NamedTuple):
    text: str
    query: str  # "?…", to append to the search page's address


def facet_counts(search: ClinicFilter) -> dict[str, dict[str, int]]:
    """{facet: {option value: clinics}} under all the *other* active filters.

    Counted on the search index's bitsets (a few microseconds an option), from the
    same per-filter sets that give the results; a facet with nothing ticked counts
    within the fully filtered set. Options no clinic has are left out.
    """
    index, sets = search.index, search.index_sets
    counts: dict[str, dict[str, int]] = {}
    for name in FACETS:
        others = intersect(bits for key, bits in sets.items() if key != name)
        slugs = {option.pk: option.slug for option in search.options[name]}
        found = index.counts(
            others, {pk: index.links[name][pk] for pk in slugs if pk in index.links[name]}
        )
        counts[name] = {slugs[pk]: n for pk, n in found.items() if n}
        if name == "insurance":
            counts[name][SELF_PAY] = index.counts(others, {SELF_PAY: index.self_pay})[SELF_PAY]
    return counts


def facets(search: ClinicFilter) -> list[FacetGroup]:
    """The condition, treatment and insurance checkboxes, each option with its count."""
    counts = facet_counts(search)
    groups = []
    for name in FACETS:
        field = search.form[name]
        # What was sent, valid or not, so a visitor's ticks survive an error elsewhere.
        checked = set(field.value() or ())
        options = [
            FacetOption(value, label, counts[name].get(value, 0), value in checked)
            for value, label in field.field.choices
        ]
        groups.append(FacetGroup(field, options))
    return groups


def _accepted(search: ClinicFilter) -> QueryDict:
    """The search's parameters that were accepted, as sent (no page: links start afresh).

    Only what was accepted, so every link made from it leads to a clean search.
    """
    search.is_valid()
    form = search.form
    cleaned = form.cleaned_data
    base = QueryDict(mutable=True)
    for key in form.fields:
        if key in cleaned and cleaned[key] not in (None, "", [], False):
            base.setlist(key, form.data.getlist(key))
    return base


def _without(base: QueryDict, key: str, value: str | None = None) -> str:
    """The search `base` without `key`, or without only that `value` of it, as "?…"."""
    params = base.copy()
    if value is None:
        params.pop(key, None)
    else:
        params.setlist(key, [v for v in params.getlist(key) if v != value])
    return "?" + params.urlencode()


def _label(search: ClinicFilter, key: str, value: str) -> str:
    return dict(search.form.fields[key].choices)[value]


def relaxations(search: ClinicFilter) -> list[Suggestion]:
    """Links that each loosen one part of the search, for a search with no results."""
    base = _accepted(search)
    cleaned = search.form.cleaned_data

    def without(key, value=None) -> str:
        return _without(base, key, value)

    def label(key, value) -> str:
        return _label(search, key, value)

    suggestions = []
    place = cleaned.get("near")
    if place:
        wider = next((r for r in WIDER_RADII if r > search.search_radius), None)
        if wider:
            params = base.copy()
            params["radius"] = str(wider)
            text = f"Search within {wider} miles of {place.label}"
            suggestions.append(Suggestion(text, "?" + params.urlencode()))
        suggestions.append(
            Suggestion(f"Search everywhere, not only near {place.label}", without("near"))
        )
    for name in FACETS:
        for slug in cleaned.get(name) or []:
            suggestions.append(Suggestion(f"Remove “{label(name, slug)}”", without(name, slug)))
    if cleaned.get("language"):
        suggestions.append(
            Suggestion(
                f"Any language, not only {label('language', cleaned['language'])}",
                without("language"),
            )
        )
    if cleaned.get("accepting"):
        suggestions.append(
            Suggestion("Include clinics not taking new patients", without("accepting"))
        )
    if cleaned.get("open_now"):
        suggestions.append(
            Suggestion("Include clinics that are closed right now", without("open_now"))
        )
    if cleaned.get("q"):
        suggestions.append(Suggestion(f"Drop the search words “{cleaned['q']}”", without("q")))
    return suggestions


# --- The summary of a search ----------------------------------------------------------


class Choice(NamedTuple):
    """One choice in effect, in the words of its remove link, and the search without it."""

    key: str  # the parameter: "language"
    text: str  # "Staff speak Spanish"
    query: str  # "?…", the same search without this choice


class Ignored(NamedTuple):
    """A choice that could not be used, said in words, and the field to change it in."""

    text: str
    field_id: str
    change: str  # the link's words: "Change the place"


def active_choices(search: ClinicFilter) -> list[Choice]:
    """Every choice in effect, one per value, in the summary's order, each with the
    search without it. The words are short ("PTSD", "Spanish"): the summary sentence
    above them says what each one does.

    Removing the place also drops its radius (and a distance sort); removing the words
    drops a sort by best match, so no link leads to a search with an error.
    """
    base = _accepted(search)
    cleaned = search.form.cleaned_data
    choices = []
    if cleaned.get("open_now"):
        choices.append(Choice("open_now", "Open now", _without(base, "open_now")))
    for name in FACETS:
        for slug in cleaned.get(name) or []:
            text = "Self-pay" if slug == SELF_PAY else _label(search, name, slug)
            choices.append(Choice(name, text, _without(base, name, slug)))
    if cleaned.get("language"):
        language = _label(search, "language", cleaned["language"])
        choices.append(Choice("language", language, _without(base, "language")))
    if cleaned.get("accepting"):
        choices.append(Choice("accepting", "Taking new patients", _without(base, "accepting")))
    if cleaned.get("q"):
        params = base.copy()
        params.pop("q", None)
        if params.get("sort") == "relevance":
            params.pop("sort")
        choices.append(Choice("q", f"“{cleaned['q']}”", "?" + params.urlencode()))
    place = cleaned.get("near")
    if place:
        params = base.copy()
        for key in ("near", "radius"):
            params.pop(key, None)
        if params.get("sort") == "distance":
            params.pop("sort")
        radius = search.search_radius
        text = f"Within {radius} mile{pluralize(radius)} of {place.label}"
        choices.append(Choice("near", text, "?" + params.urlencode()))
    return choices


def summary(search: ClinicFilter, count: int) -> str:
    """The search in one sentence: "3 clinics treating PTSD, taking Medi-Cal, within 25
    miles of 95816". Several values of one filter read "or", as the search treats them."""
    search.is_valid()
    cleaned = search.form.cleaned_data

    def names(key: str) -> str:
        return " or ".join(_label(search, key, slug) for slug in cleaned.get(key) or [])

    parts = []
    if cleaned.get("open_now"):
        parts.append("open now")
    if cleaned.get("condition"):
        parts.append(f"treating {names('condition')}")
    if cleaned.get("treatment"):
        parts.append(f"offering {names('treatment')}")
    # Self-pay last: "taking Medi-Cal or self-pay patients".
    plans = sorted(cleaned.get("insurance") or [], key=lambda slug: slug == SELF_PAY)
    if plans:
        parts.append(
            "taking "
            + " or ".join(
                "self-pay patients" if slug == SELF_PAY else _label(search, "insurance", slug)
                for slug in plans
            )
        )
    if cleaned.get("language"):
        parts.append(f"with staff who speak {_label(search, 'language', cleaned['language'])}")
    if cleaned.get("accepting"):
        parts.append("taking new patients")
    if cleaned.get("q"):
        parts.append(f"matching “{cleaned['q']}”")
    place = cleaned.get("near")
    if place:
        radius = search.search_radius
        parts.append(f"within {radius} mile{pluralize(radius)} of {place.label}")
    head = f"{count} clinic{pluralize(count)}"
    return ", ".join([f"{head} {parts[0]}", *parts[1:]]) if parts else head


def ignored_choices(search: ClinicFilter) -> list[Ignored]:
    """Each part of the search that could not be used, and what the search did instead."""
    search.is_valid()
    form = search.form
    errors = form.errors
    ignored = []

    def sent(key: str) -> list[str]:
        return [value.strip() for value in form.data.getlist(key) if value.strip()]

    if "q" in errors:
        ignored.append(
            Ignored(
                "Your search words had no word of two letters or more, so no words were matched.",
                form["q"].id_for_label,
                "Change the words",
            )
        )
    if "near" in errors:
        ignored.append(
            Ignored(
                f"We couldn't find “{sent('near')[0]}”, so this is not limited by place.",
                form["near"].id_for_label,
                "Change the place",
            )
        )
    elif "radius" in errors and form.cleaned_data.get("near"):
        ignored.append(
            Ignored(
                f"“{sent('radius')[0]}” is not a distance from 1 to 100 miles, so this "
                f"uses {DEFAULT_RADIUS} miles.",
                form["radius"].id_for_label,
                "Change the distance",
            )
        )
    nouns = {
        "condition": "condition",
        "treatment": "treatment",
        "insurance": "insurance plan",
        "language": "language",
    }
    for key, noun in nouns.items():
        if key not in errors:
            continue
        known = {value for value, _ in form.fields[key].choices}
        unknown = [value for value in sent(key) if value not in known] or sent(key)
        words = " or ".join(f"“{value}”" for value in unknown)
        limit = "insurance" if key == "insurance" else noun
        ignored.append(
            Ignored(
                f"We don't list a {noun} called {words}, so this is not limited by {limit}.",
                form[key].id_for_label,
                f"Change the {limit}",
            )
        )
    if "sort" in errors:
        ignored.append(
            Ignored(
                "That sort order needs something this search does not have, so the "
                "results are in the usual order.",
                form["sort"].id_for_label,
                "Change the order",
            )
        )
    return ignored


def card_matches(search: ClinicFilter, clinic) -> list[str]:
    """What a result card says the clinic matches of the chosen treatments, plans and
    language: "Offers Spravato", "Takes Medi-Cal", "Staff speak Spanish".

    Uses the card's data (`treatments_offered`, `languages`, `self_pay`) and, when plans
    were chosen, `matching_plans` (ClinicQuerySet.with_matching_plans).
    """
    search.is_valid()
    cleaned = search.form.cleaned_data
    matches = []
    treatments = set(cleaned.get("treatment") or ())
    for offer in getattr(clinic, "treatments_offered", None) or ():
        if offer["slug"] in treatments:
            matches.append(f"Offers {offer['name']}")
    for plan in getattr(clinic, "matching_plans", None) or ():
        matches.append(f"Takes {plan}")
    if SELF_PAY in (cleaned.get("insurance") or ()) and clinic.self_pay:
        matches.append("Takes self-pay patients")
    language = cleaned.get("language")
    if language and language in clinic.languages:
        matches.append(f"Staff speak {_label(search, 'language', language)}")
    return matches
