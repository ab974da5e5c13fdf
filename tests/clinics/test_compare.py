"""Comparing up to three clinics side by side at /clinics/compare/?c=…&c=…"""

import datetime
import html
import re

import pytest

from clinics.models import Clinic, OpeningHours
from tests.factories import (
    ClinicFactory,
    ClinicTreatmentFactory,
    OpeningHoursFactory,
    condition,
    insurance,
    treatment,
)

pytestmark = pytest.mark.django_db

# The clinics, then their conditions, insurance plans, weekly hours, upcoming special
# hours, treatments and each treatment's plans: however many clinics are compared.
COMPARE_QUERIES = 7


def make(slug: str, **fields) -> Clinic:
    clinic = ClinicFactory(
        name=fields.pop("name", slug.replace("-", " ").title()),
        slug=slug,
        conditions=[condition("ptsd")],
        insurance_plans=[insurance("aetna")],
        **fields,
    )
    offer = ClinicTreatmentFactory(clinic=clinic, treatment=treatment("iv-infusion"), price_min=450)
    offer.insurance_plans.add(insurance("aetna"))
    OpeningHoursFactory(clinic=clinic, weekday=OpeningHours.Weekday.MONDAY)
    return clinic


def columns(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(
        r'<th scope="col">\s*<a href="/clinics/[^"]+/">([^<]+)</a>', response.content.decode()
    )


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_compares_the_chosen_clinics_by_name(client):
    make("alder", name="Zinnia Clinic"), make("birch"), make("cedar")
    response = client.get("/clinics/compare/?c=cedar&c=alder")
    assert columns(response) == ["Cedar", "Zinnia Clinic"]


def test_shows_prices_coverage_hours_languages_and_checked_date(client):
    make("alder", languages=["en", "es"], last_verified_on=datetime.date(2026, 2, 3))
    page = text(client.get("/clinics/compare/?c=alder"))
    assert "$450–$600 a session" in page
    assert "IV infusion: Aetna" in page  # which plans cover which treatment
    assert "Monday: 9:00 AM–5:00 PM" in page
    assert "English, Spanish" in page
    assert 'Checked by the directory on <time datetime="2026-02-03">' in page


def test_each_clinic_has_a_call_button(client):
    make("alder", phone="916-555-0177")
    page = text(client.get("/clinics/compare/?c=alder"))
    assert 'href="tel:+19165550177">Call (916) 555-0177</a>' in page


def test_distances_are_shown_from_the_place_given(client):
    make("alder", zip_code="95630", city="Folsom")
    page = text(client.get("/clinics/compare/?c=alder&near=95816"))
    assert re.search(r"Folsom, \d+\.\d mi away", page)
    assert "with distances from 95816" in page


def test_an_unknown_place_is_said_and_distances_left_out(client):
    make("alder")
    page = text(client.get("/clinics/compare/?c=alder&near=Gotham"))
    assert "We couldn't find “Gotham”, so distances are not shown." in page
    assert "mi away" not in page


def test_more_than_three_shows_the_first_three_and_says_so(client):
    for slug in ("alder", "birch", "cedar", "dogwood"):
        make(slug)
    response = client.get("/clinics/compare/?c=alder&c=birch&c=cedar&c=dogwood")
    assert columns(response) == ["Alder", "Birch", "Cedar"]
    assert "You chose 4 clinics. We compare up to 3 side by side" in text(response)


def test_unknown_slugs_are_named_and_the_rest_compared(client):
    make("alder")
    response = client.get("/clinics/compare/?c=alder&c=no-such-clinic&c=%3Cscript%3E")
    assert columns(response) == ["Alder"]
    assert "We couldn't find a clinic at “no-such-clinic”" in text(response)
    # What was typed is shown escaped, never as markup.
    assert "<script>" not in response.content.decode()


def test_drafts_are_never_compared(client):
    make("draft-clinic", status=Clinic.Status.DRAFT)
    response = client.get("/clinics/compare/?c=draft-clinic")
    assert columns(response) == []
    assert "We couldn't find a clinic at “draft-clinic”" in text(response)


def test_a_closed_clinic_says_it_has_closed(client):
    make("alder", status=Clinic.Status.CLOSED)
    assert "This clinic has closed." in text(client.get("/clinics/compare/?c=alder"))


def test_an_old_address_redirects_to_the_current_one(client):
    clinic = make("old-name")
    clinic.slug = "new-name"
    clinic.save()
    make("birch")
    response = client.get("/clinics/compare/?c=old-name&c=birch&near=95816")
    assert response.status_code == 301
    assert response["Location"] == "/clinics/compare/?c=birch&c=new-name&near=95816"


def test_nothing_chosen_explains_how_to_choose(client):
    page = text(client.get("/clinics/compare/"))
    assert "Tick up to 3 clinics in the search results" in page


def test_a_clinic_can_be_removed_from_the_comparison(client):
    make("alder"), make("birch")
    page = client.get("/clinics/compare/?c=alder&c=birch&near=95816").content.decode()
    assert 'href="/clinics/compare/?c=birch&amp;near=95816">Remove' in page
    assert 'href="/clinics/compare/?c=alder&amp;near=95816">Remove' in page


def test_the_comparison_is_not_for_search_engines(client):
    make("alder")
    assert '<meta name="robots" content="noindex">' in text(client.get("/clinics/compare/?c=alder"))


@pytest.mark.parametrize("count", [1, 3])
def test_queries_do_not_grow_with_the_clinics_compared(client, django_assert_num_queries, count):
    slugs = ["alder", "birch", "cedar"][:count]
    for slug in slugs:
        make(slug)
    query = "&".join(f"c={slug}" for slug in slugs)
    with django_assert_num_queries(COMPARE_QUERIES):
        response = client.get(f"/clinics/compare/?{query}")
    assert len(columns(response)) == count


def test_unknown_slugs_cost_one_query_more(client, django_assert_num_queries):
    make("alder")
    with django_assert_num_queries(COMPARE_QUERIES + 1):
        client.get("/clinics/compare/?c=alder&c=gone")


def test_search_results_tick_boxes_submit_to_the_comparison(client):
    make("alder", zip_code="95816")
    page = client.get("/clinics/?near=95816").content.decode()
    assert '<form id="compare" method="get" action="/clinics/compare/">' in page
    assert '<input type="hidden" name="near" value="95816">' in page
    assert '<button type="submit" form="compare"' in page
