"""A requester's mails are in the language of the page they sent the request from."""

from __future__ import annotations

import pytest

from clinics import services
from clinics.models import ListingRequest
from tests.clinics.test_listing_requests import VISITOR_IP, details
from tests.factories import directory_admin_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user():
    return directory_admin_user(username="dir-admin", email="dir-admin@example.org")


@pytest.fixture
def submit(client, admin_user, django_capture_on_commit_callbacks):
    """Send the public form at ``path``; returns the stored request."""

    def run(path):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(path, details(), REMOTE_ADDR=VISITOR_IP)
        return ListingRequest.objects.get()

    return run


@pytest.fixture
def handle(admin_user, django_capture_on_commit_callbacks, mailoutbox):
    """Approve or reject the request; returns the one mail the requester gets."""

    def run(service, listing_request):
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            service(listing_request=listing_request, user=admin_user)
        [message] = mailoutbox
        assert message.to == ["jordan@willow.example.org"]
        return message

    return run


def test_a_request_remembers_the_language_of_its_page(submit):
    assert submit("/es/clinics/list-your-clinic/").language == "es"


def test_a_request_from_the_english_page_is_english(submit):
    assert submit("/clinics/list-your-clinic/").language == "en"


def test_approval_of_a_spanish_request_is_mailed_in_spanish(submit, handle):
    request = submit("/es/clinics/list-your-clinic/")

    message = handle(services.listing_request_approve, request)

    html = message.alternatives[0][0]
    assert message.subject == "Su cuenta de personal para Willow Ketamine Care"
    assert "Hola, Jordan Example:" in message.body
    assert "Hemos aprobado su solicitud para incluir Willow Ketamine Care" in message.body
    assert "funciona una sola vez, durante 3 días" in message.body
    assert '<html lang="es">' in html
    assert "Elija su contraseña" in html


def test_rejection_of_a_spanish_request_is_mailed_in_spanish(submit, handle):
    request = submit("/es/clinics/list-your-clinic/")

    message = handle(services.listing_request_reject, request)

    assert message.subject == "Su solicitud sobre Willow Ketamine Care"
    assert "Lo sentimos, pero no podemos aprobarla." in message.body
    assert "Lo sentimos, pero no podemos aprobarla." in message.alternatives[0][0]


def test_approval_of_an_english_request_stays_english(submit, handle):
    request = submit("/clinics/list-your-clinic/")

    message = handle(services.listing_request_approve, request)

    assert message.subject == "Your staff account for Willow Ketamine Care"
    assert "We have approved your request to list Willow Ketamine Care." in message.body
    assert '<html lang="en">' in message.alternatives[0][0]


def test_the_admins_are_told_of_a_spanish_request_in_english(
    client, admin_user, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/es/clinics/list-your-clinic/", details(), REMOTE_ADDR=VISITOR_IP)

    [message] = mailoutbox
    assert message.to == ["dir-admin@example.org"]
    assert message.subject.startswith("New request:")
    assert '<html lang="en">' in message.alternatives[0][0]
