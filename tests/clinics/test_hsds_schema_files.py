"""The vendored HSDS 3.0 schemas are the official files, unmodified, with their licence."""

import hashlib

from tests.clinics.hsds_schemas import SCHEMA_DIR


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
