"""Spravato only at REMS-certified clinics: the model, the services, the admin, the CSV
import and the database all refuse an uncertified listing, and offerings hidden for want
of certification stay out of every public page until it is recorded."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.utils.html import escape

from clinics import services
from clinics.models import ClinicTreatment, Treatment
from clinics.resources import ClinicResource
from tests.clinics.admin_helpers import clinic_post_data
from tests.factories import (
    ClinicFactory,
    ClinicTreatmentFactory,
    clinic_staff_user,
    directory_admin_user,
    treatment,
)

pytestmark = pytest.mark.django_db

HIDDEN = ClinicTreatment.HiddenReason.REMS_NOT_RECORDED
REFUSAL = "can only be listed by a clinic certified under its REMS"
WARNING = (
    "Esketamine (Spravato) nasal spray is hidden from the public listing until the "
    "clinic's REMS certification is recorded."
)


def hide(offering: ClinicTreatment) -> ClinicTreatment:
    """An offering as migration 0010 left one it found uncertified (a valid state)."""
    ClinicTreatment.objects.filter(pk=offering.pk).update(is_listed=False, hidden_reason=HIDDEN)
    ClinicTreatment.objects.filter(pk=offering.pk).update(rems_certified=False)
    offering.refresh_from_db()
    return offering


@pytest.fixture
def clinic():
    return ClinicFactory(name="Uncertified Clinic", slug="uncertified-clinic")


@pytest.fixture
def hidden_spravato(clinic):
    offering = ClinicTreatmentFactory(
        clinic=clinic, treatment=treatment("spravato"), price_min=500, price_max=800
    )
    ClinicTreatmentFactory(clinic=clinic, treatment=treatment("iv-infusion"), price_min=450)
    return hide(offering)


# --- The model ---------------------------------------------------------------------------


def test_spravato_is_the_treatment_that_requires_rems():
    assert list(Treatment.objects.filter(requires_rems=True).values_list("slug", flat=True)) == [
        "spravato"
    ]


def test_clean_refuses_spravato_without_certification_in_plain_words(clinic):
    offering = ClinicTreatment(clinic=clinic, treatment=treatment("spravato"))

    with pytest.raises(ValidationError) as refused:
        offering.full_clean()

    [message] = refused.value.message_dict["rems_certified"]
    assert REFUSAL in message
    assert "FDA safety program" in message


def test_clean_accepts_spravato_with_certification(clinic):
    ClinicTreatment(
        clinic=clinic, treatment=treatment("spravato"), rems_certified=True
    ).full_clean()


def test_clean_accepts_other_treatments_without_certification(clinic):
    ClinicTreatment(clinic=clinic, treatment=treatment("iv-infusion")).full_clean()


def test_a_hidden_offering_may_be_edited_and_stays_hidden(hidden_spravato):
    hidden_spravato.price_min = 550
    hidden_spravato.full_clean()
    hidden_spravato.save()

    hidden_spravato.refresh_from_db()
    assert (hidden_spravato.is_listed, hidden_spravato.price_min) == (False, 550)


def test_recording_certification_lists_a_hidden_offering_again(hidden_spravato):
    hidden_spravato.rems_certified = True
    hidden_spravato.save()

    hidden_spravato.refresh_from_db()
    assert (hidden_spravato.is_listed, hidden_spravato.hidden_reason) == (True, "")


def test_treatment_clean_refuses_requiring_rems_while_clinics_list_it_uncertified(clinic):
    ClinicTreatmentFactory(clinic=clinic, treatment=treatment("kap"))
    kap = treatment("kap")
    kap.requires_rems = True

    with pytest.raises(ValidationError) as refused:
        kap.full_clean()

    assert "1 clinic(s) list this treatment without REMS" in str(refused.value)


# --- The database ------------------------------------------------------------------------


def test_database_refuses_a_raw_insert_of_uncertified_spravato(clinic):
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO clinics_clinictreatment (clinic_id, treatment_id, rems_certified, "
            "notes, is_listed, hidden_reason) VALUES (%s, %s, false, '', true, '')",
            [clinic.pk, treatment("spravato").pk],
        )
    assert not ClinicTreatment.objects.filter(clinic=clinic).exists()


def test_database_refuses_a_raw_update_that_removes_certification(clinic):
    offering = ClinicTreatmentFactory(clinic=clinic, treatment=treatment("spravato"))

    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE clinics_clinictreatment SET rems_certified = false WHERE id = %s",
            [offering.pk],
        )
    offering.refresh_from_db()
    assert offering.rems_certified


def test_database_refuses_listing_a_hidden_offering_without_certification(hidden_spravato):
    with pytest.raises(IntegrityError), transaction.atomic():
        ClinicTreatment.objects.filter(pk=hidden_spravato.pk).update(
            is_listed=True, hidden_reason=""
        )


def test_database_refuses_moving_an_offering_to_spravato_without_certification(clinic):
    offering = ClinicTreatmentFactory(clinic=clinic, treatment=treatment("kap"))

    with pytest.raises(IntegrityError), transaction.atomic():
        ClinicTreatment.objects.filter(pk=offering.pk).update(treatment=treatment("spravato"))


def test_database_refuses_requiring_rems_while_clinics_list_it_uncertified(clinic):
    ClinicTreatmentFactory(clinic=clinic, treatment=treatment("kap"))

    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE clinics_treatment SET requires_rems = true WHERE slug = 'kap'")
    assert not treatment("kap").requires_rems


def test_database_refuses_hiding_without_a_reason(clinic):
    offering = ClinicTreatmentFactory(clinic=clinic)

    with pytest.raises(IntegrityError), transaction.atomic():
        ClinicTreatment.objects.filter(pk=offering.pk).update(is_listed=False)


def test_database_accepts_a_raw_insert_of_certified_spravato(clinic):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO clinics_clinictreatment (clinic_id, treatment_id, rems_certified, "
            "notes, is_listed, hidden_reason) VALUES (%s, %s, true, '', true, '')",
            [clinic.pk, treatment("spravato").pk],
        )
    assert ClinicTreatment.objects.filter(clinic=clinic, rems_certified=True).exists()


# --- The services ------------------------------------------------------------------------


def test_service_refuses_spravato_without_certification_and_writes_nothing(clinic):
    staff = clinic_staff_user(clinic)

    with pytest.raises(ValidationError, match="REMS"):
        services.clinic_treatment_offer(clinic=clinic, treatment=treatment("spravato"), user=staff)

    assert not ClinicTreatment.objects.filter(clinic=clinic).exists()


def test_service_lists_spravato_with_certification(clinic):
    staff = clinic_staff_user(clinic)

    offering = services.clinic_treatment_offer(
        clinic=clinic, treatment=treatment("spravato"), user=staff, rems_certified=True
    )

    assert offering.is_listed and offering.rems_certified


def test_service_refuses_another_clinics_staff(clinic):
    outsider = clinic_staff_user(ClinicFactory(), username="outsider")

    with pytest.raises(PermissionDenied):
        services.clinic_treatment_offer(
            clinic=clinic, treatment=treatment("iv-infusion"), user=outsider
        )


def test_treatments_set_keeps_a_hidden_offering_hidden(clinic, hidden_spravato):
    services.clinic_treatments_set(
        clinic=clinic, treatments=[treatment("spravato")], rems_certified_for=[]
    )

    hidden_spravato.refresh_from_db()
    assert (hidden_spravato.is_listed, hidden_spravato.price_min) == (False, 500)
    assert list(clinic.clinic_treatments.all()) == [hidden_spravato]


# --- The admin ---------------------------------------------------------------------------


def change_url(clinic) -> str:
    return f"/admin/clinics/clinic/{clinic.pk}/change/"


def test_admin_refuses_adding_spravato_without_certification(admin_client, clinic):
    rows = [{"treatment": treatment("spravato").pk, "price_min": 600, "price_max": 900}]

    response = admin_client.post(change_url(clinic), clinic_post_data(clinic, treatments=rows))

    assert response.status_code == 200
    [inline] = [
        f
        for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == ("clinic_treatments")
    ]
    [errors] = [form.errors for form in inline.formset.forms if form.errors]
    assert REFUSAL in errors["rems_certified"][0]
    assert REFUSAL in response.content.decode()
    assert not ClinicTreatment.objects.filter(clinic=clinic).exists()


def test_admin_lists_spravato_once_certification_is_ticked(admin_client, clinic):
    rows = [{"treatment": treatment("spravato").pk, "rems_certified": "on"}]

    response = admin_client.post(change_url(clinic), clinic_post_data(clinic, treatments=rows))

    assert response.status_code == 302
    assert ClinicTreatment.objects.listed().filter(clinic=clinic, rems_certified=True).exists()


def test_admin_refuses_unticking_certification_of_listed_spravato(admin_client, clinic):
    offering = ClinicTreatmentFactory(clinic=clinic, treatment=treatment("spravato"))
    rows = [{"id": offering.pk, "treatment": offering.treatment_id, "rems_certified": ""}]

    response = admin_client.post(change_url(clinic), clinic_post_data(clinic, treatments=rows))

    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    offering.refresh_from_db()
    assert offering.rems_certified


def test_admin_change_page_warns_about_a_hidden_offering(admin_client, hidden_spravato):
    response = admin_client.get(change_url(hidden_spravato.clinic))

    assert response.context["hidden_offering_warnings"] == [WARNING]
    assert escape(WARNING) in response.content.decode()


def test_admin_clinic_list_flags_the_clinic_with_a_hidden_offering(admin_client, hidden_spravato):
    ClinicFactory(name="Fine Clinic")

    response = admin_client.get("/admin/clinics/clinic/")

    page = response.content.decode()
    assert page.count(escape(WARNING)) == 1
    assert "1 clinic(s) have a treatment hidden from the public listing" in page


def test_admin_saving_other_changes_keeps_a_hidden_offering_hidden(admin_client, hidden_spravato):
    clinic = hidden_spravato.clinic

    response = admin_client.post(change_url(clinic), clinic_post_data(clinic, description="New."))

    assert response.status_code == 302
    hidden_spravato.refresh_from_db()
    assert not hidden_spravato.is_listed


# --- The CSV import ----------------------------------------------------------------------


def csv_text(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def exported_rows() -> list[dict]:
    return list(csv.DictReader(io.StringIO(ClinicResource().export().csv)))


def test_import_refuses_spravato_without_certification_as_a_row_error(client, clinic):
    client.force_login(directory_admin_user(username="importer"))
    [row] = exported_rows()
    row.update(treatments="iv-infusion|spravato", rems_certified_treatments="")
    upload = SimpleUploadedFile("clinics.csv", csv_text([row]).encode(), content_type="text/csv")

    response = client.post(
        "/admin/clinics/clinic/import/", {"import_file": upload, "format": "0", "resource": "0"}
    )

    result = response.context["result"]
    assert result.has_validation_errors()
    [invalid] = result.invalid_rows
    [message] = invalid.error_dict["treatments"]
    assert message.startswith("spravato: ")
    assert REFUSAL in message and "rems_certified_treatments" in message
    assert not ClinicTreatment.objects.filter(clinic=clinic).exists()


def test_import_lists_spravato_for_a_certified_clinic(clinic):
    [row] = exported_rows()
    row.update(treatments="spravato", rems_certified_treatments="spravato")

    result = ClinicResource().import_data(_dataset([row]), dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors()
    assert ClinicTreatment.objects.listed().filter(clinic=clinic, rems_certified=True).exists()


def test_export_lists_hidden_offerings_so_a_reimport_keeps_them(hidden_spravato):
    [row] = exported_rows()
    assert (row["treatments"], row["rems_certified_treatments"]) == ("iv-infusion|spravato", "")

    result = ClinicResource().import_data(_dataset([row]), dry_run=False)

    assert result.totals["skip"] == 1
    hidden_spravato.refresh_from_db()
    assert not hidden_spravato.is_listed


def _dataset(rows: list[dict]):
    import tablib

    return tablib.Dataset().load(csv_text(rows), format="csv")


# --- Public pages leave hidden offerings out ----------------------------------------------


def test_clinic_page_leaves_out_a_hidden_offering_and_its_price(client, hidden_spravato):
    page = client.get(hidden_spravato.clinic.get_absolute_url()).content.decode()

    assert "IV" in page and "$450" in page
    assert "Spravato" not in page
    assert "$500" not in page and "$800" not in page


def test_search_filter_and_words_leave_out_a_hidden_offering(client, hidden_spravato):
    by_filter = client.get("/clinics/", {"treatment": "spravato"})
    by_words = client.get("/clinics/", {"q": "spravato"})

    assert "Uncertified Clinic" not in by_filter.content.decode()
    assert "Uncertified Clinic" not in by_words.content.decode()
    assert "Uncertified Clinic" in client.get("/clinics/").content.decode()


def test_facet_count_leaves_out_a_hidden_offering(client, hidden_spravato):
    page = client.get("/clinics/").content.decode()

    assert 'id="treatment-spravato"' in page
    option = page.split('id="treatment-spravato"')[1].split("</label>")[0]
    assert "(0" in option


def test_search_card_price_leaves_out_a_hidden_offering(client, clinic):
    offering = ClinicTreatmentFactory(
        clinic=clinic, treatment=treatment("spravato"), price_min=100, price_max=200
    )
    hide(offering)

    page = client.get("/clinics/").content.decode()

    assert "Uncertified Clinic" in page
    assert "$100" not in page


def test_treatment_page_counts_only_clinics_listing_it(client, hidden_spravato):
    ClinicTreatmentFactory(treatment=treatment("spravato"))

    page = client.get("/treatments/spravato/").content.decode()

    assert "1 clinic in the directory lists" in page
