"""manage.py import_hsds: HSDS packages in, draft clinics out, all or nothing."""

import csv
import datetime
import json
import uuid
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from clinics.hsds import ids
from clinics.models import Clinic, ClinicTreatment, OpeningHours
from tests.clinics.hsds_helpers import get, make_directory
from tests.factories import ClinicFactory, condition

pytestmark = pytest.mark.django_db


def export(client, tmp_path, name="export.ndjson"):
    """Our own full export, as a consumer would save it."""
    lines, response = get(client, "organizations?full=true&full_service=true&format=ndjson")
    assert response.status_code == 200
    path = tmp_path / name
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return path, lines


def run(*args) -> str:
    out = StringIO()
    call_command("import_hsds", *map(str, args), stdout=out, stderr=out)
    return out.getvalue()


def snapshot(clinic: Clinic) -> dict:
    return {
        "uuid": clinic.uuid,
        "name": clinic.name,
        "address": (clinic.street_address, clinic.city, clinic.state, clinic.zip_code),
        "phone": clinic.phone,
        "contact": (clinic.email, clinic.website, clinic.booking_url),
        "flags": (
            clinic.is_demo,
            clinic.accepting_new_patients,
            clinic.wheelchair_accessible,
            clinic.self_pay,
            clinic.accepts_hsa_fsa,
            clinic.referral_required,
        ),
        "languages": sorted(clinic.languages),
        "conditions": sorted(clinic.conditions.values_list("slug", flat=True)),
        "hours": sorted(clinic.opening_hours.values_list("weekday", "opens", "closes")),
        # Only what was published can come back.
        "offers": sorted(
            (o.treatment.slug, o.price_min, o.price_max, o.rems_certified)
            for o in clinic.clinic_treatments.listed().select_related("treatment")
        ),
        "cover": sorted(
            ClinicTreatment.insurance_plans.through.objects.filter(
                clinictreatment__clinic=clinic
            ).values_list("clinictreatment__treatment__slug", "insuranceplan__slug")
        ),
    }


def test_an_export_imported_into_an_empty_directory_recreates_the_clinics_as_drafts(
    client, tmp_path
):
    directory = make_directory()
    path, _ = export(client, tmp_path)
    public = [directory.riverside, directory.foothill, directory.hidden_at]
    before = {c.uuid: snapshot(c) for c in public}
    Clinic.objects.all().delete()

    output = run(path)

    assert "3 created, 0 updated, 0 skipped" in output
    clinics = Clinic.objects.all()
    assert {c.status for c in clinics} == {Clinic.Status.DRAFT}
    assert {c.last_verified_on for c in clinics} == {None}
    for clinic in clinics:
        assert snapshot(clinic) == before[clinic.uuid], clinic.name


def test_the_recreated_clinics_keep_their_service_ids(client, tmp_path):
    directory = make_directory()
    path, _ = export(client, tmp_path)
    wanted = str(ids.service_id(directory.riverside.uuid, "iv-infusion"))
    Clinic.objects.all().delete()
    run(path)
    Clinic.objects.update(status=Clinic.Status.LISTED)
    data, response = get(client, f"services/{wanted}")
    assert response.status_code == 200
    assert data["name"] == "IV infusion"


def test_drafts_are_not_public(client, tmp_path):
    make_directory()
    path, _ = export(client, tmp_path)
    Clinic.objects.all().delete()
    run(path)
    data, _ = get(client, "organizations")
    assert data["total_items"] == 0
    assert client.get("/clinics/riverside-ketamine/").status_code == 404


def test_a_dry_run_reports_and_writes_nothing(client, tmp_path):
    make_directory()
    path, _ = export(client, tmp_path)
    Clinic.objects.all().delete()
    output = run(path, "--dry-run")
    assert "Dry run, nothing written: 3 created" in output
    assert "created  Riverside Ketamine" in output
    assert not Clinic.objects.exists()


def test_importing_the_same_package_again_changes_nothing(client, tmp_path):
    make_directory()
    path, _ = export(client, tmp_path)
    Clinic.objects.all().delete()
    run(path)
    output = run(path)
    assert "0 created, 0 updated, 3 skipped" in output
    assert "no changes" in output


def test_a_changed_draft_is_updated(client, tmp_path):
    make_directory()
    path, lines = export(client, tmp_path)
    Clinic.objects.all().delete()
    run(path)
    lines[0]["name"] = lines[0]["name"] + " Renamed"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    output = run(path)
    assert "1 updated" in output
    assert Clinic.objects.filter(name__endswith=" Renamed", status="draft").count() == 1


def test_a_clinic_already_public_is_left_alone(client, tmp_path):
    directory = make_directory()
    path, _ = export(client, tmp_path)
    output = run(path)
    assert "0 created, 0 updated, 3 skipped" in output
    assert "already in the directory as listed (/clinics/riverside-ketamine/)" in output
    directory.riverside.refresh_from_db()
    assert directory.riverside.status == Clinic.Status.LISTED


def test_a_clinic_is_matched_by_name_and_address_when_ids_differ(client, tmp_path):
    make_directory()
    path, lines = export(client, tmp_path)
    for line in lines:
        line["id"] = str(uuid.uuid4())
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    output = run(path, "--dry-run")
    assert "3 skipped" in output


def test_invalid_records_are_all_reported_and_nothing_is_imported(client, tmp_path):
    make_directory()
    path, lines = export(client, tmp_path)
    Clinic.objects.all().delete()
    lines[0]["locations"][0]["addresses"][0]["postal_code"] = "ABCDE"
    lines[1]["id"] = "not-a-uuid"
    lines[2]["phones"][0]["number"] = "12"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    with pytest.raises(CommandError, match="Nothing was imported"):
        run(path)
    assert not Clinic.objects.exists()


def test_each_error_names_its_record(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([{"id": str(uuid.uuid4()), "name": "No Address Clinic"}]))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_hsds", str(path), stdout=StringIO(), stderr=err)
    assert "organization 1 (No Address Clinic): zip_code:" in err.getvalue()


def test_a_service_of_another_kind_is_skipped_with_the_reason(tmp_path):
    record = organization_record(
        services=[{"id": str(uuid.uuid4()), "name": "Yoga class", "status": "active"}]
    )
    path = tmp_path / "one.json"
    path.write_text(json.dumps([record]))
    output = run(path)
    assert "service 'Yoga class' skipped: no treatment of ours matches it" in output
    assert Clinic.objects.get().status == Clinic.Status.DRAFT


def test_spravato_without_rems_certification_is_imported_hidden(tmp_path):
    record = organization_record(
        services=[
            {
                "id": str(uuid.uuid4()),
                "name": "Esketamine (Spravato) nasal spray",
                "status": "active",
            }
        ]
    )
    path = tmp_path / "one.json"
    path.write_text(json.dumps([record]))
    run(path)
    offer = ClinicTreatment.objects.get()
    assert not offer.is_listed
    assert offer.hidden_reason == ClinicTreatment.HiddenReason.REMS_NOT_RECORDED


def test_a_package_of_services_is_read_as_their_organizations(client, tmp_path):
    make_directory()
    lines, _ = get(client, "services?full=true&format=ndjson")
    Clinic.objects.all().delete()
    path = tmp_path / "services.json"
    path.write_text(json.dumps(lines))
    output = run(path, "--dry-run")
    assert "2 created" in output  # the clinic hiding its only service has none to give


def organization_record(**extra) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "name": "Elsewhere Wellness",
        "description": "A clinic from another directory.",
        "locations": [
            {
                "id": str(uuid.uuid4()),
                "location_type": "physical",
                "addresses": [
                    {
                        "id": str(uuid.uuid4()),
                        "address_1": "1 Capitol Mall",
                        "city": "Sacramento",
                        "state_province": "CA",
                        "postal_code": "95814",
                        "country": "US",
                        "address_type": "physical",
                    }
                ],
                "phones": [{"id": str(uuid.uuid4()), "number": "916-555-0142"}],
            }
        ],
        **extra,
    }


# --- Tabular data packages ------------------------------------------------------------------


def write_csv(folder, name, rows):
    with (folder / name).open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def tabular(tmp_path):
    org, loc, svc = (str(uuid.uuid4()) for _ in range(3))
    tables = {
        "organization": (
            "organizations.csv",
            [
                {
                    "id": org,
                    "name": "Tabular Infusions",
                    "description": "From a CSV package.",
                    "email": "",
                    "website": "https://tabular.example.org/",
                }
            ],
        ),
        "location": (
            "locations.csv",
            [
                {
                    "id": loc,
                    "location_type": "physical",
                    "organization_id": org,
                    "name": "Tabular Infusions",
                    "latitude": "38.57",
                    "longitude": "-121.47",
                }
            ],
        ),
        "address": (
            "addresses.csv",
            [
                {
                    "id": str(uuid.uuid4()),
                    "location_id": loc,
                    "address_1": "2 K Street",
                    "city": "Sacramento",
                    "state_province": "CA",
                    "postal_code": "95814",
                    "country": "US",
                    "address_type": "physical",
                }
            ],
        ),
        "phone": (
            "phones.csv",
            [
                {
                    "id": str(uuid.uuid4()),
                    "location_id": loc,
                    "organization_id": "",
                    "number": "(916) 555-0150",
                }
            ],
        ),
        "language": (
            "languages.csv",
            [{"id": str(uuid.uuid4()), "location_id": loc, "name": "Spanish", "code": "es"}],
        ),
        "schedule": (
            "schedules.csv",
            [
                {
                    "id": str(uuid.uuid4()),
                    "location_id": loc,
                    "freq": "WEEKLY",
                    "byday": "MO,WE",
                    "opens_at": "08:30",
                    "closes_at": "16:00",
                }
            ],
        ),
        "service": (
            "services.csv",
            [{"id": svc, "organization_id": org, "name": "IV infusion", "status": "active"}],
        ),
        "service_at_location": (
            "service_at_location.csv",
            [{"id": str(uuid.uuid4()), "service_id": svc, "location_id": loc}],
        ),
        "cost_option": (
            "cost_options.csv",
            [
                {
                    "id": str(uuid.uuid4()),
                    "service_id": svc,
                    "option": "Self-pay",
                    "currency": "USD",
                    "amount": "500",
                    "amount_description": "",
                }
            ],
        ),
        "attribute": (
            "attributes.csv",
            [
                {
                    "id": str(uuid.uuid4()),
                    "link_id": svc,
                    "taxonomy_term_id": "t1",
                    "link_entity": "service",
                }
            ],
        ),
        "taxonomy_term": (
            "taxonomy_terms.csv",
            [{"id": "t1", "name": "PTSD", "description": "Post-traumatic stress disorder"}],
        ),
    }
    for file, rows in tables.values():
        write_csv(tmp_path, file, rows)
    (tmp_path / "datapackage.json").write_text(
        json.dumps(
            {
                "profile": "tabular-data-package",
                "resources": [{"name": name, "path": file} for name, (file, _) in tables.items()],
            }
        )
    )
    return tmp_path


def test_a_tabular_data_package_is_imported_as_a_draft(tabular):
    output = run(tabular)
    assert "1 created" in output
    clinic = Clinic.objects.get()
    assert clinic.status == Clinic.Status.DRAFT
    assert (clinic.name, clinic.street_address, clinic.zip_code) == (
        "Tabular Infusions",
        "2 K Street",
        "95814",
    )
    assert clinic.phone == "+19165550150"
    assert clinic.languages == ["es"]
    assert list(clinic.conditions.all()) == [condition("ptsd")]
    assert sorted(clinic.opening_hours.values_list("weekday", "opens", "closes")) == [
        (OpeningHours.Weekday.MONDAY, datetime.time(8, 30), datetime.time(16)),
        (OpeningHours.Weekday.WEDNESDAY, datetime.time(8, 30), datetime.time(16)),
    ]
    offer = clinic.clinic_treatments.get()
    assert (offer.treatment.slug, offer.price_min, offer.price_max) == ("iv-infusion", 500, 500)


def test_the_datapackage_json_path_works_as_well_as_its_folder(tabular):
    assert "1 created" in run(tabular / "datapackage.json", "--dry-run")


def test_a_missing_or_unreadable_package_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run(tmp_path / "missing.json")
    (tmp_path / "broken.json").write_text("{not json")
    with pytest.raises(CommandError, match="not valid JSON"):
        run(tmp_path / "broken.json")


def test_matching_uses_the_stable_id_first(client, tmp_path):
    existing = ClinicFactory(name="Old Name Clinic", status=Clinic.Status.DRAFT)
    record = organization_record(id=str(existing.uuid), name="New Name Clinic")
    path = tmp_path / "one.json"
    path.write_text(json.dumps([record]))
    assert "1 updated" in run(path)
    existing.refresh_from_db()
    assert existing.name == "New Name Clinic"
    assert existing.slug != ""
