"""The OpenAPI 3.1 document, and property-based requests checked against it offline.

Hypothesis builds query strings from each operation's own parameter schemas (values in
and out of range, junk, real ids), sends them through Django's test client, and checks
that every answer is one the document promises: 200 with a body valid against its
response schema (whose records are the vendored HSDS 3.0 schemas), or a 400 problem.
"""

import json
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinics.hsds import ids, openapi, params
from clinics.hsds.taxonomy import DIRECTORY, TAXONOMIES
from tests.clinics.hsds_helpers import API, make_directory
from tests.clinics.hsds_schemas import SCHEMA_DIR, openapi_validator, registry

pytestmark = pytest.mark.django_db

DOCUMENT = openapi.document
LIST_PATHS = [
    "/services",
    "/organizations",
    "/service_at_locations",
    "/taxonomies",
    "/taxonomy_terms",
]


def test_the_document_is_openapi_3_1_with_every_endpoint():
    document = DOCUMENT()
    assert document["openapi"] == "3.1.0"
    assert document["jsonSchemaDialect"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(document["paths"]) == {
        "/",
        *LIST_PATHS,
        *(f"{path}/{{id}}" for path in LIST_PATHS),
    }


def test_it_is_served_at_the_openapi_url(client):
    response = client.get(API + "openapi.json")
    assert response.status_code == 200
    assert json.loads(response.content) == json.loads(json.dumps(DOCUMENT()))


def test_each_operation_documents_exactly_the_parameters_its_view_reads():
    document = DOCUMENT()
    forms = {
        "/services": params.ServiceParams,
        "/organizations": params.OrganizationParams,
        "/service_at_locations": params.ServiceAtLocationParams,
        "/taxonomies": params.TaxonomyParams,
        "/taxonomy_terms": params.TaxonomyTermParams,
    }
    for path, form in forms.items():
        documented = {p["name"] for p in document["paths"][path]["get"]["parameters"]}
        assert documented == set(form.base_fields), path


def test_it_offers_the_parameters_of_the_hsds_3_0_reference():
    reference = json.loads((SCHEMA_DIR / "openapi.json").read_text())
    ours = DOCUMENT()["paths"]
    for path in LIST_PATHS:
        wanted = set()
        for parameter in reference["paths"][path]["get"].get("parameters", []):
            name = parameter.get("name") or parameter["$ref"].rsplit("/", 1)[1]
            wanted.add(name)
        # "minimal" (ids and dates only) is not offered: format=ndjson serves that need.
        wanted.discard("minimal")
        offered = {p["name"] for p in ours[path]["get"]["parameters"]}
        assert wanted <= offered, path


def test_every_hsds_schema_it_names_is_vendored():
    found = []

    def walk(node):
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith(openapi.HSDS_SCHEMAS):
                found.append(ref)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(DOCUMENT())
    assert found
    resolver = registry().resolver()
    for ref in found:
        assert resolver.lookup(ref).contents["type"] == "object"


# --- Property-based requests ------------------------------------------------------------


JUNK = st.text(max_size=12)


def strategy_for(schema: dict, known_ids: list[str]):
    kind, fmt = schema.get("type"), schema.get("format")
    if "enum" in schema:
        good = st.sampled_from(schema["enum"])
    elif kind == "integer":
        low, high = schema.get("minimum", -5), schema.get("maximum", 1000)
        good = st.integers(low - 2, min(high + 2, 10**7)).map(str)
    elif kind == "number":
        low, high = schema.get("minimum", -1000), schema.get("maximum", 1000)
        good = st.floats(low - 1, high + 1).map(repr) | st.sampled_from(["nan", "inf", "1e999"])
    elif kind == "boolean":
        good = st.sampled_from(["true", "false", "1", "0", "yes"])
    elif fmt == "uuid":
        good = st.sampled_from(known_ids) | st.uuids().map(str)
    elif fmt == "date-time":
        moments = st.datetimes(timezones=st.none() | st.timezones())
        good = moments.map(lambda moment: moment.isoformat()) | st.dates().map(str)
    elif "pattern" in schema:
        good = st.from_regex(schema["pattern"], fullmatch=True)
    else:
        good = st.text(max_size=40)
    return good | JUNK


def query_strategy(operation: dict, known_ids: list[str]):
    optional = {
        p["name"]: strategy_for(p["schema"], known_ids)
        for p in operation["parameters"]
        if p["in"] == "query" and p["name"] != "format"
    }
    return st.fixed_dictionaries({}, optional=optional)


def check_response(response, operation: dict, document: dict):
    assert response.status_code in (200, 400), response.content[:300]
    if response.status_code == 400:
        schema = document["components"]["schemas"]["Problem"]
        assert response["Content-Type"].startswith("application/problem+json")
        assert list(openapi_validator(schema, document).iter_errors(response.json())) == []
        return
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    found = list(openapi_validator(schema, document).iter_errors(response.json()))
    assert found == [], [error.message[:200] for error in found]


@pytest.mark.parametrize("path", LIST_PATHS)
def test_any_query_gets_a_documented_answer(client, path):
    directory = make_directory()
    document = DOCUMENT()
    operation = document["paths"][path]["get"]
    known_ids = [
        str(directory.riverside.uuid),
        str(ids.term_id(DIRECTORY, "treatment:iv-infusion")),
        str(ids.term_id(DIRECTORY, "condition")),
        str(TAXONOMIES[DIRECTORY].id),
    ]

    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(query=query_strategy(operation, known_ids))
    def answers_as_documented(query):
        response = client.get(API + path.lstrip("/") + "?" + urlencode(query))
        check_response(response, operation, document)

    answers_as_documented()


@settings(max_examples=15, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(record_id=st.uuids().map(str) | st.text(max_size=40))
def test_any_id_gets_a_record_or_a_json_404(client, record_id):
    for path in LIST_PATHS:
        response = client.get(f"{API}{path.lstrip('/')}/{record_id}")
        assert response.status_code in (200, 404)
        assert response["Content-Type"].startswith("application/")
