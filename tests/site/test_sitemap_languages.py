"""The sitemap names each public page in English and in Spanish, with hreflang alternates."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.factories import ClinicFactory, condition, treatment

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap(client) -> dict[str, dict[str, str]]:
    """{address: {hreflang: address}} for every <url> in /sitemap.xml."""
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own sitemap
    return {
        url.find("s:loc", NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def both_languages(path: str) -> dict[str, str]:
    return {"en": SITE + path, "es": SITE + "/es" + path, "x-default": SITE + path}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/about/",
        "/open-data/",
        "/clinics/",
        "/clinics/rio-clinic/",
        "/conditions/depression/",
        "/treatments/spravato/",
    ],
)
def test_each_page_is_listed_in_both_languages_with_alternates(client, path):
    ClinicFactory(name="Rio Clinic", slug="rio-clinic", conditions=[condition("depression")])
    treatment("spravato")

    urls = sitemap(client)

    assert urls[SITE + path] == both_languages(path)
    assert urls[SITE + "/es" + path] == both_languages(path)


def test_sitemap_queries_do_not_grow_with_the_clinics(client, django_assert_max_num_queries):
    ClinicFactory.create_batch(2)
    client.get("/sitemap.xml")  # warm any per-process caches
    with django_assert_max_num_queries(8) as few:
        client.get("/sitemap.xml")
    ClinicFactory.create_batch(5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/sitemap.xml").status_code == 200
