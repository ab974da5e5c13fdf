"""The public "List your clinic / claim this listing" form and its spam defences."""

from __future__ import annotations

import pytest
from django.urls import reverse

from clinics.models import Clinic, ListingRequest
from clinics.services import LISTING_REQUEST_LIMIT
from tests.factories import ClinicFactory, ClinicTreatmentFactory, treatment

pytestmark = pytest.mark.django_db

VISITOR_IP = "198.51.100.23"
FORM_URL = reverse("clinics:listing_request_create")
THANKS_URL = reverse("clinics:listing_request_thanks")


def details(**overrides) -> dict:
    data = {
        "clinic_name": "Willow Ketamine Care",
        "street_address": "12 Example Lane",
        "city": "Sacramento",
        "zip_code": "95816",
        "phone": "(916) 555-0142",
        "website": "https://willow.example.org/",
        "treatments": [str(treatment("iv-infusion").pk), str(treatment("spravato").pk)],
        "contact_name": "Jordan Example",
        "contact_role": "Practice manager",
        "contact_email": "jordan@willow.example.org",
        "contact_phone": "916-555-0143",
        "homepage": "",
    }
    data.update(overrides)
    return data


def send(client, ip=VISITOR_IP, **overrides):
    return client.post(FORM_URL, details(**overrides), REMOTE_ADDR=ip)


# --- The page -------------------------------------------------------------------


def test_form_page_asks_for_the_clinic_and_a_work_contact(client):
    response = client.get(FORM_URL)

    assert response.status_code == 200
    assert "<h1>List your clinic</h1>" in response.content.decode()
    for label in ("Clinic name", "Your work email", "Your work phone", "IV infusion"):
        assert label.lower() in response.content.decode().lower()


def test_form_page_says_not_to_include_health_information(client):
    response = client.get(FORM_URL)

    assert "Please don't include anything about patients or anyone's health." in (
        response.content.decode()
    )


def test_form_page_is_kept_out_of_search_engines(client):
    response = client.get(FORM_URL)

    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_every_public_clinic_page_links_to_claiming_it(client):
    clinic = ClinicFactory(name="Oak Test Clinic")

    response = client.get(clinic.get_absolute_url())

    assert (
        f'<a href="{FORM_URL}?clinic={clinic.slug}">Claim this listing</a>'
        in response.content.decode()
    )


def test_claim_form_shows_the_clinic_and_fills_in_its_details(client):
    clinic = ClinicFactory(name="Oak Test Clinic", phone="+19165550177")
    ClinicTreatmentFactory(clinic=clinic, treatment=treatment("im-injection"))

    response = client.get(FORM_URL, {"clinic": clinic.slug})

    assert "<h1>Claim the listing for Oak Test Clinic</h1>" in response.content.decode()
    form = response.context["form"]
    assert form["clinic_name"].value() == "Oak Test Clinic"
    assert form["phone"].value() == "(916) 555-0177"
    assert form["treatments"].value() == [treatment("im-injection").pk]
    assert f'name="clinic" value="{clinic.slug}"' in response.content.decode()


def test_claiming_an_unknown_or_draft_clinic_is_not_found(client):
    draft = ClinicFactory(status=Clinic.Status.DRAFT)

    assert client.get(FORM_URL, {"clinic": "no-such-clinic"}).status_code == 404
    assert client.get(FORM_URL, {"clinic": draft.slug}).status_code == 404


# --- Sending ----------------------------------------------------------------------


def test_a_request_is_stored_as_new_and_the_sender_thanked(client):
    response = send(client)

    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    stored = ListingRequest.objects.get()
    assert stored.kind == ListingRequest.Kind.NEW
    assert stored.status == ListingRequest.Status.NEW
    assert stored.clinic is None
    assert stored.phone == "+19165550142"
    assert stored.contact_phone == "+19165550143"
    assert set(stored.treatments.values_list("slug", flat=True)) == {"iv-infusion", "spravato"}


def test_a_request_creates_nothing_public(client):
    send(client)

    assert not Clinic.objects.exists()
    response = client.get(reverse("clinics:clinic_list"), {"q": "willow"})
    assert "Willow Ketamine Care" not in response.content.decode()


def test_a_claim_is_stored_against_the_clinic(client):
    clinic = ClinicFactory()

    client.post(FORM_URL, {**details(), "clinic": clinic.slug}, REMOTE_ADDR=VISITOR_IP)

    stored = ListingRequest.objects.get()
    assert stored.kind == ListingRequest.Kind.CLAIM
    assert stored.clinic == clinic


def test_the_raw_ip_address_is_never_stored(client):
    send(client)

    stored = ListingRequest.objects.get()
    assert VISITOR_IP not in str(vars(stored))
    assert len(stored.sender_fingerprint) == 64


def test_thank_you_page_says_what_happens_next(client):
    response = client.get(THANKS_URL)

    assert response.status_code == 200
    assert "<h1>Thank you for your request</h1>" in response.content.decode()
    assert "we email your work address a link to choose a password" in response.content.decode()


def test_mistakes_are_shown_next_to_the_field_and_nothing_is_stored(client):
    response = send(client, zip_code="00000", contact_email="not an address", phone="12")

    assert response.status_code == 200
    assert not ListingRequest.objects.exists()
    errors = response.context["form"].errors
    assert errors["zip_code"] == ["We don't know the ZIP code “00000”. Check it, such as 95816."]
    assert errors["contact_email"] == ["Enter an email address like name@example.org."]
    assert errors["phone"] == ["Enter a US phone number, such as (916) 555-0123."]
    assert "There is a problem" in response.content.decode()


def test_required_fields_have_plain_messages(client):
    response = send(client, clinic_name="", contact_name="")

    errors = response.context["form"].errors
    assert errors["clinic_name"] == ["Enter the clinic's name."]
    assert errors["contact_name"] == ["Enter your name."]


# --- Spam defences ----------------------------------------------------------------


def test_honeypot_gets_the_thank_you_page_but_stores_nothing(client):
    response = send(client, homepage="https://spam.example.com/")

    assert response.status_code == 302
    assert not ListingRequest.objects.exists()


def test_one_sender_may_send_a_few_requests_an_hour(client):
    for _ in range(LISTING_REQUEST_LIMIT):
        assert send(client).status_code == 302

    response = send(client)

    assert response.status_code == 429
    assert "You&#x27;ve sent several requests in the last hour." in response.content.decode()
    assert ListingRequest.objects.count() == LISTING_REQUEST_LIMIT


def test_the_limit_is_per_sender(client):
    for _ in range(LISTING_REQUEST_LIMIT):
        send(client)

    assert send(client, ip="203.0.113.77").status_code == 302


def test_the_form_needs_a_csrf_token():
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)

    assert strict.post(FORM_URL, details(), REMOTE_ADDR=VISITOR_IP).status_code == 403
    assert not ListingRequest.objects.exists()


@pytest.mark.parametrize("claimed", ["%00", "a%00b", "bad/slug", "%ff%fe"])
def test_claiming_an_address_that_cannot_be_a_slug_is_not_found(client, claimed):
    """A NUL byte or other junk in ?clinic= is "no such listing", never a server error."""
    response = client.get(f"/clinics/list-your-clinic/?clinic={claimed}")
    assert response.status_code == 404
