"""Local crisis services: only real, checked numbers, kept by directory admins alone."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from clinics.demo import seed_clinics
from clinics.models import CrisisResource
from tests.factories import (
    ClinicFactory,
    CrisisResourceFactory,
    clinic_staff_user,
    directory_admin_user,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/clinics/crisisresource/"
ADD = "/admin/clinics/crisisresource/add/"


def resource_post_data(**overrides) -> dict:
    data = {
        "name": "Sacramento County Crisis Line",
        "phone": "(916) 555-0250",
        "hours": "24 hours a day, 7 days a week",
        "languages": ["en", "es"],
        "website": "https://crisis.example.org/",
        "is_active": "on",
        "sort_order": "10",
    }
    data.update(overrides)
    return data


# --- The model --------------------------------------------------------------------


@pytest.mark.parametrize("phone", ["988", "not a number", "+44 20 7946 0958"])
def test_phone_must_be_a_us_number(phone):
    with pytest.raises(ValidationError) as error:
        CrisisResourceFactory.build(phone=phone).full_clean()
    assert "phone" in error.value.message_dict


def test_phone_is_stored_in_e164_for_an_exact_tel_link():
    resource = CrisisResourceFactory(phone="(916) 555-0250")
    resource.refresh_from_db()
    assert resource.phone == "+19165550250"
    assert resource.phone_display == "(916) 555-0250"


def test_web_address_must_be_https():
    with pytest.raises(ValidationError) as error:
        CrisisResourceFactory.build(website="http://crisis.example.org/").full_clean()
    assert "website" in error.value.message_dict


def test_database_refuses_a_web_address_that_is_not_https():
    with pytest.raises(IntegrityError):
        CrisisResourceFactory(website="http://crisis.example.org/")


def test_only_active_services_are_shown_in_order():
    CrisisResourceFactory(name="B Line", sort_order=1)
    CrisisResourceFactory(name="A Line", sort_order=2)
    CrisisResourceFactory(name="Paused Line", is_active=False)
    assert [r.name for r in CrisisResource.objects.active()] == ["B Line", "A Line"]


def test_demo_data_ships_no_crisis_services():
    seed_clinics()
    assert not CrisisResource.objects.exists()


# --- The admin ----------------------------------------------------------------------


def test_directory_admin_adds_a_service(client):
    client.force_login(directory_admin_user())
    response = client.post(ADD, resource_post_data())
    assert response.status_code == 302
    resource = CrisisResource.objects.get()
    assert resource.phone == "+19165550250"
    assert resource.languages == ["en", "es"]


def test_add_form_asks_for_verified_real_services_only(client):
    client.force_login(directory_admin_user())
    body = client.get(ADD).content.decode()
    assert "Enter only verified, real services" in body


@pytest.mark.parametrize("url", [CHANGELIST, ADD])
def test_clinic_staff_cannot_see_or_add_services(client, url):
    client.force_login(clinic_staff_user(ClinicFactory()))
    assert client.get(url).status_code == 403


def test_clinic_staff_cannot_change_a_service(client):
    resource = CrisisResourceFactory(name="Kept Line")
    client.force_login(clinic_staff_user(ClinicFactory()))
    response = client.post(f"{CHANGELIST}{resource.pk}/change/", resource_post_data(name="Changed"))
    assert response.status_code == 403
    resource.refresh_from_db()
    assert resource.name == "Kept Line"


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
