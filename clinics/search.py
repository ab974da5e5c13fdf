"""What the search page shows beside its results, worked out from a bound `ClinicFilter`.

- Facets: the condition, treatment and insurance checkboxes, each option with the
  number of clinics it would give. A facet is counted under every *other* active
  filter, so ticking a second condition shows how many clinics "any of" would add.
- Relaxations: when nothing matches, links that each loosen one part of the search
  (a wider radius, anywhere, one filter fewer), so a visitor is never at a dead end.

Neither changes what the search matches; that is `clinics.filters`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from django.forms import BoundField
from django.http import QueryDict

from clinics.filters import SELF_PAY, ClinicFilter
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


def relaxations(search: ClinicFilter) -> list[Suggestion]:
    """Links that each loosen one part of the search, for a search with no results."""
    search.is_valid()
    form = search.form
    cleaned = form.cleaned_data
    base = QueryDict(mutable=True)
    for key in form.fields:
        # Carry over only what was accepted, so every link leads to a clean search.
        if key in cleaned and cleaned[key] not in (None, "", [], False):
            base.setlist(key, form.data.getlist(key))

    def without(key, value=None) -> str:
        params = base.copy()
        if value is None:
            params.pop(key, None)
        else:
            params.setlist(key, [v for v in params.getlist(key) if v != value])
        return "?" + params.urlencode()

    def label(key, value) -> str:
        return dict(form.fields[key].choices)[value]

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
