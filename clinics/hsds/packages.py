"""Reading HSDS 3.0 data from files: JSON packages and tabular data packages.

``read_package`` returns organizations nested as the API's full shape (locations,
services, their schedules, cost options and attributes), whatever the file held: an
array (or ndjson) of organizations, of services, or of services at locations, or a
tabular data package (``datapackage.json`` beside HSDS's CSV files), whose tables are
joined by their ids here. clinics.hsds.importer turns them into draft clinics.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path


class PackageError(Exception):
    """The file is not an HSDS package we can read (the message says why)."""


# --- JSON ----------------------------------------------------------------


def read_package(path: Path) -> list[dict]:
    """The organizations in a JSON package or a tabular data package, nested."""
    path = Path(path)
    if path.is_dir():
        path = path / "datapackage.json"
    if not path.exists():
        raise PackageError(f"No such file: {path}")
    if path.name == "datapackage.json":
        return read_tabular(path)
    text = path.read_text(encoding="utf-8-sig")
    try:
        if path.suffix in {".ndjson", ".jsonl"}:
            data = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            data = json.loads(text)
    except json.JSONDecodeError as error:
        raise PackageError(f"{path.name} is not valid JSON: {error}") from None
    if isinstance(data, dict):
        data = data.get("contents", [data])  # an API page, or a single record
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise PackageError("Expected an array of HSDS organizations, services or locations.")
    return as_organizations(data)


def as_organizations(records: list[dict]) -> list[dict]:
    """Organizations from records that are organizations, services or services at locations."""
    organizations, by_id = [], {}

    def organization_for(data: dict | None, fallback_id) -> dict:
        data = dict(data or {"id": fallback_id})
        key = data.get("id") or fallback_id
        if key not in by_id:
            data.setdefault("services", [])
            data.setdefault("locations", [])
            by_id[key] = data
            organizations.append(data)
        return by_id[key]

    for record in records:
        if "service" in record and "location" in record:  # a service at a location
            service = dict(record["service"])
            service.setdefault("service_at_locations", [{"location": record["location"]}])
            record = service
        if "status" in record or "organization" in record:  # a service
            organization = organization_for(
                record.get("organization"), record.get("organization_id")
            )
            organization["services"].append(record)
            for link in record.get("service_at_locations") or []:
                location = link.get("location")
                known = {loc.get("id") for loc in organization["locations"]}
                if location and location.get("id") not in known:
                    organization["locations"].append(location)
        else:
            organization = organization_for(record, record.get("id"))
            if organization is not record:
                organization.update({k: v for k, v in record.items() if k not in organization})
    return organizations


# --- Tabular data packages --------------------------------------------------

# Fields HSDS types as numbers; CSV cells are text.
NUMBERS = {"latitude", "longitude", "amount", "timezone", "count", "interval", "extension"}


def read_tabular(path: Path) -> list[dict]:
    """Nest the tables of an HSDS tabular data package into organizations."""
    try:
        package = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as error:
        raise PackageError(f"datapackage.json is not valid JSON: {error}") from None
    tables = {}
    for resource in package.get("resources", []):
        file = path.parent / resource.get("path", "")
        if resource.get("name") and file.is_file():
            with file.open(newline="", encoding="utf-8-sig") as handle:
                tables[resource["name"]] = [_typed(row) for row in csv.DictReader(handle)]
    if "organization" not in tables:
        raise PackageError("The data package has no organizations table (organizations.csv).")

    def by(table: str, key: str) -> dict[str, list[dict]]:
        grouped = defaultdict(list)
        for row in tables.get(table, []):
            if row.get(key):
                grouped[row[key]].append(row)
        return grouped

    terms = {row["id"]: row for row in tables.get("taxonomy_term", []) if row.get("id")}
    attributes = by("attribute", "link_id")

    def with_attributes(row: dict) -> dict:
        row["attributes"] = [
            {**attribute, "taxonomy_term": terms.get(attribute.get("taxonomy_term_id"), {})}
            for attribute in attributes.get(row.get("id"), [])
        ]
        return row

    locations = {}
    for row in tables.get("location", []):
        lid = row.get("id")
        locations[lid] = with_attributes(
            {
                **row,
                "addresses": by("address", "location_id").get(lid, []),
                "phones": by("phone", "location_id").get(lid, []),
                "languages": by("language", "location_id").get(lid, []),
                "accessibility": by("accessibility", "location_id").get(lid, []),
                "schedules": by("schedule", "location_id").get(lid, []),
            }
        )
    services = by("service", "organization_id")
    links = by("service_at_location", "service_id")
    cost_options = by("cost_option", "service_id")
    organizations = []
    for row in tables["organization"]:
        oid = row.get("id")
        nested_services = []
        for service in services.get(oid, []):
            sid = service.get("id")
            service["cost_options"] = cost_options.get(sid, [])
            service["service_at_locations"] = [
                {**link, "location": locations.get(link.get("location_id"), {})}
                for link in links.get(sid, [])
            ]
            nested_services.append(with_attributes(service))
        own_locations = [loc for loc in locations.values() if loc.get("organization_id") == oid]
        organizations.append(
            with_attributes(
                {
                    **row,
                    "phones": by("phone", "organization_id").get(oid, []),
                    "locations": own_locations,
                    "services": nested_services,
                }
            )
        )
    return organizations


def _typed(row: dict) -> dict:
    typed = {}
    for key, value in row.items():
        value = (value or "").strip()
        if value == "":
            continue
        if key in NUMBERS:
            try:
                value = float(value)
            except ValueError:
                pass  # reported when the record is checked
        typed[key] = value
    return typed
