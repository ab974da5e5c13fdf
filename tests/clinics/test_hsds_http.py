"""The HSDS API over HTTP: CORS for /api/ only, ETags and 304, caching, the rate limit."""

import pytest
from django.core.cache import cache

from clinics.hsds.http import client_key
from tests.clinics.hsds_helpers import API, get
from tests.factories import ClinicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinic():
    return ClinicFactory(name="Cors Clinic")


# --- CORS -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["", "organizations", "services?page=0", "nope"])
def test_any_origin_may_read_the_api_without_credentials(client, clinic, path):
    response = client.get(API + path, HTTP_ORIGIN="https://other.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_a_preflight_allows_get_and_conditional_headers(client):
    response = client.options(
        API + "services",
        HTTP_ORIGIN="https://other.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]


@pytest.mark.parametrize("url", ["/", "/clinics/", "/open-data/"])
def test_pages_outside_the_api_allow_no_other_origin(client, url):
    response = client.get(url, HTTP_ORIGIN="https://other.example")
    assert "Access-Control-Allow-Origin" not in response


def test_the_api_is_read_only(client):
    response = client.post(API + "services", {"name": "x"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["title"] == "Method Not Allowed"


# --- ETag, Last-Modified, 304 -----------------------------------------------------------------


def test_a_response_carries_an_etag_and_no_cache(client, clinic):
    response = client.get(API + "organizations")
    assert response["ETag"].startswith('"')
    assert response["Cache-Control"] == "no-cache"


def test_if_none_match_with_the_current_etag_is_a_304_without_a_body(client, clinic):
    etag = client.get(API + "organizations")["ETag"]
    response = client.get(API + "organizations", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Access-Control-Allow-Origin"] == "*"


def test_an_edit_changes_the_etag(client, clinic):
    etag = client.get(API + "organizations")["ETag"]
    clinic.name = "Renamed Cors Clinic"
    clinic.save()
    response = client.get(API + "organizations", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_last_modified_is_the_newest_edit_shown(client, clinic):
    response = client.get(API + f"organizations/{clinic.uuid}")
    assert response["Last-Modified"].endswith("GMT")


def test_if_modified_since_alone_never_gives_a_stale_304(client, clinic):
    """A clinic leaving a list moves no date; only the ETag can tell (see clinics.hsds.http)."""
    response = client.get(
        API + "organizations", HTTP_IF_MODIFIED_SINCE="Fri, 01 Jan 2100 00:00:00 GMT"
    )
    assert response.status_code == 200


def test_ndjson_streams_without_an_etag(client, clinic):
    response = client.get(API + "organizations?format=ndjson")
    assert response.streaming
    assert "ETag" not in response


# --- The page cache -------------------------------------------------------------------------


def test_a_repeated_request_is_served_from_the_cache(
    client, clinic, page_cache_on, django_assert_max_num_queries
):
    client.get(API + "services?per_page=10&utm_source=x")
    # One cache read; no directory queries. Unknown parameters share the entry.
    with django_assert_max_num_queries(1):
        response = client.get(API + "services?utm_source=y&per_page=10")
    assert response.status_code == 200


def test_an_edit_shows_at_once_despite_the_cache(
    client, clinic, page_cache_on, django_capture_on_commit_callbacks
):
    get(client, f"organizations/{clinic.uuid}")
    with django_capture_on_commit_callbacks(execute=True):
        clinic.name = "Freshly Renamed Clinic"
        clinic.save()
    data, _ = get(client, f"organizations/{clinic.uuid}")
    assert data["name"] == "Freshly Renamed Clinic"


def test_errors_are_not_cached(client, page_cache_on):
    client.get(API + "services?page=0")
    assert client.get(API + "services?page=0").status_code == 400


# --- Rate limit -------------------------------------------------------------------------------


@pytest.fixture
def limit_of_two(settings):
    settings.HSDS_RATE_LIMIT = 2
    settings.HSDS_RATE_WINDOW = 60
    cache.clear()
    yield
    cache.clear()


def test_a_client_over_the_limit_gets_429_with_retry_after(client, limit_of_two):
    for _ in range(2):
        assert client.get(API + "taxonomies").status_code == 200
    response = client.get(API + "taxonomies")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["title"] == "Too Many Requests"


def test_each_client_has_its_own_allowance(client, limit_of_two):
    for _ in range(3):
        client.get(API + "taxonomies", REMOTE_ADDR="192.0.2.1")
    assert client.get(API + "taxonomies", REMOTE_ADDR="192.0.2.2").status_code == 200


def test_cached_answers_count_too(client, limit_of_two, settings):
    settings.PAGE_CACHE_SECONDS = 60
    client.get(API + "taxonomies")
    client.get(API + "taxonomies")
    assert client.get(API + "taxonomies").status_code == 429


def test_the_count_is_kept_under_a_hash_not_the_address(client, limit_of_two):
    client.get(API + "taxonomies", REMOTE_ADDR="192.0.2.7")
    request = type("Request", (), {"META": {"REMOTE_ADDR": "192.0.2.7"}})()
    assert "192.0.2.7" not in client_key(request)
    assert len(client_key(request)) == 64
