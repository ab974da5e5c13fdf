"""The HSDS 3.0 API: every response valid against the official schemas, filters, errors."""

import datetime
import uuid

import pytest

from clinics.hsds import ids, openapi, views
from clinics.hsds.taxonomy import DIRECTORY, OPEN_ELIGIBILITY, TAXONOMIES
from tests.clinics.hsds_helpers import get, make_directory
from tests.clinics.hsds_schemas import errors, openapi_validator
from tests.factories import ClinicFactory, ClinicTreatmentFactory, UserFactory, treatment

pytestmark = pytest.mark.django_db

PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


@pytest.fixture
def directory():
    return make_directory()


def term_id(code: str, taxonomy: str = DIRECTORY) -> str:
    return str(ids.term_id(taxonomy, code))


def assert_valid_page(data: dict, item_schema: str):
    assert set(data) == PAGE_KEYS
    page_schema = openapi.document()["components"]["schemas"]["Page"]
    assert list(openapi_validator(page_schema, openapi.document()).iter_errors(data)) == []
    for item in data["contents"]:
        assert errors(item, item_schema) == []


# --- Every endpoint validates against HSDS 3.0, published and strict ---------------------

LISTS = [
    ("services", "compiled/service_list.json"),
    ("services?full=true", "compiled/service.json"),
    ("organizations", "compiled/organization_list.json"),
    ("organizations?full=true", "compiled/organization.json"),
    ("organizations?full=true&full_service=true", "compiled/organization.json"),
    ("service_at_locations", "compiled/service_at_location_list.json"),
    ("service_at_locations?full=true", "compiled/service_at_location.json"),
    ("taxonomies", "taxonomy.json"),
    ("taxonomy_terms", "taxonomy_term.json"),
]


@pytest.mark.parametrize(("path", "schema"), LISTS)
def test_list_is_a_valid_hsds_page(client, directory, path, schema):
    data, response = get(client, path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert data["total_items"] > 0
    assert_valid_page(data, schema)


@pytest.mark.parametrize(("path", "schema"), LISTS)
def test_ndjson_streams_every_record_valid(client, directory, path, schema):
    page, _ = get(client, path)
    sep = "&" if "?" in path else "?"
    lines, response = get(client, f"{path}{sep}format=ndjson")
    assert response.streaming
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    assert len(lines) == page["total_items"]
    for line in lines:
        assert errors(line, schema) == []


def detail_paths(directory):
    clinic = directory.riverside
    return [
        (f"services/{ids.service_id(clinic.uuid, 'iv-infusion')}", "compiled/service.json"),
        (f"organizations/{clinic.uuid}", "compiled/organization.json"),
        (f"organizations/{clinic.uuid}?full_service=true", "compiled/organization.json"),
        (
            f"service_at_locations/{ids.service_at_location_id(clinic.uuid, 'spravato')}",
            "compiled/service_at_location.json",
        ),
        (f"taxonomies/{TAXONOMIES[DIRECTORY].id}", "taxonomy.json"),
        (f"taxonomy_terms/{term_id('treatment:kap')}", "taxonomy_term.json"),
        (f"taxonomy_terms/{term_id('20051', OPEN_ELIGIBILITY)}", "taxonomy_term.json"),
    ]


def test_every_detail_is_a_valid_hsds_record(client, directory):
    for path, schema in detail_paths(directory):
        data, response = get(client, path)
        assert response.status_code == 200, path
        assert errors(data, schema) == [], path


def test_root_says_version_profile_openapi_publisher_and_licence(client, settings):
    data, response = get(client, "")
    assert response.status_code == 200
    assert data["version"] == "3.0"
    assert data["openapi_url"] == "http://testserver/api/hsds/openapi.json".replace(
        "http://testserver", settings.SITE_URL
    )
    assert data["license"]["id"] == "CC-BY-4.0"
    assert data["publisher"]["name"] == settings.HSDS_PUBLISHER["name"]
    schema = openapi.document()["paths"]["/"]["get"]["responses"]["200"]["content"]
    validator = openapi_validator(schema["application/json"]["schema"], openapi.document())
    assert list(validator.iter_errors(data)) == []


def test_root_names_the_configured_licence(client, settings):
    settings.HSDS_LICENSE = {"id": "ODbL-1.0", "name": "ODbL", "url": "https://example.org/"}
    data, _ = get(client, "")
    assert data["license"]["id"] == "ODbL-1.0"


# --- Only public data ---------------------------------------------------------------------


def test_organizations_are_the_listed_and_temporarily_closed_clinics(client, directory):
    data, _ = get(client, "organizations")
    names = {item["name"] for item in data["contents"]}
    assert names == {
        "Riverside Ketamine",
        "Foothill Sample Clinic",
        "Uncertified Spravato Clinic",
    }


def test_services_leave_out_hidden_offerings_and_unpublished_clinics(client, directory):
    lines, _ = get(client, "services?format=ndjson")
    assert sorted(item["alternate_name"] for item in lines) == [
        "Esketamine (Spravato) nasal spray at Riverside Ketamine",
        "IV infusion at Riverside Ketamine",
        "Ketamine-assisted psychotherapy (KAP) at Foothill Sample Clinic",
    ]


def test_no_staff_account_or_its_email_is_published(client, directory):
    verifier = UserFactory(username="verifier", email="verifier.person@staff.example.org")
    directory.riverside.verified_by = verifier
    directory.riverside.save()
    for path in ["organizations?full=true&full_service=true&format=ndjson", "services?full=true"]:
        response = client.get("/api/hsds/" + path)
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode()
        assert "verifier" not in body
        assert "assurer_email" not in body


def test_a_draft_or_closed_clinic_has_no_organization_record(client, directory):
    for clinic in (directory.draft, directory.closed):
        _, response = get(client, f"organizations/{clinic.uuid}")
        assert response.status_code == 404


# --- Filters (they combine with AND) --------------------------------------------------------


def names(client, path: str) -> set[str]:
    data, response = get(client, path)
    assert response.status_code == 200, data
    return {
        (item.get("service") or item).get("alternate_name") or item.get("name")
        for item in data["contents"]
    }


def test_filter_by_organization(client, directory):
    found = names(client, f"services?organization_id={directory.foothill.uuid}")
    assert found == {"Ketamine-assisted psychotherapy (KAP) at Foothill Sample Clinic"}


def test_filter_by_treatment_term(client, directory):
    found = names(client, f"services?taxonomy_term_id={term_id('treatment:spravato')}")
    assert found == {"Esketamine (Spravato) nasal spray at Riverside Ketamine"}


def test_filter_by_condition_term(client, directory):
    found = names(client, f"services?taxonomy_term_id={term_id('condition:anxiety')}")
    assert found == {"Ketamine-assisted psychotherapy (KAP) at Foothill Sample Clinic"}


def test_filter_by_insurance_term_uses_the_plans_that_cover_each_treatment(client, directory):
    found = names(client, f"services?taxonomy_term_id={term_id('insurance:aetna')}")
    assert found == {"IV infusion at Riverside Ketamine"}


def test_filter_by_a_group_term_matches_any_term_below_it(client, directory):
    found = names(client, f"services?taxonomy_term_id={term_id('payment')}")
    # Self-pay (the factory default) covers all three.
    assert len(found) == 3


def test_filter_by_an_open_eligibility_term_matches_the_linked_conditions(client, directory):
    pain = term_id("1222", OPEN_ELIGIBILITY)
    found = names(client, f"services?taxonomy_term_id={pain}")
    assert found == {
        "IV infusion at Riverside Ketamine",
        "Esketamine (Spravato) nasal spray at Riverside Ketamine",
    }


def test_filter_by_listing_fact(client, directory):
    sample = term_id("listing:sample-data")
    assert names(client, f"services?taxonomy_term_id={sample}") == {
        "Ketamine-assisted psychotherapy (KAP) at Foothill Sample Clinic"
    }


def test_an_unknown_term_matches_nothing(client, directory):
    data, _ = get(client, f"services?taxonomy_term_id={uuid.uuid4()}")
    assert data["total_items"] == 0


def test_filter_by_taxonomy(client, directory):
    ours = TAXONOMIES[DIRECTORY].id
    assert len(names(client, f"services?taxonomy_id={ours}")) == 3


def test_filters_combine_with_and(client, directory):
    path = (
        f"services?taxonomy_term_id={term_id('treatment:iv-infusion')}"
        f"&organization_id={directory.foothill.uuid}"
    )
    data, _ = get(client, path)
    assert data["total_items"] == 0


def test_filter_by_modified_after(client, directory):
    later = directory.riverside.updated_at + datetime.timedelta(seconds=1)
    data, _ = get(client, "services?modified_after=" + later.isoformat().replace("+", "%2B"))
    assert data["total_items"] == 0
    data, _ = get(client, "services?modified_after=2000-01-01")
    assert data["total_items"] == 3


def test_search_finds_services_of_matching_clinics(client, directory):
    assert names(client, "services?search=foothill") == {
        "Ketamine-assisted psychotherapy (KAP) at Foothill Sample Clinic"
    }


def test_postcode_alone_means_locations_in_that_zip_code(client, directory):
    found = names(client, "service_at_locations?postcode=95661")
    assert found == {"Ketamine-assisted psychotherapy (KAP) at Foothill Sample Clinic"}


def test_postcode_and_proximity_find_locations_nearby_nearest_first(client, directory):
    data, _ = get(client, "service_at_locations?postcode=95816&proximity=5000")
    clinics = [item["service"]["organization"]["name"] for item in data["contents"]]
    assert set(clinics) == {"Riverside Ketamine"}


def test_lat_lng_radius_extension_searches_in_miles(client, directory):
    # Roseville is about 17 miles from East Sacramento.
    near, _ = get(client, "service_at_locations?lat=38.5733&lng=-121.4578&radius=5")
    far, _ = get(client, "service_at_locations?lat=38.5733&lng=-121.4578&radius=30")
    assert near["total_items"] == 2
    assert far["total_items"] == 3


# --- Pages ----------------------------------------------------------------------------------


def test_pages_say_where_they_are(client, directory):
    data, _ = get(client, "services?per_page=2&page=2")
    assert {k: v for k, v in data.items() if k != "contents"} == {
        "total_items": 3,
        "total_pages": 2,
        "page_number": 2,
        "size": 1,
        "first_page": False,
        "last_page": True,
        "empty": False,
    }


def test_a_page_past_the_end_is_empty(client, directory):
    data, response = get(client, "services?page=9")
    assert response.status_code == 200
    assert data["empty"] is True
    assert data["contents"] == []


# --- Bad requests: HSDS-style JSON, never a 500 -------------------------------------------

BAD = [
    ("services?page=0", "page"),
    ("services?page=abc", "page"),
    ("services?per_page=101", "per_page"),
    ("services?full=maybe", "full"),
    ("services?format=xml", "format"),
    ("services?taxonomy_term_id=not-a-uuid", "taxonomy_term_id"),
    ("services?modified_after=yesterday", "modified_after"),
    ("services?modified_after=2025-13-45", "modified_after"),
    ("organizations?full_service=perhaps", "full_service"),
    ("service_at_locations?proximity=1000", "proximity"),
    ("service_at_locations?postcode=ABC", "postcode"),
    ("service_at_locations?postcode=00000&proximity=1000", "postcode"),
    ("service_at_locations?lat=38.5", "lng"),
    ("service_at_locations?radius=5", "radius"),
    ("service_at_locations?lat=91&lng=0", "lat"),
    ("service_at_locations?lat=nan&lng=0", "lat"),
    ("taxonomy_terms?parent_id=1", "parent_id"),
]


@pytest.mark.parametrize(("path", "parameter"), BAD)
def test_a_bad_parameter_is_a_json_400_naming_it(client, path, parameter):
    data, response = get(client, path)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json; charset=utf-8"
    assert data["status"] == 400
    assert parameter in {error["parameter"] for error in data["errors"]}
    problem = openapi.document()["components"]["schemas"]["Problem"]
    assert list(openapi_validator(problem, openapi.document()).iter_errors(data)) == []


# A fixed id, not uuid4(): with pytest-xdist every worker must collect the same test ids.
UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"


@pytest.mark.parametrize(
    "path",
    [
        f"services/{UNKNOWN_ID}",
        "services/not-an-id",
        f"organizations/{UNKNOWN_ID}",
        f"service_at_locations/{UNKNOWN_ID}",
        f"taxonomies/{UNKNOWN_ID}",
        f"taxonomy_terms/{UNKNOWN_ID}",
        "no-such-endpoint",
    ],
)
def test_an_unknown_record_or_path_is_a_json_404(client, path):
    data, response = get(client, path)
    assert response.status_code == 404
    assert data["title"] == "Not Found"


# --- A fixed number of queries per page ---------------------------------------------------

QUERIES = {
    # count, page (with organization and treatment), conditions
    "services": 3,
    # + the vocabulary (3), coverage, hours, holidays
    "services?full=true": 9,
    "service_at_locations": 3,
    "service_at_locations?full=true": 9,
    # count, page
    "organizations": 2,
    # + the vocabulary (3), conditions, hours, offerings, their coverage, holidays
    "organizations?full=true&full_service=true": 10,
    # the vocabulary
    "taxonomy_terms": 3,
}


def add_clinics(count: int):
    for n in range(count):
        clinic = ClinicFactory(name=f"Extra Clinic {n}")
        ClinicTreatmentFactory(clinic=clinic)
        ClinicTreatmentFactory(clinic=clinic, treatment=treatment("kap"))


@pytest.mark.parametrize(("path", "expected"), QUERIES.items())
def test_queries_per_page_do_not_grow_with_results(
    client, directory, django_assert_num_queries, path, expected
):
    with django_assert_num_queries(expected):
        get(client, path)
    add_clinics(5)
    with django_assert_num_queries(expected):
        get(client, path)


@pytest.mark.parametrize(
    "detail",
    [
        lambda d: f"services/{ids.service_id(d.riverside.uuid, 'iv-infusion')}",
        lambda d: f"organizations/{d.riverside.uuid}?full_service=true",
        lambda d: f"service_at_locations/{ids.service_at_location_id(d.riverside.uuid, 'kap')}",
    ],
)
def test_a_detail_costs_a_fixed_number_of_queries(
    client, directory, django_assert_max_num_queries, detail
):
    with django_assert_max_num_queries(10):
        get(client, detail(directory))


def test_ndjson_reads_in_chunks_not_all_at_once(
    client, directory, monkeypatch, django_assert_num_queries
):
    add_clinics(3)  # 9 services in all
    monkeypatch.setattr(views, "NDJSON_CHUNK", 4)
    # One server-side cursor over the services, read four rows at a time, and each
    # chunk's clinics' conditions (three chunks).
    with django_assert_num_queries(4):
        lines, _ = get(client, "services?format=ndjson")
    assert len(lines) == 9
