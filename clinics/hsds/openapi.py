"""The OpenAPI 3.1 document of the HSDS API, served at /api/hsds/openapi.json.

It follows the HSDS 3.0 API reference (its paths, parameters and response schemas)
and adds what that leaves open: our parameter limits and extensions, the error
responses, ndjson, and the root's publisher and licence. Parameters are generated
from the forms the views validate with (clinics.hsds.params), so the document cannot
promise what the API refuses. Record schemas point at the official compiled schemas
of the pinned HSDS 3.0 release (tag v3.0), the same files the tests validate against
(clinics/hsds/schema/).
"""

from __future__ import annotations

from django import forms
from django.conf import settings

from clinics.hsds import params as p

HSDS_SCHEMAS = "https://raw.githubusercontent.com/openreferral/specification/v3.0/schema/"


def hsds_schema(name: str) -> dict:
    return {"$ref": HSDS_SCHEMAS + name}


def _field_schema(field: forms.Field) -> dict:
    if hasattr(field, "openapi"):
        return dict(field.openapi)
    if isinstance(field, forms.UUIDField):
        return {"type": "string", "format": "uuid"}
    if isinstance(field, forms.IntegerField):
        # FloatField is a kind of IntegerField in Django.
        schema = {"type": "number" if isinstance(field, forms.FloatField) else "integer"}
        if field.min_value is not None:
            schema["minimum"] = field.min_value
        if field.max_value is not None:
            schema["maximum"] = field.max_value
        return schema
    if isinstance(field, forms.ChoiceField):
        return {"type": "string", "enum": [value for value, _ in field.choices]}
    if isinstance(field, forms.RegexField):
        return {"type": "string", "pattern": field.regex.pattern}
    schema = {"type": "string"}
    if getattr(field, "max_length", None):
        schema["maxLength"] = field.max_length
    return schema


def parameters(form_class) -> list[dict]:
    return [
        {
            "name": name,
            "in": "query",
            "required": False,
            "description": str(field.help_text),
            "schema": _field_schema(field),
        }
        for name, field in form_class.base_fields.items()
    ]


def _id_parameter(what: str) -> dict:
    return {
        "name": "id",
        "in": "path",
        "required": True,
        "description": f"The id of the {what}.",
        "schema": {"type": "string", "format": "uuid"},
    }


ERRORS = {
    "400": {"$ref": "#/components/responses/BadRequest"},
    "429": {"$ref": "#/components/responses/TooManyRequests"},
}


def _page_of(item_schema: dict, description: str) -> dict:
    return {
        "description": description,
        "headers": {"ETag": {"$ref": "#/components/headers/ETag"}},
        "content": {
            "application/json": {
                "schema": {
                    "allOf": [{"$ref": "#/components/schemas/Page"}],
                    "properties": {"contents": {"type": "array", "items": item_schema}},
                    "required": ["contents"],
                }
            },
            "application/x-ndjson": {
                "description": "With format=ndjson: every matching record, one per line.",
                "schema": {"type": "string"},
            },
        },
    }


def _one(schema: dict, description: str) -> dict:
    return {
        "description": description,
        "headers": {"ETag": {"$ref": "#/components/headers/ETag"}},
        "content": {"application/json": {"schema": schema}},
    }


def _list_operation(operation_id, summary, form_class, list_schema, full_schema=None):
    item = {"anyOf": [list_schema, full_schema]} if full_schema is not None else list_schema
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": parameters(form_class),
            "responses": {
                "200": _page_of(item, summary + " (list shape; full shape with full=true)."),
                **ERRORS,
            },
        }
    }


def _detail_operation(operation_id, summary, what, schema, form_class=None):
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": [_id_parameter(what), *(parameters(form_class) if form_class else [])],
            "responses": {
                "200": _one(schema, summary),
                "404": {"$ref": "#/components/responses/NotFound"},
                **ERRORS,
            },
        }
    }


ROOT_SCHEMA = {
    "type": "object",
    "required": ["version", "profile", "openapi_url", "publisher", "license"],
    "properties": {
        "version": {"type": "string", "description": "HSDS version of this API."},
        "profile": {
            "type": "string",
            "format": "uri",
            "description": "Where this API's use of HSDS is described.",
        },
        "openapi_url": {"type": "string", "format": "uri"},
        "publisher": {
            "type": "object",
            "required": ["name", "url"],
            "properties": {
                "name": {"type": "string"},
                "url": {"type": "string", "format": "uri"},
            },
            "additionalProperties": False,
        },
        "license": {
            "type": "object",
            "required": ["id", "name", "url"],
            "properties": {
                "id": {"type": "string", "description": "SPDX identifier."},
                "name": {"type": "string"},
                "url": {"type": "string", "format": "uri"},
            },
            "additionalProperties": False,
        },
    },
    "additionalProperties": False,
}

PAGE_SCHEMA = {
    "type": "object",
    "required": [
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
    ],
    "properties": {
        "total_items": {"type": "integer", "description": "Count of total results."},
        "total_pages": {"type": "integer", "description": "Count of total pages."},
        "page_number": {"type": "integer", "description": "Current page number."},
        "size": {"type": "integer", "description": "Number of records on this page."},
        "first_page": {"type": "boolean", "description": "Is this page the first page."},
        "last_page": {"type": "boolean", "description": "Is this page the last page."},
        "empty": {"type": "boolean", "description": "Is this page empty."},
    },
}

PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["parameter", "message"],
                "properties": {
                    "parameter": {"type": ["string", "null"]},
                    "message": {"type": "string"},
                },
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}


def _problem_response(description: str, headers: dict | None = None) -> dict:
    response = {
        "description": description,
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    }
    if headers:
        response["headers"] = headers
    return response


def document() -> dict:
    licence = settings.HSDS_LICENSE
    publisher = settings.HSDS_PUBLISHER
    services = hsds_schema("compiled/service.json")
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": f"{settings.SITE_NAME}: open data (HSDS 3.0)",
            "version": "1.0.0",
            "summary": "Ketamine treatment clinics in and around Sacramento, California.",
            "description": (
                "A read-only, public API following the Human Services Data Specification "
                "(HSDS) 3.0 of Open Referral. Each clinic is an organization with one "
                "physical location; each treatment it offers is a service at that "
                "location. Lists are paginated; format=ndjson streams every record. "
                "Any origin may call it (CORS); each client may make "
                f"{settings.HSDS_RATE_LIMIT} requests per {settings.HSDS_RATE_WINDOW} "
                "seconds. The data is published under the licence below; please credit "
                "the publisher."
            ),
            "contact": {"name": publisher["name"], "url": publisher["url"]},
            "license": {"name": licence["name"], "url": licence["url"]},
        },
        "servers": [{"url": settings.SITE_URL + "/api/hsds"}],
        "paths": {
            "/": {
                "get": {
                    "operationId": "getAPIMetaInformation",
                    "summary": "About this API: HSDS version, profile, publisher and licence.",
                    "responses": {"200": _one(ROOT_SCHEMA, "About this API."), **ERRORS},
                }
            },
            "/services": _list_operation(
                "getPaginatedListOfServices",
                "Services: the treatments each clinic offers",
                p.ServiceParams,
                hsds_schema("compiled/service_list.json"),
                services,
            ),
            "/services/{id}": _detail_operation(
                "getFullyNestedServiceById", "A service, fully nested", "service", services
            ),
            "/organizations": _list_operation(
                "getPaginatedListOfOrganizations",
                "Organizations: the clinics",
                p.OrganizationParams,
                hsds_schema("compiled/organization_list.json"),
                hsds_schema("compiled/organization.json"),
            ),
            "/organizations/{id}": _detail_operation(
                "getOrganizationById",
                "An organization, fully nested",
                "organization",
                hsds_schema("compiled/organization.json"),
                p.OrganizationDetailParams,
            ),
            "/service_at_locations": _list_operation(
                "getPaginatedListOfServiceAtLocation",
                "Services at locations",
                p.ServiceAtLocationParams,
                hsds_schema("compiled/service_at_location_list.json"),
                hsds_schema("compiled/service_at_location.json"),
            ),
            "/service_at_locations/{id}": _detail_operation(
                "getServiceAtLocationWithNestedDataById",
                "A service at a location, fully nested",
                "service at location",
                hsds_schema("compiled/service_at_location.json"),
            ),
            "/taxonomies": _list_operation(
                "getPaginatedListOfTaxonomies",
                "Taxonomies the attributes use",
                p.TaxonomyParams,
                hsds_schema("taxonomy.json"),
            ),
            "/taxonomies/{id}": _detail_operation(
                "getTaxonomyById", "A taxonomy", "taxonomy", hsds_schema("taxonomy.json")
            ),
            "/taxonomy_terms": _list_operation(
                "getPaginatedListOfTaxonomyTerms",
                "Taxonomy terms",
                p.TaxonomyTermParams,
                hsds_schema("taxonomy_term.json"),
            ),
            "/taxonomy_terms/{id}": _detail_operation(
                "getTaxonomyTermById",
                "A taxonomy term",
                "taxonomy term",
                hsds_schema("taxonomy_term.json"),
            ),
        },
        "components": {
            "schemas": {"Page": PAGE_SCHEMA, "Problem": PROBLEM_SCHEMA},
            "headers": {
                "ETag": {
                    "description": "Send it back in If-None-Match to get 304 if unchanged.",
                    "schema": {"type": "string"},
                },
                "Retry-After": {
                    "description": "Seconds to wait before the next request.",
                    "schema": {"type": "integer"},
                },
            },
            "responses": {
                "BadRequest": _problem_response("A query parameter is not valid."),
                "NotFound": _problem_response("No record has this id."),
                "TooManyRequests": _problem_response(
                    "Too many requests from this client; wait Retry-After seconds.",
                    {"Retry-After": {"$ref": "#/components/headers/Retry-After"}},
                ),
            },
        },
    }
