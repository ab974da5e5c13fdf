"""The public "Open data" page: what the API offers, and under which licence."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_page_names_the_api_the_openapi_document_and_the_licence(client, settings):
    body = client.get(reverse("open_data")).content.decode()
    assert f"<code>{settings.SITE_URL}/api/hsds/</code>" in body
    assert 'href="/api/hsds/openapi.json"' in body
    assert '<a href="https://creativecommons.org/licenses/by/4.0/">' in body
    assert "Creative Commons Attribution 4.0 International" in body
    assert "Human Services Data Specification" in body


def test_the_page_follows_the_configured_publisher_and_licence(client, settings):
    settings.HSDS_PUBLISHER = {"name": "County Health Directory", "url": "https://example.org"}
    settings.HSDS_LICENSE = {
        "id": "ODbL-1.0",
        "name": "Open Data Commons Open Database License 1.0",
        "url": "https://opendatacommons.org/licenses/odbl/1-0/",
    }
    body = client.get(reverse("open_data")).content.decode()
    assert "published by County Health Directory" in body
    assert "Open Data Commons Open Database License 1.0" in body


def test_the_page_states_the_rate_limit(client, settings):
    settings.HSDS_RATE_LIMIT = 30
    settings.HSDS_RATE_WINDOW = 60
    assert "may make 30 requests every 60 seconds" in client.get("/open-data/").content.decode()


def test_every_page_links_to_it_from_the_footer(client):
    assert f'href="{reverse("open_data")}">Open data</a>' in client.get("/").content.decode()


def test_it_is_in_the_sitemap(client):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/open-data/</loc>" in sitemap
