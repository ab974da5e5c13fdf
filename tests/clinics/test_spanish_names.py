"""Spanish pages name conditions, treatments and plans in Spanish where a Spanish name is
filled in (names are labels: no medical review needed), and in English otherwise."""

import pytest
from django.utils import translation

from tests.factories import ClinicFactory, ClinicTreatmentFactory, condition, insurance, treatment

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinic():
    clinic = ClinicFactory(
        name="Bilingual Clinic",
        conditions=[condition("ptsd")],
        insurance_plans=[insurance("medi-cal")],
    )
    ClinicTreatmentFactory(clinic=clinic, treatment=treatment("im-injection"))
    return clinic


def test_display_name_is_spanish_on_spanish_pages_only():
    ptsd = condition("ptsd")
    with translation.override("es"):
        assert ptsd.display_name == "Estrés postraumático (TEPT)"
    with translation.override("en"):
        assert ptsd.display_name == "PTSD"


def test_a_plan_without_a_spanish_name_keeps_its_name():
    with translation.override("es"):
        assert insurance("medi-cal").display_name == "Medi-Cal"


def test_spanish_clinic_page_names_conditions_and_treatments_in_spanish(client, clinic):
    with translation.override("es"):
        url = clinic.get_absolute_url()
    content = client.get(url).content.decode()
    assert ">Estrés postraumático (TEPT)</a>" in content
    assert "Inyección intramuscular" in content
    assert "Medi-Cal" in content


def test_spanish_search_cards_name_conditions_and_treatments_in_spanish(client, clinic):
    content = client.get("/es/clinics/").content.decode()
    assert "Estrés postraumático (TEPT)" in content
    assert "Inyección intramuscular" in content


def test_english_search_cards_keep_the_english_names(client, clinic):
    content = client.get("/clinics/").content.decode()
    assert "Estrés postraumático" not in content
    assert "IM injection" in content or "IM</abbr> injection" in content
