"""The number of SQL queries per page does not grow with results or options."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clinics.models import OpeningHours
from tests.factories import (
    ClinicFactory,
    ClinicTreatmentFactory,
    OpeningHoursFactory,
    condition,
    insurance,
    treatment,
)

pytestmark = pytest.mark.django_db

SEARCH = "/clinics/?condition=ptsd&near=95816&radius=25&insurance=aetna&insurance=self-pay&q=query"

# A search once this process's search index is current: the index's version, what the
# search words match, and the page's clinics with everything their cards show.
SEARCH_QUERIES = 3
# With no results there are no cards to read.
SEARCH_QUERIES_EMPTY = 2
# Without search words there is nothing to ask about them.
SEARCH_QUERIES_WITHOUT_WORDS = 2
# After a write, the next search reads the directory into a new index first: the version
# (again, in the build's snapshot), the clinics with their coordinates and flags,
# languages, towns, description stems, opening hours, holiday and special hours, the 3
# facets' links (treatments with each plan's coverage of them) and the 3 option lists.
INDEX_BUILD_QUERIES = 13


def make_clinics(count: int):
    for n in range(count):
        clinic = ClinicFactory(
            name=f"Query Clinic {n:02d}",
            conditions=[condition("ptsd"), condition("anxiety"), condition("ocd")],
            insurance_plans=[insurance("aetna"), insurance("cigna")],
        )
        ClinicTreatmentFactory(clinic=clinic, treatment=treatment("iv-infusion"))
        ClinicTreatmentFactory(clinic=clinic, treatment=treatment("kap"), price_min=200)
        OpeningHoursFactory(clinic=clinic, weekday=OpeningHours.Weekday.MONDAY)
        OpeningHoursFactory(
            clinic=clinic,
            weekday=OpeningHours.Weekday.TUESDAY,
            opens=datetime.time(8),
            closes=datetime.time(12),
        )


def test_search_with_no_results(client, django_assert_num_queries):
    client.get("/clinics/")  # the index is current from here on
    with django_assert_num_queries(SEARCH_QUERIES_EMPTY):
        response = client.get(SEARCH)
    assert "0 clinics" in response.content.decode()


@pytest.mark.parametrize("count", [1, 30])
def test_search_queries_do_not_grow_with_results(client, django_assert_num_queries, count):
    make_clinics(count)
    client.get("/clinics/")
    with django_assert_num_queries(SEARCH_QUERIES):
        response = client.get(SEARCH)
    assert f"{count} clinic" in response.content.decode()


@pytest.mark.parametrize("count", [1, 30])
def test_unfiltered_search_and_open_now_use_the_same_queries(
    client, django_assert_num_queries, count
):
    make_clinics(count)
    client.get("/clinics/")
    monday_10am_pacific = datetime.datetime(2026, 11, 23, 18, 0, tzinfo=datetime.UTC)
    with time_machine.travel(monday_10am_pacific, tick=False):
        with django_assert_num_queries(SEARCH_QUERIES_WITHOUT_WORDS):
            response = client.get("/clinics/?open_now=1&sort=name")
    assert f"{count} clinic" in response.content.decode()
    with django_assert_num_queries(SEARCH_QUERIES_WITHOUT_WORDS):
        client.get("/clinics/?page=2")


@pytest.mark.parametrize("count", [1, 30])
def test_search_after_a_write_rebuilds_the_index_in_fixed_queries(
    client, django_assert_num_queries, count
):
    make_clinics(count)
    with django_assert_num_queries(INDEX_BUILD_QUERIES + SEARCH_QUERIES):
        response = client.get(SEARCH)
    assert f"{count} clinic" in response.content.decode()


def test_clinic_page_queries_are_fixed(client, django_assert_num_queries):
    make_clinics(1)
    from clinics.models import Clinic

    clinic = Clinic.objects.get()
    # The clinic, then conditions, insurance plans, opening hours, upcoming holiday and
    # special hours, treatments and the plans covering each.
    with django_assert_num_queries(7):
        response = client.get(clinic.get_absolute_url())
    assert response.status_code == 200


def test_old_slug_redirect_queries_are_fixed(client, django_assert_num_queries):
    clinic = ClinicFactory(slug="first-name")
    clinic.slug = "second-name"
    clinic.save()
    # Miss on the current slug, then the redirect table (joined to the clinic's slug).
    with django_assert_num_queries(2):
        response = client.get("/clinics/first-name/")
    assert response.status_code == 301


@pytest.mark.parametrize("url", ["/conditions/ptsd/", "/conditions/ptsd/?near=95816"])
def test_condition_page_queries_do_not_grow_with_clinics(client, django_assert_num_queries, url):
    # The condition, the search index's version, the 20 clinics shown with their cards;
    # the related-articles block adds its own fixed queries, so compare 1 with 30.
    make_clinics(1)
    with CaptureQueriesContext(connection) as one_clinic:
        client.get(url)
    assert len(one_clinic) >= 5
    for n in range(1, 30):
        ClinicFactory(name=f"More {n:02d}", conditions=[condition("ptsd")])
    with django_assert_num_queries(len(one_clinic)):
        response = client.get(url)
    assert "30 clinics treat PTSD" in response.content.decode()
