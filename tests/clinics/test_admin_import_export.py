"""CSV export and import of clinics: dry run, row errors, matching by slug, idempotent re-import."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clinics.models import Clinic
from clinics.resources import ClinicResource
from tests.factories import ClinicFactory, condition, directory_admin_user, insurance

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user_client(client):
    client.force_login(directory_admin_user(username="importer"))
    return client


@pytest.fixture
def clinics():
    first = ClinicFactory(
        name="Alpha Infusions",
        slug="alpha-infusions",
        languages=["en", "es"],
        conditions=[condition("ptsd"), condition("depression")],
        insurance_plans=[insurance("medicare")],
        clinician_credentials=["anesthesiologist"],
    )
    second = ClinicFactory(
        name="Beta Wellness", slug="beta-wellness", latitude=38.6, longitude=-121.4
    )
    return [first, second]


def export_csv(client) -> str:
    form = client.get("/admin/clinics/clinic/export/").context["form"]
    data = {"format": "0", "resource": "0"}
    data.update(
        {name: "on" for name, field in form.fields.items() if name.startswith("clinicresource_")}
    )
    response = client.post("/admin/clinics/clinic/export/", data)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return response.content.decode()


def dry_run(client, text: str):
    upload = SimpleUploadedFile("clinics.csv", text.encode(), content_type="text/csv")
    return client.post(
        "/admin/clinics/clinic/import/", {"import_file": upload, "format": "0", "resource": "0"}
    )


def import_csv(client, text: str):
    preview = dry_run(client, text)
    assert preview.context["result"].has_errors() is False
    confirm = preview.context["confirm_form"]
    response = client.post("/admin/clinics/clinic/process_import/", confirm.initial)
    assert response.status_code == 302
    return preview.context["result"]


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def write_rows(table: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(table[0]))
    writer.writeheader()
    writer.writerows(table)
    return out.getvalue()


def test_export_writes_lists_as_readable_slugs(admin_user_client, clinics):
    exported = {row["slug"]: row for row in rows(export_csv(admin_user_client))}

    alpha = exported["alpha-infusions"]
    assert alpha["conditions"] == "depression|ptsd"
    assert alpha["insurance_plans"] == "medicare"
    assert alpha["languages"] == "en|es"
    assert alpha["clinician_credentials"] == "anesthesiologist"


def test_reimporting_an_export_changes_nothing(admin_user_client, clinics):
    exported = export_csv(admin_user_client)
    before = list(Clinic.objects.order_by("pk").values())
    history_before = Clinic.history.count()

    result = import_csv(admin_user_client, exported)

    assert result.totals["skip"] == 2
    assert result.totals["update"] == result.totals["new"] == 0
    assert list(Clinic.objects.order_by("pk").values()) == before
    assert Clinic.history.count() == history_before


def test_import_updates_rows_matched_by_slug_and_creates_new_ones(admin_user_client, clinics):
    table = rows(export_csv(admin_user_client))
    table[0]["description"] = "Updated from the spreadsheet."
    table[0]["conditions"] = "anxiety"
    new_row = dict(table[1], slug="gamma-care", name="Gamma Care", phone="+19165550150")
    table.append(new_row)

    result = import_csv(admin_user_client, write_rows(table))

    assert (result.totals["update"], result.totals["new"], result.totals["skip"]) == (1, 1, 1)
    alpha = Clinic.objects.get(slug="alpha-infusions")
    assert alpha.description == "Updated from the spreadsheet."
    assert [c.slug for c in alpha.conditions.all()] == ["anxiety"]
    assert alpha.version == 2
    assert Clinic.objects.get(slug="gamma-care").name == "Gamma Care"
    assert alpha.history.first().history_user.username == "importer"

    second = import_csv(admin_user_client, write_rows(table))
    assert second.totals["skip"] == 3


def test_dry_run_shows_row_errors_and_saves_nothing(admin_user_client, clinics):
    table = rows(export_csv(admin_user_client))
    table[0]["zip_code"] = "ABCDE"
    table[1]["conditions"] = "ptsd|not-a-condition"
    table[1]["description"] = "Should not be saved."
    before = list(Clinic.objects.order_by("pk").values())

    response = dry_run(admin_user_client, write_rows(table))

    assert response.status_code == 200
    assert "confirm_form" not in response.context
    page = response.content.decode()
    assert "five-digit ZIP code" in page
    assert "not-a-condition" in page
    assert list(Clinic.objects.order_by("pk").values()) == before


def test_dry_run_preview_lists_the_changes_before_anything_is_saved(admin_user_client, clinics):
    table = rows(export_csv(admin_user_client))
    table[0]["description"] = "Preview me."

    response = dry_run(admin_user_client, write_rows(table))

    assert response.context["result"].totals["update"] == 1
    assert "Preview me" in response.content.decode()
    assert Clinic.objects.get(slug="alpha-infusions").description != "Preview me."


def test_import_never_sets_verification(admin_user_client, clinics):
    table = rows(export_csv(admin_user_client))
    table[0]["last_verified_on"] = "1999-01-01"

    import_csv(admin_user_client, write_rows(table))

    assert Clinic.objects.get(slug="alpha-infusions").last_verified_on.year != 1999


def test_resource_round_trip_without_the_admin(clinics):
    dataset = ClinicResource().export()

    result = ClinicResource().import_data(dataset, dry_run=False)

    assert not result.has_errors()
    assert result.totals["skip"] == 2


def test_staff_see_no_import_or_export_buttons(client, clinics):
    from tests.factories import clinic_staff_user

    client.force_login(clinic_staff_user(clinics[0]))

    response = client.get("/admin/clinics/clinic/")

    assert response.status_code == 200
    assert b"/admin/clinics/clinic/import/" not in response.content
    assert b"/admin/clinics/clinic/export/" not in response.content


def test_directory_admins_see_import_and_export_buttons(admin_user_client, clinics):
    response = admin_user_client.get("/admin/clinics/clinic/")

    assert b"/admin/clinics/clinic/import/" in response.content
    assert b"/admin/clinics/clinic/export/" in response.content


# --- Spreadsheet formulas ("CSV injection") -------------------------------------------


@pytest.fixture
def formula_clinic():
    return ClinicFactory(
        slug="formula-clinic",
        description='=HYPERLINK("https://evil.example/","Click me")',
        medical_director="@SUM(1+1)",
        street_address="-2+3 Example Street",
        phone="+19165550177",
        longitude=-121.4,
        latitude=38.6,
    )


def test_export_quotes_cells_a_spreadsheet_would_run_as_formulas(admin_user_client, formula_clinic):
    [row] = rows(export_csv(admin_user_client))

    assert row["description"] == '\'=HYPERLINK("https://evil.example/","Click me")'
    assert row["medical_director"] == "'@SUM(1+1)"
    assert row["street_address"] == "'-2+3 Example Street"


def test_export_leaves_plain_numbers_alone(admin_user_client, formula_clinic):
    [row] = rows(export_csv(admin_user_client))

    assert row["phone"] == "+19165550177"
    assert row["longitude"].startswith("-121.4")


def test_reimporting_an_export_with_quoted_formulas_changes_nothing(
    admin_user_client, formula_clinic
):
    before = list(Clinic.objects.values())

    result = import_csv(admin_user_client, export_csv(admin_user_client))

    assert result.totals["skip"] == 1
    assert list(Clinic.objects.values()) == before


def test_import_keeps_a_typed_leading_dash_as_text(admin_user_client, clinics):
    table = rows(export_csv(admin_user_client))
    table[0]["description"] = "- Walk-ins welcome\n- Free parking"

    import_csv(admin_user_client, write_rows(table))

    assert Clinic.objects.get(slug="alpha-infusions").description == (
        "- Walk-ins welcome\n- Free parking"
    )
