"""Site-wide pages: home, about, health check, robots, error pages, safety text."""

import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

CRISIS_LINE = "In crisis? Call or text"
DISCLAIMER = "not medical advice"

PUBLIC_PAGES = [
    "home",
    "about",
    "editorial_policy",
    "how_results_are_ordered",
    "open_data",
    "clinics:clinic_list",
    "articles:article_list",
]

# Tags whose URL the browser fetches by itself. <a href> and <link rel="canonical">
# only name a page; they make no request.
FETCHED_URL = re.compile(
    r'<(?:script|img|iframe|source|video|audio|embed)\b[^>]*?\bsrc="([^"]+)"'
    r'|<link\b(?=[^>]*\brel="(?:stylesheet|icon|preload|modulepreload|manifest)")[^>]*?\bhref="([^"]+)"',
    re.I,
)


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_every_page_shows_crisis_line_and_disclaimer(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    body = response.content.decode()
    assert CRISIS_LINE in body
    assert 'href="tel:988"' in body
    assert "In an emergency call" in body
    assert DISCLAIMER in body
    assert "not endorsed" in body


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_pages_load_nothing_from_other_hosts(client, name):
    body = client.get(reverse(name)).content.decode()
    fetched = [src or href for src, href in FETCHED_URL.findall(body)]
    assert fetched, "expected at least the stylesheet"
    for url in fetched:
        assert url.startswith("/"), f"{url} would be fetched from another host"
        assert not url.startswith("//")


@pytest.mark.django_db
def test_home_search_form_submits_condition_and_zip_to_clinic_search(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'action="{reverse("clinics:clinic_list")}"' in body
    assert 'method="get"' in body
    assert '<option value="ptsd">PTSD</option>' in body
    assert 'name="near"' in body


@pytest.mark.django_db
def test_home_page_uses_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get(reverse("home"))


@pytest.mark.django_db
def test_health_check_reports_ok_when_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_check_reports_503_when_database_is_down(django_db_blocker):
    """Point the connection at a port nothing listens on; the endpoint must say 503."""
    with django_db_blocker.unblock():
        connection.close()
        saved = dict(connection.settings_dict)
        connection.settings_dict.update(HOST="127.0.0.1", PORT="1", NAME="nowhere")
        try:
            response = Client().get("/healthz")
        finally:
            connection.close()
            connection.settings_dict.clear()
            connection.settings_dict.update(saved)
    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "unavailable"


@pytest.mark.django_db
def test_robots_txt_points_to_sitemap_and_hides_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@pytest.mark.django_db
def test_unknown_page_gets_the_designed_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "We can't find that page" in body
    assert CRISIS_LINE in body


def test_500_page_renders_without_a_database():
    """The 500 template must render with no request and no database access."""
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "Something went wrong on our side" in html
    assert CRISIS_LINE in html
    assert "not medical advice" in html


@pytest.mark.django_db
def test_server_error_returns_designed_500_page(client, settings):
    client.raise_request_exception = False
    settings.ROOT_URLCONF = "tests.site.urls_error"
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.django_db
def test_responses_carry_security_headers(client):
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "object-src 'none'" in csp
    assert "base-uri 'none'" in csp
    assert "form-action 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_disallowed_method_on_home_is_refused_not_crashed(client):
    assert client.post(reverse("home")).status_code == 405


@pytest.fixture
def sample_pages(db):
    from tests.factories import ClinicFactory, condition

    clinic = ClinicFactory(slug="sample-clinic", conditions=[condition("ptsd")])
    return [
        clinic.get_absolute_url(),
        reverse("clinics:problem_report_create", args=[clinic.slug]),
        reverse("clinics:problem_report_thanks", args=[clinic.slug]),
        reverse("clinics:condition_detail", args=["ptsd"]),
        reverse("clinics:clinic_list") + "?condition=ptsd&near=95816",
        reverse("clinics:clinic_list") + "?near=00000&radius=999",
    ]


@pytest.mark.django_db
def test_clinic_pages_show_crisis_line_disclaimer_and_load_only_our_files(client, sample_pages):
    for url in sample_pages:
        body = client.get(url).content.decode()
        assert CRISIS_LINE in body, url
        assert DISCLAIMER in body, url
        for src, href in FETCHED_URL.findall(body):
            assert (src or href).startswith("/"), f"{url} fetches {src or href}"
