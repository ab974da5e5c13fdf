"""Condition pages: summary, the clinics treating it, nearest first, link into search."""

import re

import pytest

from clinics.models import Clinic
from tests.factories import ClinicFactory, condition

pytestmark = pytest.mark.django_db

CARD_NAME = re.compile(r'class="clinic-card__name"><a href="[^"]+">([^<]+)</a>')


@pytest.fixture
def clinics():
    ptsd = [condition("ptsd")]
    ClinicFactory(name="Alder Clinic", zip_code="95630", city="Folsom", conditions=ptsd)
    ClinicFactory(name="Birch Clinic", zip_code="95816", conditions=ptsd)
    ClinicFactory(name="Cedar Clinic", zip_code="96001", city="Redding", conditions=ptsd)
    ClinicFactory(name="Closed Clinic", status=Clinic.Status.CLOSED, conditions=ptsd)
    ClinicFactory(name="Other Clinic", conditions=[condition("ocd")])


def names(response):
    assert response.status_code == 200
    return CARD_NAME.findall(response.content.decode())


def test_condition_page_shows_summary_and_listed_clinics_treating_it(client, clinics):
    response = client.get("/conditions/ptsd/")
    page = response.content.decode()
    assert "<h1>PTSD</h1>" in page
    assert "Post-traumatic stress disorder" in page
    assert names(response) == ["Alder Clinic", "Birch Clinic", "Cedar Clinic"]


def test_nearest_first_when_near_is_given(client, clinics):
    response = client.get("/conditions/ptsd/", {"near": "95816"})
    assert names(response) == ["Birch Clinic", "Alder Clinic", "Cedar Clinic"]
    page = response.content.decode()
    assert "nearest to 95816 first" in page
    assert "under 0.1 mi" in page


def test_unknown_near_gets_a_message_and_the_normal_list(client, clinics):
    response = client.get("/conditions/ptsd/", {"near": "Narnia"})
    assert "We couldn&#x27;t find “Narnia”" in response.content.decode()
    assert names(response) == ["Alder Clinic", "Birch Clinic", "Cedar Clinic"]


def test_links_into_the_filtered_search(client, clinics):
    page = client.get("/conditions/ptsd/", {"near": "Folsom"}).content.decode()
    assert 'href="/clinics/?condition=ptsd&amp;near=Folsom"' in page


def test_condition_without_clinics_says_so(client):
    page = client.get("/conditions/chronic-pain/").content.decode()
    assert "No clinic in the directory lists Chronic pain yet." in page


def test_unknown_condition_is_404(client):
    assert client.get("/conditions/no-such-thing/").status_code == 404


def test_shows_at_most_twenty_clinics_and_the_total(client):
    for n in range(23):
        ClinicFactory(name=f"Clinic {n:02d}", conditions=[condition("anxiety")])
    response = client.get("/conditions/anxiety/")
    assert len(names(response)) == 20
    assert "23 clinics treat Anxiety" in response.content.decode()
