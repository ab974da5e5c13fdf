"""The search index answers every search exactly as the SQL filters define it.

`clinics.filters`' filter_* methods define which clinics each filter keeps; the page is
served from `clinics.search_index`. Here both answer the same searches over varied
clinics (generate_clinics' synthetic data plus ties and near-misses) and must agree on
the matches, their order, every page of them and the facet counts.
"""

import datetime

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinics import search_index
from clinics.filters import SELF_PAY, ClinicFilter
from clinics.models import Clinic, ClinicTreatment
from clinics.search import FACETS, facet_counts
from tests.factories import (
    ClinicFactory,
    ClinicTreatmentFactory,
    condition,
    insurance,
    treatment,
)

pytestmark = pytest.mark.django_db

# How ClinicFilter ordered its SQL results before the index answered them.
SQL_ORDER = {
    "distance": ["distance_miles", "name", "pk"],
    "relevance": ["-relevance", "name", "pk"],
    "name": ["name", "pk"],
}
TUESDAY_10_30_PACIFIC = datetime.datetime(2026, 11, 24, 18, 30, tzinfo=datetime.UTC)
WORDS = [
    "ketamine",
    "sacremento",
    "davis depression",
    "ptsd",
    "synthetic 00012",
    "spravato infusion",
    "twin",
    "roseville anxiety",
    "quiet",
    "zzzz",
]


@pytest.fixture
def directory():
    """Synthetic clinics around Sacramento, plus twins (same place, same name) and towns."""
    call_command("generate_clinics", count=90, seed=11, verbosity=0)
    for _ in range(3):
        twin = ClinicFactory(
            name="Twin Oaks Clinic",
            zip_code="95816",
            city="Sacramento",
            conditions=[condition("ptsd"), condition("depression")],
            languages=["en", "es"],
        )
        ClinicTreatmentFactory(clinic=twin, treatment=treatment("spravato"), rems_certified=True)
    ClinicFactory(name="Quiet Room Ketamine", city="Davis", zip_code="95616", description="Quiet.")
    ClinicFactory(name="Closed Twin Oaks", status=Clinic.Status.CLOSED, zip_code="95816")
    cover_some_offerings()


def cover_some_offerings():
    """Per-treatment coverage that differs from the clinic's plans: each offering is
    covered by some of its clinic's plans, and now and then by one the clinic does not
    list at all, so "accepts the plan" and "the plan covers it" often disagree."""
    accepted = {}
    for clinic_id, plan_id in Clinic.insurance_plans.through.objects.values_list(
        "clinic_id", "insuranceplan_id"
    ):
        accepted.setdefault(clinic_id, []).append(plan_id)
    aetna = insurance("aetna").pk
    covered = ClinicTreatment.insurance_plans.through
    rows = []
    for offering_id, clinic_id in ClinicTreatment.objects.values_list("pk", "clinic_id"):
        plans = {p for p in accepted.get(clinic_id, []) if (offering_id + p) % 3}
        if offering_id % 7 == 0:
            plans.add(aetna)
        rows += [covered(clinictreatment_id=offering_id, insuranceplan_id=p) for p in plans]
    covered.objects.all().delete()
    covered.objects.bulk_create(rows)


def bound(params: dict) -> ClinicFilter:
    data = QueryDict(mutable=True)
    for key, value in params.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    return ClinicFilter(data, moment=TUESDAY_10_30_PACIFIC)


def sql_ids(search: ClinicFilter) -> list[int]:
    ordered = search.qs.order_by(*SQL_ORDER[search.effective_sort])
    return list(ordered.values_list("pk", flat=True))


def index_ids(search: ClinicFilter, start: int = 0, stop: int | None = None) -> list[int]:
    results = search.results()
    return [clinic.pk for clinic in results[start : len(results) if stop is None else stop]]


def sql_facet_counts(search: ClinicFilter) -> dict[str, dict[str, int]]:
    """Counted from the link tables, as the facet counts were before the index; under
    chosen plans or treatments, the other facet by ClinicFilter.paying (coverage)."""
    cleaned = search.form.cleaned_data
    treatments, plans = cleaned.get("treatment") or [], cleaned.get("insurance") or []
    links = {
        "condition": (Clinic.conditions.through.objects.all(), "condition__slug"),
        # Hidden offerings are never counted.
        "treatment": (ClinicTreatment.objects.listed(), "treatment__slug"),
        "insurance": (Clinic.insurance_plans.through.objects.all(), "insuranceplan__slug"),
    }
    counts = {}
    for name in FACETS:
        skip = {name} if search.form.cleaned_data.get(name) else set()
        matching = search.filter_queryset(search.queryset.all(), skip=skip)
        rows, slug = links[name]
        grouped = (
            rows.filter(clinic__in=matching.values("pk"))
            .order_by()
            .values_list(slug)
            .annotate(n=Count("clinic", distinct=True))
        )
        counts[name] = dict(grouped)
        if name == "insurance":
            counts[name][SELF_PAY] = matching.filter(self_pay=True).count()
        if name == "treatment" and plans:
            options = search.filters["treatment"].extra["choices"]
            rest = search.filter_queryset(search.queryset.all(), skip={"treatment", "insurance"})
            paying = {
                slug: rest.filter(search.paying(plans, [slug])).count() for slug, _ in options
            }
            counts[name] = {slug: n for slug, n in paying.items() if n}
        if name == "insurance" and treatments:
            options = search.filters["insurance"].extra["choices"]
            rest = search.filter_queryset(search.queryset.all(), skip={"treatment", "insurance"})
            paying = {
                slug: rest.filter(search.paying([slug], treatments)).count() for slug, _ in options
            }
            counts[name] = {slug: n for slug, n in paying.items() if n or slug == SELF_PAY}
    return counts


searches = st.fixed_dictionaries(
    {},
    optional={
        "q": st.sampled_from(WORDS),
        "near": st.sampled_from(["95816", "95630", "Davis", "95240", "96001"]),
        "radius": st.sampled_from(["3", "10", "25", "60"]),
        "condition": st.lists(
            st.sampled_from(["ptsd", "depression", "ocd", "anxiety"]), max_size=2
        ),
        "treatment": st.lists(st.sampled_from(["spravato", "kap", "iv-infusion"]), max_size=2),
        "insurance": st.lists(st.sampled_from(["aetna", "medi-cal", SELF_PAY]), max_size=2),
        "language": st.sampled_from(["es", "zh", "ru"]),
        "accepting": st.just("1"),
        "open_now": st.just("1"),
        "sort": st.sampled_from(["name", "distance", "relevance"]),
    },
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=searches)
def test_index_finds_and_orders_what_the_sql_filters_do(directory, params):
    search = bound(params)
    assert index_ids(search) == sql_ids(search)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=searches)
def test_index_facet_counts_are_the_sql_counts(directory, params):
    search = bound(params)
    assert facet_counts(search) == sql_facet_counts(search)


@pytest.mark.parametrize(
    "params",
    [
        {"treatment": "iv-infusion", "insurance": "aetna"},
        {"treatment": ["spravato", "kap"], "insurance": ["medi-cal", SELF_PAY]},
        {"treatment": "kap", "insurance": SELF_PAY, "near": "95816"},
        {"insurance": ["aetna", "medi-cal"], "condition": "ptsd"},
    ],
)
def test_coverage_searches_and_counts_are_the_sql_ones(directory, params):
    """Plans with treatments match by coverage; the random searches meet this less often."""
    search = bound(params)
    assert index_ids(search) == sql_ids(search)
    assert facet_counts(search) == sql_facet_counts(search)


@pytest.mark.parametrize(
    "params",
    [
        {"near": "95816", "radius": "60"},
        {"near": "95816", "radius": "60", "condition": "ptsd"},
        {"q": "ketamine"},
        {"q": "sacramento"},
        {"q": "synthetic depression"},
        {},
    ],
)
def test_every_page_of_results_is_the_same_slice_as_in_sql(directory, params):
    """Pages further down must line up too (distance pages are cut from a narrow band)."""
    search = bound(params)
    expected = sql_ids(search)
    assert len(expected) > 20
    for start in range(0, len(expected), 20):
        assert index_ids(search, start, start + 20) == expected[start : start + 20]


@pytest.mark.parametrize("word", ["obsesivo", "psicoterapia"])
def test_a_word_of_a_spanish_name_finds_clinics_in_sql_and_index_alike(directory, word):
    """No filter word covers these, so they match as text: the Spanish names of OCD and
    of ketamine-assisted psychotherapy."""
    search = bound({"q": word})
    found = index_ids(search)
    assert found
    assert found == sql_ids(search)


def test_shown_distances_are_the_sql_distances(directory):
    search = bound({"near": "95816", "radius": "25"})
    expected = dict(search.qs.values_list("pk", "distance_miles"))
    for clinic in search.results()[0:20]:
        assert clinic.distance_miles == expected[clinic.pk]


def test_a_write_is_searchable_at_once(client, directory):
    assert "Brand New Clinic" not in client.get("/clinics/?q=brand").content.decode()
    ClinicFactory(name="Brand New Clinic")
    assert "Brand New Clinic" in client.get("/clinics/?q=brand").content.decode()


def test_closing_a_clinic_drops_it_from_the_index(client, directory):
    twin = Clinic.objects.filter(name="Twin Oaks Clinic").first()
    before = search_index.current()
    Clinic.objects.filter(pk=twin.pk).update(status=Clinic.Status.CLOSED)
    after = search_index.current()
    assert after.version != before.version
    assert twin.pk in before.ids.tolist()
    assert twin.pk not in after.ids.tolist()


def test_index_is_reused_while_nothing_changes(directory, django_assert_num_queries):
    index = search_index.current()
    with django_assert_num_queries(1):
        assert search_index.current() is index


@pytest.mark.django_db
def test_index_sql_finds_the_same_clinics_as_the_listed_queryset():
    """The index's raw SQL and Clinic.objects.listed() agree on which clinics are findable."""
    from django.db import connection

    from clinics.models import Clinic
    from clinics.search_index import FINDABLE_SQL

    for status in ("listed", "temporarily_closed", "closed", "draft"):
        ClinicFactory(status=status)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM clinics_clinic WHERE {FINDABLE_SQL}")  # noqa: S608
        from_sql = {row[0] for row in cursor.fetchall()}
    assert from_sql == set(Clinic.objects.listed().values_list("pk", flat=True))
