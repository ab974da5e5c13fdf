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
from django.utils.translation import gettext, ngettext, npgettext

from clinics.filters import SELF_PAY, ClinicFilter
from clinics.forms import DEFAULT_RADIUS
from clinics.search_index import intersect
from clinics.vocabulary import any_of

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
    treatments = search.form.cleaned_data.get("treatment") or []
    plans = search.form.cleaned_data.get("insurance") or []
    counts: dict[str, dict[str, int]] = {}
    for name in FACETS:
        slugs = {option.pk: option.slug for option in search.options[name]}
        skip = {name}
        # Under chosen plans a treatment counts where one of them covers it, and under
        # chosen treatments a plan counts where it covers one (ClinicFilter.paying), so
        # each number is what ticking that option would give.
        if name == "treatment" and plans:
            skip.add("insurance")
            stored = {pk: search.index_paying(plans, [slug]) for pk, slug in slugs.items()}
        elif name == "insurance" and treatments:
            skip.add("treatment")
            stored = {pk: search.index_paying([slug], treatments) for pk, slug in slugs.items()}
        else:
            stored = {pk: index.links[name][pk] for pk in slugs if pk in index.links[name]}
        others = intersect(bits for key, bits in sets.items() if key not in skip)
        found = index.counts(others, stored)
        counts[name] = {slugs[pk]: n for pk, n in found.items() if n}
        if name == "insurance":
            self_pay = search.index_paying([SELF_PAY], treatments)
            counts[name][SELF_PAY] = index.counts(others, {SELF_PAY: self_pay})[SELF_PAY]
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


def _chosen(search: ClinicFilter, key: str) -> list[str]:
    """The accepted values of a filter, in its options' order (not the address's)."""
    chosen = set(search.form.cleaned_data.get(key) or ())
    return [value for value, _ in search.form.fields[key].choices if value in chosen]


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
            text = gettext("Search within %(radius)s miles of %(place)s") % {
                "radius": wider,
                "place": place.label,
            }
            suggestions.append(Suggestion(text, "?" + params.urlencode()))
        text = gettext("Search everywhere, not only near %(place)s") % {"place": place.label}
        suggestions.append(Suggestion(text, without("near")))
    for name in FACETS:
        for slug in cleaned.get(name) or []:
            text = gettext("Remove “%(choice)s”") % {"choice": label(name, slug)}
            suggestions.append(Suggestion(text, without(name, slug)))
    if cleaned.get("language"):
        language = label("language", cleaned["language"])
        text = gettext("Any language, not only %(language)s") % {"language": language}
        suggestions.append(Suggestion(text, without("language")))
    if cleaned.get("accepting"):
        text = gettext("Include clinics not taking new patients")
        suggestions.append(Suggestion(text, without("accepting")))
    if cleaned.get("open_now"):
        text = gettext("Include clinics that are closed right now")
        suggestions.append(Suggestion(text, without("open_now")))
    if cleaned.get("q"):
        text = gettext("Drop the search words “%(words)s”") % {"words": cleaned["q"]}
        suggestions.append(Suggestion(text, without("q")))
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
        choices.append(Choice("open_now", gettext("Open now"), _without(base, "open_now")))
    for name in FACETS:
        for slug in cleaned.get(name) or []:
            text = gettext("Self-pay") if slug == SELF_PAY else _label(search, name, slug)
            choices.append(Choice(name, text, _without(base, name, slug)))
    if cleaned.get("language"):
        language = _label(search, "language", cleaned["language"])
        choices.append(Choice("language", language, _without(base, "language")))
    if cleaned.get("accepting"):
        text = gettext("Taking new patients")
        choices.append(Choice("accepting", text, _without(base, "accepting")))
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
        text = ngettext(
            "Within %(radius)s mile of %(place)s", "Within %(radius)s miles of %(place)s", radius
        ) % {"radius": radius, "place": place.label}
        choices.append(Choice("near", text, "?" + params.urlencode()))
    return choices


def summary(search: ClinicFilter, count: int) -> str:
    """The search in one sentence: "3 clinics treating PTSD, taking Medi-Cal, within 25
    miles of 95816". Several values of one filter read "or", as the search treats them.

    Each part takes the count too: in Spanish its verb agrees with it ("1 clínica que
    trata", "3 clínicas que tratan").
    """
    search.is_valid()
    cleaned = search.form.cleaned_data

    def names(key: str) -> str:
        return any_of(_label(search, key, slug) for slug in _chosen(search, key))

    parts = []
    if cleaned.get("open_now"):
        parts.append(npgettext("search summary", "open now", "open now", count))
    if cleaned.get("condition"):
        text = npgettext("search summary", "treating %(names)s", "treating %(names)s", count)
        parts.append(text % {"names": names("condition")})
    if cleaned.get("treatment"):
        text = npgettext("search summary", "offering %(names)s", "offering %(names)s", count)
        parts.append(text % {"names": names("treatment")})
    # Self-pay is the last option: "taking Medi-Cal or self-pay patients".
    plans = _chosen(search, "insurance")
    if plans:
        plan_names = any_of(
            gettext("self-pay patients") if slug == SELF_PAY else _label(search, "insurance", slug)
            for slug in plans
        )
        text = npgettext("search summary", "taking %(names)s", "taking %(names)s", count)
        parts.append(text % {"names": plan_names})
    if cleaned.get("language"):
        text = npgettext(
            "search summary",
            "with staff who speak %(language)s",
            "with staff who speak %(language)s",
            count,
        )
        parts.append(text % {"language": _label(search, "language", cleaned["language"])})
    if cleaned.get("accepting"):
        parts.append(
            npgettext("search summary", "taking new patients", "taking new patients", count)
        )
    if cleaned.get("q"):
        text = npgettext("search summary", "matching “%(words)s”", "matching “%(words)s”", count)
        parts.append(text % {"words": cleaned["q"]})
    place = cleaned.get("near")
    if place:
        radius = search.search_radius
        parts.append(
            ngettext(
                "within %(radius)s mile of %(place)s",
                "within %(radius)s miles of %(place)s",
                radius,
            )
            % {"radius": radius, "place": place.label}
        )
    head = ngettext("%(count)s clinic", "%(count)s clinics", count) % {"count": count}
    return ", ".join([f"{head} {parts[0]}", *parts[1:]]) if parts else head


def ignored_choices(search: ClinicFilter) -> list[Ignored]:
    """Each part of the search that could not be used, and what the search did instead.

    The form's own message stays next to its field; this says it in the summary, which
    a phone shows before the (closed) search panel.
    """
    search.is_valid()
    form = search.form
    errors = form.errors
    ignored = []

    def sent(key: str) -> str:
        return any_of(f"“{v.strip()}”" for v in form.data.getlist(key) if v.strip())

    def field_id(key: str) -> str:
        return form[key].id_for_label

    if "q" in errors:
        ignored.append(
            Ignored(
                gettext("Your search words were not used, so no words were matched: %(reason)s")
                % {"reason": errors["q"][0]},
                field_id("q"),
                gettext("Change the words"),
            )
        )
    if "near" in errors:
        ignored.append(
            Ignored(
                gettext("We couldn't find %(place)s, so this is not limited by place.")
                % {"place": sent("near")},
                field_id("near"),
                gettext("Change the place"),
            )
        )
    if "radius" in errors:
        if form.cleaned_data.get("near"):
            text = gettext(
                "%(distance)s is not a distance from 1 to 100 miles, so this uses %(radius)s miles."
            ) % {"distance": sent("radius"), "radius": DEFAULT_RADIUS}
        else:
            text = gettext(
                "%(distance)s is not a distance from 1 to 100 miles, so it was not used."
            ) % {"distance": sent("radius")}
        ignored.append(Ignored(text, field_id("radius"), gettext("Change the distance")))
    # Whole sentences, so that each language can say them its own way.
    unknown_value = {
        "condition": (
            gettext(
                "We don't list a condition called %(words)s, so this is not limited by condition."
            ),
            gettext("Change the condition"),
        ),
        "treatment": (
            gettext(
                "We don't list a treatment called %(words)s, so this is not limited by treatment."
            ),
            gettext("Change the treatment"),
        ),
        "insurance": (
            gettext(
                "We don't list an insurance plan called %(words)s, so this is not limited by "
                "insurance."
            ),
            gettext("Change the insurance"),
        ),
        "language": (
            gettext(
                "We don't list a language called %(words)s, so this is not limited by language."
            ),
            gettext("Change the language"),
        ),
    }
    for key, (sentence, change) in unknown_value.items():
        if key not in errors:
            continue
        known = {value for value, _ in form.fields[key].choices}
        unknown = [v.strip() for v in form.data.getlist(key) if v.strip() not in known]
        words = any_of(f"“{value}”" for value in unknown) or sent(key)
        ignored.append(Ignored(sentence % {"words": words}, field_id(key), change))
    if "sort" in errors:
        ignored.append(
            Ignored(
                gettext(
                    "The sort order was not used, so the results are in the usual order: %(reason)s"
                )
                % {"reason": errors["sort"][0]},
                field_id("sort"),
                gettext("Change the order"),
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
            matches.append(gettext("Offers %(treatment)s") % {"treatment": offer["name"]})
    for plan in getattr(clinic, "matching_plans", None) or ():
        matches.append(gettext("Takes %(plan)s") % {"plan": plan})
    if SELF_PAY in (cleaned.get("insurance") or ()) and clinic.self_pay:
        matches.append(gettext("Takes self-pay patients"))
    language = cleaned.get("language")
    if language and language in clinic.languages:
        language_name = _label(search, "language", language)
        matches.append(gettext("Staff speak %(language)s") % {"language": language_name})
    return matches
