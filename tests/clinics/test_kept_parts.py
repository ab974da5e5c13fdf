"""Result cards and facets keep parts of their HTML (clinics/templatetags/kept_parts.py),
and never show them out of date or from another search."""

import pytest

from clinics.models import Clinic
from tests.factories import ClinicFactory, ClinicTreatmentFactory, condition, treatment

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinic():
    clinic = ClinicFactory(name="Kept Part Clinic", conditions=[condition("ptsd")])
    ClinicTreatmentFactory(clinic=clinic, treatment=treatment("kap"))
    return clinic


@pytest.mark.parametrize("url", ["/clinics/?condition=ptsd", "/conditions/ptsd/"])
def test_an_edit_shows_on_the_next_card(client, clinic, url):
    assert "Kept Part Clinic" in client.get(url).content.decode()
    Clinic.objects.filter(pk=clinic.pk).update(name="Renamed Clinic", phone="+19165550199")
    page = client.get(url).content.decode()
    assert "Renamed Clinic" in page
    assert "Kept Part Clinic" not in page
    assert "tel:+19165550199" in page


def test_a_new_treatment_shows_on_the_next_card(client, clinic):
    client.get("/clinics/?condition=ptsd")
    ClinicTreatmentFactory(clinic=clinic, treatment=treatment("spravato"), rems_certified=True)
    assert 'href="/treatments/spravato/"' in client.get("/clinics/?condition=ptsd").content.decode()


def test_the_search_parts_of_a_card_are_not_kept(client, clinic):
    """The same clinic, found twice: distance and match badges follow each search."""
    near = client.get("/clinics/?condition=ptsd&near=95816").content.decode()
    assert "clinic-card__distance" in near
    plain = client.get("/clinics/?condition=ptsd&treatment=kap").content.decode()
    assert "clinic-card__distance" not in plain
    assert "badge--match" in plain


def test_cards_follow_the_language(client, clinic):
    english = client.get("/clinics/?condition=ptsd").content.decode()
    spanish = client.get("/es/clinics/?condition=ptsd").content.decode()
    assert "Conditions treated" in english
    assert "Conditions treated" not in spanish


def test_facet_ticks_and_counts_follow_each_search(client, clinic):
    ticked = client.get("/clinics/?condition=ptsd").content.decode()
    assert 'value="ptsd" id="condition-ptsd" checked' in ticked
    unticked = client.get("/clinics/").content.decode()
    assert 'value="ptsd" id="condition-ptsd">' in unticked
    ClinicFactory(name="Another", conditions=[condition("ptsd")])
    assert "(2<span" in client.get("/clinics/").content.decode()
