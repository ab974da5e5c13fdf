"""The directory as an HSDS 3.0 API: read-only, public, under /api/hsds/.

Endpoints and parameters follow the HSDS 3.0 API reference; the OpenAPI document at
/api/hsds/openapi.json describes them (README: "Open data"). Each view parses its
parameters with its form (clinics.hsds.params), reads through clinics.hsds.queries and
shapes records with clinics.hsds.mapping; clinics.hsds.http adds CORS, caching, the
rate limit and JSON errors.
"""

from __future__ import annotations

import json
import math
import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.urls import reverse

from clinics import hours
from clinics.hsds import mapping, openapi, queries
from clinics.hsds.http import NDJSON, ApiError, api_view, json_response, set_last_modified
from clinics.hsds.params import (
    OrganizationDetailParams,
    OrganizationParams,
    ServiceAtLocationParams,
    ServiceParams,
    TaxonomyParams,
    TaxonomyTermParams,
    error_list,
)
from clinics.hsds.taxonomy import TAXONOMIES, Vocabulary

HSDS_VERSION = "3.0"
# Rows fetched (with their related rows) per round trip while streaming ndjson.
NDJSON_CHUNK = 500


def _params(request, form_class) -> dict:
    form = form_class(request.GET)
    if not form.is_valid():
        raise ApiError(400, "Some query parameters are not valid.", error_list(form))
    return form.cleaned_data


def _uuid(value: str, what: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise ApiError(404, f"No {what} has this id.") from None


def _context(vocabulary: Vocabulary) -> mapping.Context:
    return mapping.Context(vocabulary=vocabulary, today=hours.pacific_now().date())


def _line(item: dict) -> str:
    return json.dumps(item, cls=DjangoJSONEncoder, ensure_ascii=False) + "\n"


def _respond(records, params: dict, shape, *, dated: bool = True):
    """One page of `records` (a queryset or list) in HSDS's page object, or all as ndjson."""
    if params["format"] == "ndjson":
        rows = records if isinstance(records, list) else records.iterator(chunk_size=NDJSON_CHUNK)
        # Streamed as it is read: the whole export is never held in memory.
        return StreamingHttpResponse(
            (_line(shape(row)) for row in rows), content_type=f"{NDJSON}; charset=utf-8"
        )
    page, per_page = params["page"], params["per_page"]
    total = len(records) if isinstance(records, list) else records.count()
    start = (page - 1) * per_page
    rows = list(records[start : start + per_page]) if start < total else []
    total_pages = math.ceil(total / per_page)
    response = json_response(
        {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": page,
            "size": len(rows),
            "first_page": page == 1,
            "last_page": page >= total_pages,
            "empty": not rows,
            "contents": [shape(row) for row in rows],
        }
    )
    return set_last_modified(response, queries.newest_edit(rows)) if dated else response


@api_view
def root(request):
    return json_response(
        {
            "version": HSDS_VERSION,
            "profile": mapping.absolute(reverse("open_data")) + "#profile",
            "openapi_url": mapping.absolute(reverse("hsds:openapi")),
            "publisher": settings.HSDS_PUBLISHER,
            "license": settings.HSDS_LICENSE,
        }
    )


@api_view
def openapi_document(request):
    return json_response(openapi.document())


# --- Services and services at locations ----------------------------------------------


def _offers(params: dict):
    needs_terms = params["full"] or params["taxonomy_term_id"] or params["taxonomy_id"]
    vocabulary = Vocabulary.load() if needs_terms else None
    offers = queries.filter_offers(queries.offers(full=params["full"]), params, vocabulary)
    return offers, vocabulary


def _offer_list(request, params_class, list_shape, full_shape):
    """Offers as services or services at locations: `list_shape`, or `full_shape` with full."""
    params = _params(request, params_class)
    offers, vocabulary = _offers(params)
    if params["full"]:
        context = _context(vocabulary)
        return _respond(offers, params, lambda offer: full_shape(offer, context))
    return _respond(offers, params, list_shape)


def _offer_detail(record_id: str, kind: str, what: str, full_shape):
    """One offer by the id it has as a `kind` record; `what` names that record in errors."""
    vocabulary = Vocabulary.load()
    offer = queries.offer_by_id(_uuid(record_id, what), kind, vocabulary)
    if offer is None:
        raise ApiError(404, f"No {what} has this id.")
    response = json_response(full_shape(offer, _context(vocabulary)))
    return set_last_modified(response, offer.clinic.updated_at)


@api_view(params=[ServiceParams])
def service_list(request):
    return _offer_list(request, ServiceParams, mapping.service_list, mapping.service_full)


@api_view
def service_detail(request, record_id):
    return _offer_detail(record_id, "service", "service", mapping.service_full)


@api_view(params=[ServiceAtLocationParams])
def service_at_location_list(request):
    return _offer_list(
        request,
        ServiceAtLocationParams,
        mapping.service_at_location_list,
        mapping.service_at_location_full,
    )


@api_view
def service_at_location_detail(request, record_id):
    return _offer_detail(
        record_id, "service_at_location", "service at location", mapping.service_at_location_full
    )


# --- Organizations -------------------------------------------------------------------


@api_view(params=[OrganizationParams])
def organization_list(request):
    params = _params(request, OrganizationParams)
    clinics = queries.filter_organizations(queries.organizations(full=params["full"]), params)
    if params["full"]:
        context = _context(Vocabulary.load())
        full_services = params["full_service"]
        return _respond(
            clinics,
            params,
            lambda clinic: mapping.organization_full(clinic, context, full_services=full_services),
        )
    return _respond(clinics, params, mapping.organization_list)


@api_view(params=[OrganizationDetailParams])
def organization_detail(request, record_id):
    params = _params(request, OrganizationDetailParams)
    record = _uuid(record_id, "organization")
    clinic = queries.organizations(full=True).filter(uuid=record).first()
    if clinic is None:
        raise ApiError(404, "No organization has this id.")
    context = _context(Vocabulary.load())
    data = mapping.organization_full(clinic, context, full_services=params["full_service"])
    return set_last_modified(json_response(data), clinic.updated_at)


# --- The taxonomy --------------------------------------------------------------------


def _matches(text: str, *fields: str) -> bool:
    words = text.casefold().split()
    haystack = " ".join(fields).casefold()
    return all(word in haystack for word in words)


@api_view(params=[TaxonomyParams])
def taxonomy_list(request):
    params = _params(request, TaxonomyParams)
    items = [
        t
        for t in TAXONOMIES.values()
        if not params["search"] or _matches(params["search"], t.name, t.description)
    ]
    return _respond(items, params, mapping.taxonomy, dated=False)


@api_view
def taxonomy_detail(request, record_id):
    record = _uuid(record_id, "taxonomy")
    found = next((t for t in TAXONOMIES.values() if t.id == record), None)
    if found is None:
        raise ApiError(404, "No taxonomy has this id.")
    return json_response(mapping.taxonomy(found))


@api_view(params=[TaxonomyTermParams])
def taxonomy_term_list(request):
    params = _params(request, TaxonomyTermParams)
    terms = Vocabulary.load().terms
    if params["taxonomy_id"]:
        terms = [t for t in terms if TAXONOMIES[t.taxonomy].id == params["taxonomy_id"]]
    if params["parent_id"]:
        terms = [t for t in terms if t.parent_id == params["parent_id"]]
    if params["top_only"]:
        terms = [t for t in terms if not t.parent]
    if params["search"]:
        terms = [t for t in terms if _matches(params["search"], t.code, t.name, t.description)]
    return _respond(terms, params, mapping.taxonomy_term, dated=False)


@api_view
def taxonomy_term_detail(request, record_id):
    record = _uuid(record_id, "taxonomy term")
    term = Vocabulary.load().by_id.get(record)
    if term is None:
        raise ApiError(404, "No taxonomy term has this id.")
    return json_response(mapping.taxonomy_term(term, detail=True))


@api_view
def not_found(request, path=""):
    raise ApiError(404, "There is no such endpoint; see openapi.json for those there are.")
