"""The search page's summary: one sentence naming every choice, a remove link for each,
and, in words, each choice that could not be used."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.factories import ClinicFactory, ClinicTreatmentFactory, condition, insurance, treatment

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinics():
    spanish = ClinicFactory(
        name="Laguna Spravato Center",
        zip_code="95758",
        city="Elk Grove",
        languages=["en", "es"],
        conditions=[condition("ptsd")],
        insurance_plans=[insurance("medi-cal")],
    )
    ClinicTreatmentFactory(clinic=spanish, treatment=treatment("spravato"))
    ClinicFactory(name="Midtown Clinic", zip_code="95816", conditions=[condition("ptsd")])


def heading(response) -> str:
    match = re.search(r'<h2 id="results-heading">(.*?)</h2>', response.content.decode(), re.S)
    return html.unescape(match.group(1)).strip()


def remove_links(response) -> dict[str, dict[str, list[str]]]:
    """{choice as shown: the parameters of its remove link}."""
    found = re.findall(
        r'<a class="choice" href="/clinics/\?([^"]*)"><span class="visually-hidden">Remove '
        r"</span>(.*?)<span",
        response.content.decode(),
    )
    return {html.unescape(text): parse_qs(html.unescape(query)) for query, text in found}


def test_summary_names_every_choice_in_one_sentence(client, clinics):
    response = client.get("/clinics/?treatment=spravato&language=es&near=Elk+Grove")
    assert heading(response) == (
        "1 clinic offering Esketamine (Spravato) nasal spray, with staff who speak Spanish, "
        "within 25 miles of Elk Grove, CA"
    )


def test_summary_joins_several_values_of_one_filter_with_or(client, clinics):
    response = client.get(
        "/clinics/?condition=ptsd&condition=ocd&insurance=self-pay&insurance=aetna"
    )
    assert heading(response) == (
        "2 clinics treating PTSD or OCD, taking Aetna or self-pay patients"
    )


def test_summary_without_choices_is_the_count(client, clinics):
    assert heading(client.get("/clinics/")) == "2 clinics"


def test_each_choice_links_to_the_same_search_without_it(client, clinics):
    response = client.get("/clinics/?condition=ptsd&insurance=medi-cal&near=95816&page=1")
    links = remove_links(response)
    assert links["PTSD"] == {"insurance": ["medi-cal"], "near": ["95816"]}
    assert links["Medi-Cal"] == {"condition": ["ptsd"], "near": ["95816"]}
    # The place goes with its radius; the page number never carries over.
    assert links["Within 25 miles of 95816"] == {"condition": ["ptsd"], "insurance": ["medi-cal"]}


def test_removing_one_of_several_values_keeps_the_others(client, clinics):
    links = remove_links(client.get("/clinics/?condition=ptsd&condition=ocd"))
    assert links["OCD"] == {"condition": ["ptsd"]}


def test_removing_the_place_drops_a_distance_sort_and_radius(client, clinics):
    links = remove_links(client.get("/clinics/?near=95816&radius=10&sort=distance&open_now=1"))
    assert links["Within 10 miles of 95816"] == {"open_now": ["1"]}


def test_choices_read_from_search_words_are_removable_too(client, clinics):
    links = remove_links(client.get("/clinics/?q=spravato+elk+grove"))
    assert links["Esketamine (Spravato) nasal spray"] == {"near": ["Elk Grove"]}
    assert set(links) == {"Esketamine (Spravato) nasal spray", "Within 25 miles of Elk Grove, CA"}


def test_filters_control_counts_the_choices(client, clinics):
    page = client.get("/clinics/?condition=ptsd&language=es&near=95816").content.decode()
    assert ">Search and filters (3)</summary>" in page
    # Results come first on a phone: with choices made, the panel starts closed.
    assert '<details class="filters" id="filters">' in page


def test_filters_panel_starts_open_when_nothing_is_chosen(client, clinics):
    page = client.get("/clinics/").content.decode()
    assert '<details class="filters" id="filters" open>' in page


def test_unknown_place_is_said_in_words_and_not_used(client, clinics):
    response = client.get("/clinics/?near=Gotham&condition=ptsd")
    page = html.unescape(response.content.decode())
    assert "We couldn't find “Gotham”, so this is not limited by place." in page
    assert '<a href="#id_near">Change the place</a>' in page
    assert heading(response) == "2 clinics treating PTSD"


def test_unknown_values_are_named_and_the_filter_left_out(client, clinics):
    page = html.unescape(client.get("/clinics/?insurance=acme&treatment=pills").content.decode())
    assert (
        "We don't list an insurance plan called “acme”, so this is not limited by insurance."
        in page
    )
    assert "We don't list a treatment called “pills”, so this is not limited by treatment." in page


def test_radius_out_of_range_says_which_radius_is_used(client, clinics):
    page = html.unescape(client.get("/clinics/?near=95816&radius=500").content.decode())
    assert "“500” is not a distance from 1 to 100 miles, so this uses 25 miles." in page


def test_a_search_with_nothing_wrong_has_no_such_notice(client, clinics):
    page = client.get("/clinics/?near=95816").content.decode()
    assert "ignored-choices" not in page


@pytest.mark.parametrize(
    "url",
    ["/clinics/?condition=ptsd&near=95816", "/clinics/?near=Gotham", "/clinics/?q=spravato"],
)
def test_every_remove_link_leads_to_a_search_without_errors(client, clinics, url):
    for params in remove_links(client.get(url)).values():
        query = "&".join(f"{key}={value}" for key, values in params.items() for value in values)
        page = client.get(f"/clinics/?{query}").content.decode()
        assert "ignored-choices" not in page, query
        assert urlsplit(f"/clinics/?{query}").path == "/clinics/"
