"""The vendored HSDS 3.0 schemas are the official files, unmodified, with their licence."""

import hashlib
import uuid

from tests.clinics.hsds_schemas import SCHEMA_DIR, errors


def test_the_vendored_schemas_are_unmodified():
    listed = {}
    for line in (SCHEMA_DIR / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        listed[name.removeprefix("./")] = digest
    on_disk = {
        path.relative_to(SCHEMA_DIR).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in SCHEMA_DIR.rglob("*.json")
    }
    assert on_disk == listed


def test_the_licence_and_attribution_travel_with_them():
    licence = (SCHEMA_DIR / "LICENSE").read_text()
    assert "Creative Commons Attribution Share-Alike 4.0" in licence
    readme = (SCHEMA_DIR / "README.md").read_text()
    assert "an Open Referral resource" in readme
    assert "c457a0e3ecb0cfe43525ea8bcdbfd62542ed6730" in readme


def test_the_validation_checks_formats_and_unknown_properties():
    """uuid, uri and date-time are checked (not just typed), and strict mode finds extras."""
    record = {"id": str(uuid.uuid4()), "name": "A service", "status": "active"}
    assert errors(record, "compiled/service_list.json") == []
    assert errors({**record, "id": "42"}, "compiled/service_list.json")
    assert errors({**record, "url": "not a uri"}, "compiled/service_list.json")
    assert errors({**record, "last_modified": "yesterday"}, "compiled/service_list.json")
    found = errors({**record, "colour": "blue"}, "compiled/service_list.json")
    assert found == ["strict : Additional properties are not allowed ('colour' was unexpected)"]
