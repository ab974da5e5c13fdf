"""The public search at /clinics/: each filter, combinations, facets, bad input, paging."""

import datetime
import re
from urllib.parse import urlencode

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinics.models import Clinic
from tests.factories import (
    ClinicFactory,
    ClinicTreatmentFactory,
    condition,
    insurance,
    treatment,
)

pytestmark = pytest.mark.django_db

CARD_NAME = re.compile(r'class="clinic-card__name"><a href="[^"]+">([^<]+)</a>')


def result_names(response) -> list[str]:
    assert response.status_code == 200
    return CARD_NAME.findall(response.content.decode())


def search(client, **params):
    return client.get("/clinics/", params)


@pytest.fixture
def clinics():
    """Four listed clinics around Sacramento, one far away and one closed."""
    capitol = ClinicFactory(
        name="Capitol Calm Clinic",
        zip_code="95816",
        city="Sacramento",
        conditions=[condition("ptsd"), condition("depression")],
        insurance_plans=[insurance("aetna")],
        languages=["en", "es"],
        description="Ketamine infusions in a quiet room near McKinley Park.",
    )
    ClinicTreatmentFactory(clinic=capitol, treatment=treatment("iv-infusion"), price_min=450)
    lakeside = ClinicFactory(
        name="Lakeside Renewal Center",
        zip_code="95630",
        city="Folsom",
        conditions=[condition("ptsd")],
        insurance_plans=[insurance("blue-shield")],
        accepting_new_patients=False,
        self_pay=False,
    )
    ClinicTreatmentFactory(clinic=lakeside, treatment=treatment("spravato"), price_min=None)
    orchard = ClinicFactory(
        name="Orchard Mind Clinic",
        zip_code="95616",
        city="Davis",
        conditions=[condition("depression")],
    )
    ClinicTreatmentFactory(clinic=orchard, treatment=treatment("kap"), price_min=300)
    ClinicFactory(
        name="Shasta Peak Clinic",
        zip_code="96001",
        city="Redding",
        conditions=[condition("ptsd")],
    )
    ClinicFactory(
        name="Shuttered Clinic",
        status=Clinic.Status.CLOSED,
        conditions=[condition("ptsd")],
    )
    ClinicFactory(
        name="Paused Clinic",
        status=Clinic.Status.TEMPORARILY_CLOSED,
        zip_code="95816",
        conditions=[condition("ocd")],
    )


ALL_LISTED = [
    "Capitol Calm Clinic",
    "Lakeside Renewal Center",
    "Orchard Mind Clinic",
    "Paused Clinic",
    "Shasta Peak Clinic",
]


# --- Listing ------------------------------------------------------------------


def test_without_filters_lists_every_open_or_paused_clinic_by_name(client, clinics):
    assert result_names(search(client)) == ALL_LISTED


def test_closed_clinics_are_never_in_search(client, clinics):
    assert "Shuttered Clinic" not in result_names(search(client, condition="ptsd"))
    assert "Shuttered Clinic" not in result_names(search(client, q="shuttered"))


def test_temporarily_closed_clinic_is_listed_with_a_badge(client, clinics):
    response = search(client, condition="ocd")
    assert result_names(response) == ["Paused Clinic"]
    assert "Temporarily closed" in response.content.decode()


def test_result_card_shows_city_conditions_treatments_price_and_sample_marker(client, clinics):
    page = search(client, q="Capitol").content.decode()
    for text in ["Sacramento", "PTSD", "Depression", "IV infusion", "from $450", "Sample data"]:
        assert text in page
    assert "Taking new patients" in page


# --- Filters one by one ---------------------------------------------------------


def test_condition_filter(client, clinics):
    assert result_names(search(client, condition="ptsd")) == [
        "Capitol Calm Clinic",
        "Lakeside Renewal Center",
        "Shasta Peak Clinic",
    ]


def test_several_conditions_match_any_of_them(client, clinics):
    names = result_names(client.get("/clinics/?condition=ocd&condition=depression"))
    assert names == ["Capitol Calm Clinic", "Orchard Mind Clinic", "Paused Clinic"]


def test_near_zip_keeps_clinics_within_25_miles_nearest_first(client, clinics):
    response = search(client, near="95816")
    # East Sacramento, Davis (~14 mi), Folsom (~18 mi); Redding is ~150 mi away.
    assert result_names(response) == [
        "Capitol Calm Clinic",
        "Paused Clinic",
        "Orchard Mind Clinic",
        "Lakeside Renewal Center",
    ]
    page = response.content.decode()
    assert "within 25 miles of 95816" in page
    assert re.search(r"1[3-5]\.\d mi", page)  # Davis
    assert "under 0.1 mi" in page


def test_near_city_name_uses_the_city_centre(client, clinics):
    names = result_names(search(client, near="Folsom", radius="5"))
    assert names == ["Lakeside Renewal Center"]


def test_radius_narrows_the_search(client, clinics):
    names = result_names(search(client, near="95816", radius="15"))
    assert "Lakeside Renewal Center" not in names
    assert "Orchard Mind Clinic" in names


def test_radius_100_reaches_further(client, clinics):
    assert "Shasta Peak Clinic" not in result_names(search(client, near="95816", radius="100"))
    assert "Shasta Peak Clinic" in result_names(search(client, near="96001", radius="1"))


def test_treatment_filter(client, clinics):
    assert result_names(search(client, treatment="spravato")) == ["Lakeside Renewal Center"]


def test_insurance_filter(client, clinics):
    assert result_names(search(client, insurance="aetna")) == ["Capitol Calm Clinic"]


def test_insurance_self_pay_option(client, clinics):
    names = result_names(search(client, insurance="self-pay"))
    assert "Lakeside Renewal Center" not in names
    assert "Capitol Calm Clinic" in names


def test_accepting_filter(client, clinics):
    names = result_names(search(client, accepting="1"))
    assert "Lakeside Renewal Center" not in names
    assert "Capitol Calm Clinic" in names


def test_accepting_zero_means_no_filter(client, clinics):
    assert result_names(search(client, accepting="0")) == ALL_LISTED


def test_language_filter(client, clinics):
    assert result_names(search(client, language="es")) == ["Capitol Calm Clinic"]


def test_open_now_filter(client, clinics):
    capitol = Clinic.objects.get(name="Capitol Calm Clinic")
    weekday = timezone.localtime().weekday()
    capitol.opening_hours.create(
        weekday=weekday, opens=datetime.time(0, 0), closes=datetime.time(23, 59)
    )
    response = search(client, open_now="on")
    assert result_names(response) == ["Capitol Calm Clinic"]
    assert "Open now" in response.content.decode()


# --- Text search --------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("sacremento", "Capitol Calm Clinic"),  # city, misspelt
        ("ketamin", "Capitol Calm Clinic"),  # description, missing letter
        ("lakesid renewl", "Lakeside Renewal Center"),  # name, two typos
        ("spravato", "Lakeside Renewal Center"),  # treatment
        ("davis", "Orchard Mind Clinic"),
    ],
)
def test_text_search_tolerates_typos(client, clinics, words, expected):
    assert expected in result_names(search(client, q=words))


def test_text_search_matches_conditions_by_name(client, clinics):
    names = result_names(search(client, q="ptsd"))
    assert "Lakeside Renewal Center" in names
    assert "Orchard Mind Clinic" not in names


def test_every_search_word_must_match(client, clinics):
    assert result_names(search(client, q="davis spravato")) == []


def test_text_search_sorts_best_match_first(client, clinics):
    ClinicFactory(name="Aardvark Clinic", description="Next to the old orchard on the river.")
    names = result_names(search(client, q="orchard"))
    assert names == ["Orchard Mind Clinic", "Aardvark Clinic"]


def test_text_search_of_only_filler_words_says_so(client, clinics):
    response = search(client, q="a of")
    assert "Type at least one word of two or more letters" in response.content.decode()
    assert result_names(response) == ALL_LISTED


# --- Combined -----------------------------------------------------------------


def test_condition_near_and_insurance_combined(client, clinics):
    names = result_names(
        search(client, condition="ptsd", near="95816", radius="25", insurance="aetna")
    )
    assert names == ["Capitol Calm Clinic"]


def test_condition_near_and_accepting_combined(client, clinics):
    names = result_names(search(client, condition="ptsd", near="95816", accepting="1"))
    assert names == ["Capitol Calm Clinic"]


def test_sort_by_name_overrides_distance(client, clinics):
    names = result_names(search(client, near="95816", sort="name"))
    assert names == sorted(names)
    assert "Lakeside Renewal Center" in names


# --- Facets -------------------------------------------------------------------


def facet_count(response, name, value) -> int:
    page = response.content.decode()
    # The label may mark up abbreviations (<abbr>), so skip to the count after the input.
    match = re.search(rf'id="{name}-{value}"[^>]*>.*?<span class="facet-count">\((\d+)', page, re.S)
    assert match, f"no facet {name}={value}"
    return int(match.group(1))


def test_facet_counts_reflect_the_other_active_filters(client, clinics):
    response = search(client, condition="ptsd", near="95816")
    # Condition counts ignore the condition filter itself but respect "near".
    assert facet_count(response, "condition", "ptsd") == 2
    assert facet_count(response, "condition", "depression") == 2
    assert facet_count(response, "condition", "ocd") == 1
    # Insurance and treatment counts respect both condition and near.
    assert facet_count(response, "insurance", "aetna") == 1
    assert facet_count(response, "insurance", "blue-shield") == 1
    assert facet_count(response, "insurance", "medi-cal") == 0
    assert facet_count(response, "insurance", "self-pay") == 1
    assert facet_count(response, "treatment", "spravato") == 1
    assert facet_count(response, "treatment", "kap") == 0


def test_ticked_facet_options_stay_ticked(client, clinics):
    page = client.get("/clinics/?insurance=aetna&insurance=self-pay").content.decode()
    assert re.search(r'value="aetna" id="insurance-aetna" checked', page)
    assert re.search(r'value="self-pay" id="insurance-self-pay" checked', page)


# --- Bad input ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"near": "99999"}, "We couldn&#x27;t find “99999”"),
        ({"near": "Gotham"}, "We couldn&#x27;t find “Gotham”"),
        ({"near": "95816", "radius": "0"}, "Choose a distance from 1 to 100 miles."),
        ({"near": "95816", "radius": "500"}, "Choose a distance from 1 to 100 miles."),
        ({"radius": "ten"}, "Enter the distance as a whole number of miles"),
        ({"condition": "flu"}, "We don&#x27;t list a condition called “flu”."),
        ({"treatment": "pills"}, "We don&#x27;t list a treatment called “pills”."),
        ({"insurance": "acme"}, "We don&#x27;t list an insurance plan called “acme”."),
        ({"language": "xx"}, "We don&#x27;t list a language called “xx”."),
        ({"sort": "price"}, "Choose one of the sort orders listed."),
        ({"sort": "distance"}, "To sort by distance, enter a ZIP code or city."),
        ({"sort": "relevance"}, "To sort by best match, type some search words."),
        ({"q": "x" * 201}, "at most 200 characters"),
        ({"q": "null\x00byte"}, "Null characters are not allowed."),
    ],
)
def test_bad_input_gets_a_message_next_to_the_field_and_a_normal_page(
    client, clinics, params, message
):
    response = search(client, **params)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'class="errorlist"' in page
    assert "Part of your search couldn" in page


def test_bad_value_keeps_what_was_typed_and_the_other_filters(client, clinics):
    response = search(client, near="Gotham", condition="ptsd", q="clinic calm")
    page = response.content.decode()
    assert 'value="Gotham"' in page
    assert 'value="clinic calm"' in page
    assert result_names(response) == ["Capitol Calm Clinic"]


def test_junk_parameters_are_ignored(client, clinics):
    response = client.get("/clinics/?utm_source=x&foo=bar&condition=ptsd&%00=%00")
    assert response.status_code == 200
    assert "Part of your search couldn" not in response.content.decode()
    assert len(result_names(response)) == 3


@pytest.mark.parametrize("page", ["99", "abc", "0", "-3", "1e9", "99999999999999999999999"])
def test_page_past_the_end_or_invalid_shows_a_real_page_and_a_message(client, clinics, page):
    response = search(client, page=page)
    assert response.status_code == 200
    assert result_names(response) == ALL_LISTED
    assert 'class="notice" role="status"' in response.content.decode()


# --- No results and paging ------------------------------------------------------


def test_no_results_offers_to_widen_the_radius_and_drop_each_filter(client, clinics):
    response = search(client, condition="ptsd", near="95816", radius="10", treatment="kap")
    page = response.content.decode()
    assert result_names(response) == []
    assert "No clinics match all of your choices." in page
    assert "Search within 50 miles of 95816" in page
    assert "radius=50" in page
    assert "Remove “PTSD”" in page
    assert "Remove “Ketamine-assisted psychotherapy (KAP)”" in page
    assert "Search everywhere, not only near 95816" in page


def test_drop_filter_link_leads_to_results(client, clinics):
    response = search(client, condition="ptsd", treatment="kap")
    link = re.search(r'href="(/clinics/\?[^"]*)">Remove “PTSD”', response.content.decode())
    assert link
    assert result_names(client.get(link.group(1).replace("&amp;", "&"))) == ["Orchard Mind Clinic"]


def test_pagination_shows_20_a_page_and_keeps_the_other_parameters(client):
    for n in range(23):
        ClinicFactory(name=f"Clinic {n:02d}", conditions=[condition("anxiety")])
    first = search(client, condition="anxiety")
    assert len(result_names(first)) == 20
    page = first.content.decode()
    assert "Page 1 of 2" in page
    assert "?condition=anxiety&amp;page=2" in page
    second = search(client, condition="anxiety", page="2")
    assert result_names(second) == ["Clinic 20", "Clinic 21", "Clinic 22"]


# --- Never a 5xx ----------------------------------------------------------------

PARAM_NAMES = [
    "condition",
    "near",
    "radius",
    "treatment",
    "insurance",
    "accepting",
    "language",
    "open_now",
    "q",
    "sort",
    "page",
]
any_text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40)
values = st.one_of(
    any_text,
    st.sampled_from(
        ["ptsd", "95816", "Folsom", "Gotham", "1", "100", "101", "-1", "aetna", "self-pay"]
        + ["distance", "relevance", "name", "a of"]
    ),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    params=st.lists(
        st.tuples(st.one_of(st.sampled_from(PARAM_NAMES), any_text), values), max_size=8
    )
)
def test_random_query_strings_never_give_a_server_error(client, params):
    response = client.get("/clinics/?" + urlencode(params))
    assert response.status_code == 200


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.text(alphabet="%&=?+;#abcdeinqrstuwx0123456789 \x00", max_size=60))
def test_raw_malformed_query_strings_never_give_a_server_error(client, raw):
    response = client.get("/clinics/?" + raw)
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["near=Gotham&sort=distance", "q=a+of&sort=relevance", "near=00000&q=%21&sort=distance"],
)
def test_sort_needing_an_unreadable_place_or_words_falls_back_with_a_message(client, query):
    """The place or words get their own message; the page still lists clinics."""
    response = client.get("/clinics/?" + query)
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()


@pytest.mark.django_db
def test_invalid_radius_is_shown_back_as_typed(client):
    """A number box would blank 'abc'; the visitor must see what they typed."""
    response = client.get("/clinics/?near=95816&radius=abc")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="abc"' in body
    assert "whole number of miles" in body
