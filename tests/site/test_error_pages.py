"""The designed 400, 403 and CSRF-failure pages: crisis line, plain words, a way on, no database."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.template import loader
from django.test import Client, RequestFactory
from django.views.csrf import csrf_failure
from django.views.defaults import permission_denied

from tests.factories import ClinicFactory, clinic_staff_user

CRISIS_LINE = 'Call or text <a href="tel:988">988</a>'


@pytest.mark.django_db
def test_a_request_for_an_unknown_host_gets_the_designed_400_page(client):
    response = client.get("/", HTTP_HOST="unknown.example.com")

    assert response.status_code == 400
    body = response.content.decode()
    assert "We couldn't understand that request" in body
    assert CRISIS_LINE in body
    assert 'href="/clinics/"' in body


def test_the_400_page_renders_without_a_database():
    """No django_db mark: any query while rendering would fail this test."""
    html = loader.get_template("400.html").render()

    assert "We couldn't understand that request" in html
    assert CRISIS_LINE in html


@pytest.mark.django_db
def test_a_refused_admin_page_gets_the_designed_403_page(client):
    client.force_login(clinic_staff_user(ClinicFactory()))

    response = client.get("/admin/auth/user/")

    assert response.status_code == 403
    body = response.content.decode()
    assert "You don't have access to this page" in body
    assert "ask a directory admin" in body
    assert CRISIS_LINE in body


def test_the_403_page_renders_without_a_database():
    request = RequestFactory().get("/admin/auth/user/")
    request.user = AnonymousUser()

    response = permission_denied(request, PermissionDenied("not for you"))

    assert response.status_code == 403
    assert "You don't have access to this page" in response.content.decode()
    assert "not for you" not in response.content.decode()


@pytest.mark.django_db
def test_a_form_without_its_csrf_token_gets_the_designed_page():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/admin/login/", {"username": "someone", "password": "x"})

    assert response.status_code == 403
    body = response.content.decode()
    assert "Your form could not be sent" in body
    assert "Nothing was saved" in body
    assert CRISIS_LINE in body


def test_the_csrf_page_renders_without_a_database():
    response = csrf_failure(RequestFactory().post("/"), reason="CSRF cookie not set.")

    assert response.status_code == 403
    body = response.content.decode()
    assert "Your form could not be sent" in body
    assert "CSRF cookie not set." not in body  # the reason is for DEBUG only
