"""The CSV resource shares the admin's one clinic field list, and bumps versions atomically."""

import pytest

from clinics.admin import ClinicAdmin
from clinics.admin_forms import CLINIC_EDITABLE_FIELDS, ClinicAdminForm
from clinics.models import Clinic
from clinics.resources import ClinicResource, neutralise_formula, restore_formula
from tests.factories import ClinicFactory


def test_csv_columns_are_the_admin_form_fields_keyed_by_slug():
    columns = [field.column_name for field in ClinicResource().get_export_fields()]

    assert columns[0] == "slug"
    assert columns[-4:] == [
        "treatments",
        "rems_certified_treatments",
        "coverage",
        "last_verified_on",
    ]
    assert sorted(columns[1:-4]) == sorted(set(CLINIC_EDITABLE_FIELDS) - {"slug"})


def test_admin_fieldsets_show_every_form_field_once():
    shown = [name for _, options in ClinicAdmin.fieldsets for name in options["fields"]]

    assert len(shown) == len(set(shown))
    assert set(ClinicAdminForm._meta.fields) <= set(shown)


@pytest.mark.django_db
def test_import_bumps_the_version_from_the_database_not_from_the_loaded_row():
    clinic = ClinicFactory()
    loaded = Clinic.objects.get(pk=clinic.pk)
    # Someone saves in between: the database is now at version 5, the loaded row at 1.
    Clinic.objects.filter(pk=clinic.pk).update(version=5)
    loaded.description = "From the spreadsheet."

    ClinicResource().do_instance_save(loaded, is_create=False)

    assert Clinic.objects.get(pk=clinic.pk).version == 6


@pytest.mark.parametrize(
    ("stored", "exported"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTabbed", "'\tTabbed"),
        ("\rReturn", "'\rReturn"),
        ("'=already quoted", "''=already quoted"),
        ("'just a quote", "'just a quote"),
        ("+19165550123", "+19165550123"),
        ("-121.49", "-121.49"),
        ("Plain text", "Plain text"),
        ("", ""),
    ],
)
def test_formula_cells_are_quoted_on_export_and_restored_on_import(stored, exported):
    assert neutralise_formula(stored) == exported
    assert restore_formula(exported) == stored
