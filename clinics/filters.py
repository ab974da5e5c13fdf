"""The public clinic search: which GET parameters of /clinics/ narrow the list, and how.

Values inside one list (several conditions, several insurance plans) widen the
search ("any of"); different parameters narrow it ("and"), except that insurance
with a treatment means coverage (`ClinicFilter.paying`). A bad value becomes a
form error shown next to its field and that one parameter is ignored; the rest of
the search still runs. Parameters we do not know are ignored.

The form behind the filters (and the `radius` and `sort` fields, which filter
nothing themselves) is `clinics.forms.SearchForm`; facet counts and "try instead"
links are in `clinics.search`.

The `filter_*` methods say in SQL which clinics each filter keeps: they are the
definition. The page is answered from the in-process index (`clinics.search_index`)
by `index_sets` below, which follows the same rules without touching every match;
tests/clinics/test_search_index.py holds the two to the same results and order.
"""

from __future__ import annotations

import django_filters
import numpy as np
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from clinics import search_index, vocabulary
from clinics.forms import DEFAULT_RADIUS, LocationField, SearchForm, TickBox
from clinics.geo import Place
from clinics.models import Clinic, ClinicTreatment, Language, localized_name
from clinics.querysets import search_terms

SELF_PAY = "self-pay"

# Clinic columns a search-result card needs (templates/clinics/includes/clinic_card.html).
CARD_FIELDS = (
    "name",
    "slug",
    "city",
    "status",
    "is_demo",
    "accepting_new_patients",
    "phone",
    "languages",
    "self_pay",
    "last_verified_on",
    "staff_confirmed_on",
    # The map beside the results.
    "latitude",
    "longitude",
)


class LocationFilter(django_filters.Filter):
    field_class = LocationField


class TickFilter(django_filters.Filter):
    field_class = forms.BooleanField


def facet_widget(name: str) -> forms.SelectMultiple:
    """A facet filter's widget, which is never drawn itself.

    templates/clinics/includes/facet_group.html draws the options as checkboxes with
    counts inside an element with this id, so a link to the field's `id_for_label`
    (as in the error summary) lands on them.
    """
    return forms.SelectMultiple(attrs={"id": f"facet-{name}"})


class ClinicFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search words"),
        method="filter_q",
        max_length=200,
        help_text=_("A clinic name, town, condition or treatment. Small typos are fine."),
    )
    near = LocationFilter(
        label=_("Near (ZIP code or city)"),
        method="filter_near",
    )
    condition = django_filters.MultipleChoiceFilter(
        label=_("Condition"),
        method="filter_condition",
        widget=facet_widget("condition"),
        error_messages={"invalid_choice": _("We don't list a condition called “%(value)s”.")},
    )
    treatment = django_filters.MultipleChoiceFilter(
        label=_("Treatment"),
        help_text=_(
            "Spravato is listed only for clinics certified under its REMS, the FDA safety "
            "program that requires Spravato to be given and watched at a certified clinic."
        ),
        method="filter_treatment",
        widget=facet_widget("treatment"),
        error_messages={"invalid_choice": _("We don't list a treatment called “%(value)s”.")},
    )
    insurance = django_filters.MultipleChoiceFilter(
        label=_("Insurance and payment"),
        method="filter_insurance",
        widget=facet_widget("insurance"),
        error_messages={"invalid_choice": _("We don't list an insurance plan called “%(value)s”.")},
    )
    language = django_filters.ChoiceFilter(
        label=_("Language spoken"),
        choices=Language.choices,
        empty_label=_("Any language"),
        method="filter_language",
        error_messages={"invalid_choice": _("We don't list a language called “%(value)s”.")},
    )
    accepting = TickFilter(
        label=_("Taking new patients"),
        widget=TickBox,
        method="filter_accepting",
    )
    open_now = TickFilter(
        label=_("Open now"),
        widget=TickBox,
        method="filter_open_now",
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
        self.index = search_index.current()
        # The index's option lists give both the valid choices and the facet labels.
        self.options = self.index.options
        for name, objects in self.options.items():
            # Labels in the page's language; the slugs, which the URL carries, stay the same.
            self.filters[name].extra["choices"] = [
                (obj.slug, localized_name(obj)) for obj in objects
            ]
        self.filters["insurance"].extra["choices"].append((SELF_PAY, _("Self-pay (no insurance)")))
        # Words such as "spravato elk grove" set the filters the visitor left empty.
        labels = {name: dict(self.filters[name].extra["choices"]) for name in vocabulary.FILTERS}
        self.data, self.understood = vocabulary.understand_search_words(self.data, labels)

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
        # A sort that needs a place or words we could not read falls back to the natural
        # order; the form already tells the visitor what was wrong with the place or words.
        if asked == "distance" and not self.place:
            asked = None
        elif asked == "relevance" and not search_terms(self._cleaned("q") or ""):
            asked = None
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
        offers = ClinicTreatment.objects.listed().filter(
            clinic_id=OuterRef("pk"), treatment_id__in=self._ids("treatment", slugs)
        )
        return queryset.filter(Exists(offers))

    def filter_insurance(self, queryset, name, slugs):
        return queryset.filter(self.paying(slugs, self._cleaned("treatment") or ()))

    def paying(self, plan_slugs, treatment_slugs=()) -> Q:
        """Clinics where one of the plans pays: for one of the treatments, when given.

        Without treatments a plan counts when the clinic accepts it. With treatments
        it counts only where it covers one of them (ClinicTreatment.insurance_plans,
        listed offerings only): the clinic takes Medi-Cal, but perhaps not for IV
        infusions. Self-pay is the clinic's own: with treatments, it takes self-pay
        and lists one of them.
        """
        plan_ids = self._ids("insurance", plan_slugs)
        if treatment_slugs:
            offers = ClinicTreatment.objects.listed().filter(
                clinic_id=OuterRef("pk"), treatment_id__in=self._ids("treatment", treatment_slugs)
            )
            pays = Q(Exists(offers.filter(insurance_plans__in=plan_ids)))
            if SELF_PAY in plan_slugs:
                pays |= Q(self_pay=True) & Q(Exists(offers))
            return pays
        pays = Q(
            Exists(
                Clinic.insurance_plans.through.objects.filter(
                    clinic_id=OuterRef("pk"), insuranceplan_id__in=plan_ids
                )
            )
        )
        if SELF_PAY in plan_slugs:
            pays |= Q(self_pay=True)
        return pays

    def filter_language(self, queryset, name, value):
        return queryset.filter(languages__contains=[value])

    def filter_accepting(self, queryset, name, value):
        return queryset.filter(accepting_new_patients=True) if value else queryset

    def filter_open_now(self, queryset, name, value):
        return queryset.open_now(self.moment) if value else queryset

    def filter_queryset(self, queryset, skip=()):
        """Apply every valid filter except those in `skip` (used for facet counts).

        Walks the filters, not the cleaned data: the form also holds `radius` and `sort`.
        """
        cleaned = self.form.cleaned_data
        for name, filter_ in self.filters.items():
            if name not in skip and name in cleaned:
                queryset = filter_.filter(queryset, cleaned[name])
        return queryset

    # --- What the page shows --------------------------------------------------------

    # --- The same filters, answered from the in-process index ---------------------------

    @cached_property
    def text_match(self) -> search_index.TextMatch | None:
        terms = search_terms(self._cleaned("q") or "")
        if not terms:
            return None
        return self.index.text(search_index.match_words(self.index, terms))

    @cached_property
    def nearby(self) -> search_index.Nearby | None:
        if not self.place:
            return None
        return self.index.within(self.place.latitude, self.place.longitude, self.search_radius)

    @cached_property
    def index_sets(self) -> dict[str, np.ndarray]:
        """Each active filter's clinics, as a bitset of the index: the filter_* rules."""
        self.is_valid()
        cleaned, index, sets = self.form.cleaned_data, self.index, {}
        if self.text_match is not None:
            sets["q"] = self.text_match.bits
        if self.nearby is not None:
            sets["near"] = self.nearby.bits
        for name in ("condition", "treatment"):
            if slugs := cleaned.get(name):
                sets[name] = index.with_options(name, self._ids(name, slugs))
        if slugs := cleaned.get("insurance"):
            sets["insurance"] = self.index_paying(slugs, cleaned.get("treatment") or ())
        if cleaned.get("language"):
            sets["language"] = index.speaking(cleaned["language"])
        if cleaned.get("accepting"):
            sets["accepting"] = index.bits(index.accepting)
        if cleaned.get("open_now"):
            sets["open_now"] = index.open_at(self.moment)
        return sets

    def index_paying(self, plan_slugs, treatment_slugs=()) -> np.ndarray:
        """`paying`'s clinics, as a bitset of the index."""
        plan_ids = self._ids("insurance", plan_slugs)
        return self.index.paying(
            plan_ids, self._ids("treatment", treatment_slugs), self_pay=SELF_PAY in plan_slugs
        )

    # --- What the page shows --------------------------------------------------------

    def results(self) -> search_index.Results:
        """The matching clinics, sorted, with everything a result card needs.

        A sequence for Django's Paginator: its length is the count, and a slice reads
        only those clinics (their cards' columns) from the database, in order.
        """
        sort = self.effective_sort
        return search_index.Results(
            self.index,
            search_index.intersect(self.index_sets.values()),
            self._cards,
            nearby=self.nearby if sort == "distance" else None,
            relevance=self.text_match.relevance if sort == "relevance" else None,
        )

    def _cards(self, ids: list[int]) -> list[Clinic]:
        if not ids:
            return []
        # Only the columns a card shows, in no particular order: `ids` has the order.
        cards = (
            Clinic.objects.filter(pk__in=ids)
            .with_card_data(self.moment)
            .only(*CARD_FIELDS)
            .order_by()
        )
        if self.place:
            cards = cards.with_distance(self.place.latitude, self.place.longitude)
        # The card's price is for the treatment searched for, when the clinic offers it.
        cards = cards.with_headline_price(self._cleaned("treatment") or ())
        plans = [slug for slug in self._cleaned("insurance") or () if slug != SELF_PAY]
        if plans:
            cards = cards.with_matching_plans(plans, self._cleaned("treatment") or ())
        by_id = {clinic.pk: clinic for clinic in cards}
        return [by_id[pk] for pk in ids]
