"""The public clinic search: every GET parameter of /clinics/ is parsed here.

Values inside one list (several conditions, several insurance plans) widen the
search ("any of"); different parameters narrow it ("and"). A bad value becomes a
form error shown next to its field and that one parameter is ignored; the rest of
the search still runs. Parameters we do not know are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

import django_filters
from django import forms
from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.http import QueryDict

from clinics.geo import Place, resolve_place
from clinics.models import Clinic, ClinicTreatment, Condition, InsurancePlan, Language, Treatment
from clinics.querysets import search_terms

DEFAULT_RADIUS = 25
MIN_RADIUS, MAX_RADIUS = 1, 100
WIDER_RADII = (50, 100)
SELF_PAY = "self-pay"

SORT_CHOICES = [
    ("distance", "Nearest first"),
    ("relevance", "Best match for your words"),
    ("name", "Name (A–Z)"),
]

# Clinic columns a search-result card needs (templates/clinics/includes/clinic_card.html).
CARD_FIELDS = ("name", "slug", "city", "status", "is_demo", "accepting_new_patients")


class LocationField(forms.CharField):
    """A ZIP code or California city, cleaned to a `Place` (or None when empty)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 80)
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        place = resolve_place(text)
        if place is None:
            raise ValidationError(
                "We couldn't find “%(text)s”. Enter a five-digit ZIP code, such as 95816, "
                "or a California city, such as Folsom.",
                code="unknown_place",
                params={"text": text},
            )
        return place


class NearForm(forms.Form):
    """The one-field "nearest first" form on condition pages."""

    near = LocationField(label="Your ZIP code or city", required=False)


class TickBox(forms.CheckboxInput):
    """A checkbox that reads 1/on/true/yes as ticked and anything else as not ticked."""

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        return isinstance(value, str) and value.strip().casefold() in {"1", "on", "true", "yes"}


class SearchForm(forms.Form):
    def clean_q(self):
        text = self.cleaned_data.get("q") or ""
        if text and not search_terms(text):
            raise ValidationError(
                "Type at least one word of two or more letters, such as a clinic name or town."
            )
        return text

    def clean(self):
        cleaned = super().clean()
        sort = cleaned.get("sort")
        if sort == "distance" and not cleaned.get("near") and "near" not in self.errors:
            self.add_error("sort", "To sort by distance, enter a ZIP code or city.")
        elif sort == "relevance" and not cleaned.get("q") and "q" not in self.errors:
            self.add_error("sort", "To sort by best match, type some search words.")
        return cleaned


class LocationFilter(django_filters.Filter):
    field_class = LocationField


class WholeNumberFilter(django_filters.Filter):
    field_class = forms.IntegerField


class TickFilter(django_filters.Filter):
    field_class = forms.BooleanField


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    checked: bool


@dataclass
class FacetGroup:
    name: str
    legend: str
    options: list[FacetOption]


class ClinicFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search words",
        method="filter_q",
        max_length=200,
        help_text="A clinic name, town, condition or treatment. Small typos are fine.",
    )
    near = LocationFilter(
        label="Near (ZIP code or city)",
        method="filter_near",
    )
    radius = WholeNumberFilter(
        label="Within (miles)",
        method="filter_nothing",  # used by filter_near
        min_value=MIN_RADIUS,
        max_value=MAX_RADIUS,
        error_messages={
            "invalid": "Enter the distance as a whole number of miles, from 1 to 100.",
            "min_value": "Choose a distance from 1 to 100 miles.",
            "max_value": "Choose a distance from 1 to 100 miles.",
        },
        # A text box, not type=number: a browser blanks a number box it cannot
        # parse, and the visitor must see what they typed beside the message.
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "maxlength": 5, "placeholder": DEFAULT_RADIUS}
        ),
        help_text="From 1 to 100; 25 if left empty.",
    )
    condition = django_filters.MultipleChoiceFilter(
        label="Condition",
        method="filter_condition",
        error_messages={"invalid_choice": "We don't list a condition called “%(value)s”."},
    )
    treatment = django_filters.MultipleChoiceFilter(
        label="Treatment",
        method="filter_treatment",
        error_messages={"invalid_choice": "We don't list a treatment called “%(value)s”."},
    )
    insurance = django_filters.MultipleChoiceFilter(
        label="Insurance and payment",
        method="filter_insurance",
        error_messages={"invalid_choice": "We don't list an insurance plan called “%(value)s”."},
    )
    language = django_filters.ChoiceFilter(
        label="Language spoken",
        choices=Language.choices,
        empty_label="Any language",
        method="filter_language",
        error_messages={"invalid_choice": "We don't list a language called “%(value)s”."},
    )
    accepting = TickFilter(
        label="Taking new patients",
        widget=TickBox,
        method="filter_accepting",
    )
    open_now = TickFilter(
        label="Open now",
        widget=TickBox,
        method="filter_open_now",
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=SORT_CHOICES,
        empty_label="Best order for my search",
        method="filter_nothing",  # applied by results()
        error_messages={"invalid_choice": "Choose one of the sort orders listed."},
    )

    class Meta:
        model = Clinic
        fields: list[str] = []
        form = SearchForm

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, moment=None):
        if queryset is None:
            queryset = Clinic.objects.listed()
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.moment = moment
        # Three small queries give both the valid choices and the facet labels.
        self.options = {
            "condition": list(Condition.objects.only("name", "slug", "sort_order")),
            "treatment": list(Treatment.objects.only("name", "slug", "sort_order")),
            "insurance": list(InsurancePlan.objects.only("name", "slug", "sort_order")),
        }
        for name, objects in self.options.items():
            self.filters[name].extra["choices"] = [(obj.slug, obj.name) for obj in objects]
        self.filters["insurance"].extra["choices"].append((SELF_PAY, "Self-pay (no insurance)"))

    # --- Parsed values ------------------------------------------------------------

    def _cleaned(self, name):
        self.is_valid()
        return self.form.cleaned_data.get(name)

    @property
    def place(self) -> Place | None:
        return self._cleaned("near")

    @property
    def search_radius(self) -> int:
        return self._cleaned("radius") or DEFAULT_RADIUS

    @property
    def effective_sort(self) -> str:
        """The sort order in effect: the one asked for, else the natural one."""
        asked = self._cleaned("sort")
        if asked:
            return asked
        if self.place:
            return "distance"
        if search_terms(self._cleaned("q") or ""):
            return "relevance"
        return "name"

    def _ids(self, name: str, slugs) -> list[int]:
        wanted = set(slugs)
        return [obj.pk for obj in self.options[name] if obj.slug in wanted]

    # --- Filters ------------------------------------------------------------------

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_near(self, queryset, name, place):
        return queryset.near(place.latitude, place.longitude, self.search_radius)

    def filter_condition(self, queryset, name, slugs):
        links = Clinic.conditions.through.objects.filter(
            clinic_id=OuterRef("pk"), condition_id__in=self._ids("condition", slugs)
        )
        return queryset.filter(Exists(links))

    def filter_treatment(self, queryset, name, slugs):
        offers = ClinicTreatment.objects.filter(
            clinic_id=OuterRef("pk"), treatment_id__in=self._ids("treatment", slugs)
        )
        return queryset.filter(Exists(offers))

    def filter_insurance(self, queryset, name, slugs):
        accepts = Q(
            Exists(
                Clinic.insurance_plans.through.objects.filter(
                    clinic_id=OuterRef("pk"), insuranceplan_id__in=self._ids("insurance", slugs)
                )
            )
        )
        if SELF_PAY in slugs:
            accepts |= Q(self_pay=True)
        return queryset.filter(accepts)

    def filter_language(self, queryset, name, value):
        return queryset.filter(languages__contains=[value])

    def filter_accepting(self, queryset, name, value):
        return queryset.filter(accepting_new_patients=True) if value else queryset

    def filter_open_now(self, queryset, name, value):
        return queryset.open_now(self.moment) if value else queryset

    def filter_queryset(self, queryset, skip=()):
        """Apply every valid parameter except those in `skip` (used for facet counts)."""
        cleaned = self.form.cleaned_data
        for name, filter_ in self.filters.items():
            if name not in skip and name in cleaned:
                queryset = filter_.filter(queryset, cleaned[name])
        return queryset

    # --- What the page shows --------------------------------------------------------

    def results(self):
        """The matching clinics, sorted, with everything a result card needs."""
        orderings = {
            "distance": ["distance_miles", "name", "pk"],
            "relevance": ["-relevance", "name", "pk"],
            "name": ["name", "pk"],
        }
        # Only the columns a card shows: the sort then moves narrow rows, not descriptions.
        return (
            self.qs.with_card_data(self.moment)
            .only(*CARD_FIELDS)
            .order_by(*orderings[self.effective_sort])
        )

    def facet_counts(self) -> dict[str, dict]:
        """{facet: {option id: clinics}} under all the *other* active filters, one query.

        Each distinct set of matching clinics is computed once, as a MATERIALIZED CTE
        (a facet with nothing ticked shares the fully filtered set), and the three
        GROUP BYs plus the self-pay count run against those sets in a single UNION ALL.
        """
        self.is_valid()
        tables = {
            "condition": (Clinic.conditions.through._meta.db_table, "condition_id"),
            "treatment": (ClinicTreatment._meta.db_table, "treatment_id"),
            "insurance": (Clinic.insurance_plans.through._meta.db_table, "insuranceplan_id"),
        }
        ctes, params, aliases, selects = [], [], {}, []
        for name, (table, column) in tables.items():
            skip = {name} if self.form.cleaned_data.get(name) else set()
            key = frozenset(skip)
            if key not in aliases:
                matching = self.filter_queryset(self.queryset.all(), skip=skip)
                try:
                    sql, sql_params = matching.order_by().values("pk").query.sql_with_params()
                except EmptyResultSet:
                    aliases[key] = None
                else:
                    aliases[key] = f"matching_{len(ctes)}"
                    ctes.append(f"{aliases[key]}(id) AS MATERIALIZED ({sql})")
                    params.extend(sql_params)
            alias = aliases[key]
            if alias is None:
                continue
            selects.append(
                f"SELECT '{name}', {column}, COUNT(*) FROM {table} "  # noqa: S608 - names are ours
                f"WHERE clinic_id IN (SELECT id FROM {alias}) GROUP BY {column}"
            )
            if name == "insurance":
                selects.append(
                    f"SELECT '{SELF_PAY}', 0, COUNT(*) FROM {Clinic._meta.db_table} "  # noqa: S608
                    f"WHERE self_pay AND id IN (SELECT id FROM {alias})"
                )
        counts: dict[str, dict] = {name: {} for name in (*tables, SELF_PAY)}
        if selects:
            query = "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(selects)
            with connection.cursor() as cursor:
                cursor.execute(query, params)
                for facet, option_id, count in cursor.fetchall():
                    counts[facet][option_id] = count
        return counts

    def facets(self) -> list[FacetGroup]:
        """The condition, treatment and insurance options, each with its count."""
        counts = self.facet_counts()
        groups = []
        for name in ("condition", "treatment", "insurance"):
            checked = set(self.data.getlist(name)) if hasattr(self.data, "getlist") else set()
            options = [
                FacetOption(obj.slug, obj.name, counts[name].get(obj.pk, 0), obj.slug in checked)
                for obj in self.options[name]
            ]
            if name == "insurance":
                options.append(
                    FacetOption(
                        SELF_PAY,
                        "Self-pay (no insurance)",
                        counts[SELF_PAY].get(0, 0),
                        SELF_PAY in checked,
                    )
                )
            groups.append(FacetGroup(name, self.filters[name].label, options))
        return groups

    def relaxations(self) -> list[tuple[str, str]]:
        """(link text, query string) pairs that each loosen one part of the search."""
        self.is_valid()
        cleaned = self.form.cleaned_data
        base = QueryDict(mutable=True)
        for key in self.filters:
            # Carry over only what was accepted, so every link leads to a clean search.
            if key in cleaned and cleaned[key] not in (None, "", [], False):
                base.setlist(key, self.data.getlist(key))

        def without(key, value=None) -> str:
            params = base.copy()
            if value is None:
                params.pop(key, None)
            else:
                params.setlist(key, [v for v in params.getlist(key) if v != value])
            return "?" + params.urlencode()

        suggestions = []
        place = cleaned.get("near")
        if place:
            wider = next((r for r in WIDER_RADII if r > self.search_radius), None)
            if wider:
                params = base.copy()
                params["radius"] = str(wider)
                suggestions.append(
                    (f"Search within {wider} miles of {place.label}", "?" + params.urlencode())
                )
            suggestions.append((f"Search everywhere, not only near {place.label}", without("near")))
        labels = {
            name: dict(self.filters[name].extra["choices"])
            for name in ("condition", "treatment", "insurance")
        }
        for name in ("condition", "treatment", "insurance"):
            for slug in cleaned.get(name) or []:
                suggestions.append((f"Remove “{labels[name][slug]}”", without(name, slug)))
        if cleaned.get("language"):
            suggestions.append(
                (
                    f"Any language, not only {Language(cleaned['language']).label}",
                    without("language"),
                )
            )
        if cleaned.get("accepting"):
            suggestions.append(("Include clinics not taking new patients", without("accepting")))
        if cleaned.get("open_now"):
            suggestions.append(("Include clinics that are closed right now", without("open_now")))
        if cleaned.get("q"):
            suggestions.append((f"Drop the search words “{cleaned['q']}”", without("q")))
        return suggestions
