"""The condition page counts and orders its clinics from the search index, as SQL would."""

import pytest
from django.core.management import call_command

from clinics.models import Clinic
from clinics.views import CONDITION_PAGE_CLINICS
from tests.factories import ClinicFactory, condition

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    call_command("generate_clinics", count=60, seed=5, verbosity=0)
    nowhere = ClinicFactory(name="Aaa No Coordinates", conditions=[condition("ptsd")])
    Clinic.objects.filter(pk=nowhere.pk).update(latitude=None, longitude=None)


def shown(client, url) -> list[str]:
    return [clinic.name for clinic in client.get(url).context["clinics"]]


def test_clinics_are_in_name_order_without_a_place(client, directory):
    expected = Clinic.objects.listed().filter(conditions__slug="ptsd").order_by("name", "pk")
    names = list(expected.values_list("name", flat=True)[:CONDITION_PAGE_CLINICS])
    assert shown(client, "/conditions/ptsd/") == names


def test_clinics_are_nearest_first_as_in_sql(client, directory):
    clinics = Clinic.objects.listed().filter(conditions__slug="ptsd")
    response = client.get("/conditions/ptsd/?near=95816")
    place = response.context["place"]
    expected = clinics.with_distance(place.latitude, place.longitude).order_by(
        "distance_miles", "name", "pk"
    )
    names = list(expected.values_list("name", flat=True))
    assert [clinic.name for clinic in response.context["clinics"]] == names[:CONDITION_PAGE_CLINICS]
    assert names[-1] == "Aaa No Coordinates"


def test_a_clinic_without_coordinates_is_shown_after_the_placed_ones(client):
    nowhere = ClinicFactory(name="Aaa No Coordinates", conditions=[condition("ptsd")])
    Clinic.objects.filter(pk=nowhere.pk).update(latitude=None, longitude=None)
    ClinicFactory(name="Zed Placed", conditions=[condition("ptsd")])
    assert shown(client, "/conditions/ptsd/?near=95816") == ["Zed Placed", "Aaa No Coordinates"]


def test_the_count_is_every_listed_clinic_treating_it(client, directory):
    total = Clinic.objects.listed().filter(conditions__slug="ptsd").count()
    assert client.get("/conditions/ptsd/").context["total"] == total
