"""Stable identifiers for everything the HSDS API publishes.

HSDS wants every record to keep its id for good, so that another directory can
follow it through edits. Slugs change when a clinic is renamed, and primary keys
differ between databases, so neither will do:

- An organization is its clinic's own random UUID (``Clinic.uuid``), stored once and
  never changed; an import keeps the id it came with.
- Records an id is looked up by (``/services/{id}``, ``/service_at_locations/{id}``)
  are the clinic's UUID XOR a key: a UUID5 of our namespace and the record's stable
  name ("service:iv-infusion"), with the version and variant bits cleared so the
  result keeps the clinic UUID's own. The same clinic and treatment always give the
  same id, in any database, and the clinic is found again with one indexed query:
  XOR the id with each treatment's key and look the candidates up.
- Records nobody looks up by id (phones, schedules, attributes…) are UUID5s of their
  parent's id and a name ("phone:main").
- Taxonomies and their terms are UUID5s of our namespace and their codes.

NAMESPACE must never change: every published id derives from it.
"""

from __future__ import annotations

import uuid

NAMESPACE = uuid.UUID("e4b0a64e-4567-4a29-9b0d-4cb7b8ef98fd")

# The version nibble and the variant bits of a UUID, left as they are by `derived_id`.
_FIXED_BITS = (0xF << 76) | (0x3 << 62)


def _key(name: str) -> int:
    return uuid.uuid5(NAMESPACE, name).int & ~_FIXED_BITS


def derived_id(base: uuid.UUID, name: str) -> uuid.UUID:
    """The id of the record called `name` that belongs to `base` (reversible)."""
    return uuid.UUID(int=base.int ^ _key(name))


def base_candidates(record_id: uuid.UUID, names) -> dict[uuid.UUID, str]:
    """For each possible name, the base id `record_id` would have been derived from."""
    return {uuid.UUID(int=record_id.int ^ _key(name)): name for name in names}


def child_id(parent: uuid.UUID | str, name: str) -> uuid.UUID:
    """The id of a record that is only ever read inside its parent."""
    return uuid.uuid5(uuid.UUID(str(parent)), name)


def taxonomy_id(code: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"taxonomy:{code}")


def term_id(taxonomy_code: str, term_code: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"term:{taxonomy_code}:{term_code}")


def location_id(clinic_uuid: uuid.UUID) -> uuid.UUID:
    return derived_id(clinic_uuid, "location")


def service_id(clinic_uuid: uuid.UUID, treatment_slug: str) -> uuid.UUID:
    return derived_id(clinic_uuid, f"service:{treatment_slug}")


def service_at_location_id(clinic_uuid: uuid.UUID, treatment_slug: str) -> uuid.UUID:
    return derived_id(clinic_uuid, f"service_at_location:{treatment_slug}")
