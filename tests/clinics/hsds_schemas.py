"""Validate HSDS API responses against the vendored official HSDS 3.0 schemas, offline.

The OpenAPI document refers to the schemas by their published addresses (tag v3.0);
a `referencing` registry answers those addresses with the vendored copies in
clinics/hsds/schema/, so nothing is fetched. Two passes: as published (extra
properties allowed, as HSDS allows them), and strict, with ``additionalProperties:
false`` put into every object schema, so a property HSDS does not define is caught.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from clinics.hsds.openapi import HSDS_SCHEMAS

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "clinics" / "hsds" / "schema"
FORMATS = Draft202012Validator.FORMAT_CHECKER


def schema_files() -> list[Path]:
    return sorted(path for path in SCHEMA_DIR.rglob("*.json") if path.name != "openapi.json")


def _strict(node):
    """A copy of `node` in which no object schema allows properties it does not name."""
    if isinstance(node, list):
        return [_strict(item) for item in node]
    if not isinstance(node, dict):
        return node
    strict = {key: _strict(value) for key, value in node.items()}
    if "properties" in node and isinstance(node["properties"], dict):
        # Property names are data here, not schemas: keep them, recurse into their schemas.
        strict["properties"] = {name: _strict(s) for name, s in node["properties"].items()}
        strict.setdefault("additionalProperties", False)
    return strict


@functools.cache
def registry(strict: bool = False) -> Registry:
    resources = []
    for path in schema_files():
        contents = json.loads(path.read_text())
        if strict:
            contents = _strict(contents)
        uri = HSDS_SCHEMAS + path.relative_to(SCHEMA_DIR).as_posix()
        resources.append((uri, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


@functools.cache
def validator(name: str, strict: bool = False) -> Draft202012Validator:
    """A validator for the vendored schema `name` (e.g. "compiled/service.json")."""
    return Draft202012Validator(
        {"$ref": HSDS_SCHEMAS + name}, registry=registry(strict), format_checker=FORMATS
    )


def errors(instance, name: str) -> list[str]:
    """Every way `instance` breaks schema `name`, published and strict."""
    found = []
    for strict in (False, True):
        for error in validator(name, strict).iter_errors(instance):
            path = "/".join(str(part) for part in error.absolute_path)
            found.append(f"{'strict ' if strict else ''}{path}: {error.message}")
    return found


def openapi_validator(schema: dict, document: dict) -> Draft202012Validator:
    """A validator for a schema inside our OpenAPI document (its #/components refs work)."""
    root = {**document, "__schema__": schema}
    resource = Resource.from_contents(root, default_specification=DRAFT202012)
    return Draft202012Validator(
        {"$ref": "urn:hsds-api#/__schema__"},
        registry=registry().with_resource("urn:hsds-api", resource),
        format_checker=FORMATS,
    )
