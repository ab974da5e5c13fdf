"""Draft clinics (imported, awaiting review) appear nowhere public until they are listed."""

import pytest
from django.urls import reverse

from clinics.models import Clinic
from tests.factories import ClinicFactory, ClinicTreatmentFactory, condition

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    clinic = ClinicFactory(
        name="Zephyr Draft Clinic",
        slug="zephyr-draft-clinic",
        status=Clinic.Status.DRAFT,
        conditions=[condition("ocd")],
    )
    ClinicTreatmentFactory(clinic=clinic)
    return clinic


def test_a_draft_has_no_public_page(client, draft):
    assert client.get("/clinics/zephyr-draft-clinic/").status_code == 404


def test_a_draft_cannot_be_reported(client, draft):
    assert client.get("/clinics/zephyr-draft-clinic/report/").status_code == 404


def test_a_draft_is_not_found_by_search(client, draft):
    body = client.get("/clinics/?q=zephyr").content.decode()
    assert "Zephyr Draft Clinic" not in body
    assert "Zephyr Draft Clinic" not in client.get("/clinics/?condition=ocd").content.decode()


def test_a_draft_is_not_on_its_conditions_page(client, draft):
    body = client.get(reverse("clinics:condition_detail", args=["ocd"])).content.decode()
    assert "Zephyr Draft Clinic" not in body


def test_a_draft_is_not_in_the_sitemap(client, draft):
    assert "zephyr-draft-clinic" not in client.get("/sitemap.xml").content.decode()


def test_listed_and_published_leave_drafts_out():
    draft = ClinicFactory(status=Clinic.Status.DRAFT)
    closed = ClinicFactory(status=Clinic.Status.CLOSED)
    assert draft not in Clinic.objects.published()
    assert closed in Clinic.objects.published()
    assert draft not in Clinic.objects.listed()
    assert closed not in Clinic.objects.listed()


def test_listing_a_draft_publishes_it(client, draft):
    draft.status = Clinic.Status.LISTED
    draft.save()
    assert client.get("/clinics/zephyr-draft-clinic/").status_code == 200
    assert "Zephyr Draft Clinic" in client.get("/clinics/?q=zephyr").content.decode()
