"""History: who changed a clinic, its hours and treatments; restoring a version."""

import pytest

from clinics.models import OpeningHours
from tests.clinics.admin_helpers import clinic_post_data
from tests.factories import (
    ClinicFactory,
    ClinicTreatmentFactory,
    OpeningHoursFactory,
    clinic_staff_user,
    directory_admin_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinic():
    clinic = ClinicFactory(name="Historic Clinic", description="First wording.")
    OpeningHoursFactory(clinic=clinic)
    ClinicTreatmentFactory(clinic=clinic)
    return clinic


def change_url(clinic):
    return f"/admin/clinics/clinic/{clinic.pk}/change/"


def test_history_records_who_changed_the_hours(client, clinic):
    staff = clinic_staff_user(clinic, username="hours-editor")
    client.force_login(staff)
    row = clinic.opening_hours.get()
    hours = [{"weekday": row.weekday, "opens": "07:30", "closes": "17:00"}]

    client.post(change_url(clinic), clinic_post_data(clinic, hours=hours))

    # The changed interval replaces the old one: both steps name who did it.
    removed = OpeningHours.history.filter(id=row.pk).latest("history_date")
    added = OpeningHours.history.filter(clinic_id=clinic.pk).latest("history_date")
    assert (removed.history_type, removed.history_user) == ("-", staff)
    assert (added.history_type, added.history_user) == ("+", staff)
    assert added.opens.strftime("%H:%M") == "07:30"
    page = client.get(f"/admin/clinics/clinic/{clinic.pk}/history/").content.decode()
    assert "Opening hours changes" in page
    assert "7:30 AM" in page
    assert "hours-editor" in page


def test_history_records_who_changed_treatment_prices(client, clinic):
    staff = clinic_staff_user(clinic, username="price-editor")
    client.force_login(staff)
    row = clinic.clinic_treatments.get()
    treatments = [{"id": row.pk, "treatment": row.treatment_id, "price_min": 350, "price_max": 500}]

    client.post(change_url(clinic), clinic_post_data(clinic, treatments=treatments))

    page = client.get(f"/admin/clinics/clinic/{clinic.pk}/history/").content.decode()
    assert "350–500" in page
    assert "price-editor" in page


def test_clinic_history_shows_who_changed_what(client, clinic):
    admin = directory_admin_user(username="history-admin")
    client.force_login(admin)

    client.post(change_url(clinic), clinic_post_data(clinic, description="Second wording."))

    response = client.get(f"/admin/clinics/clinic/{clinic.pk}/history/")
    page = response.content.decode()
    assert "history-admin" in page
    assert "Second wording." in page


def test_directory_admin_restores_an_earlier_version(client, clinic):
    admin = directory_admin_user(username="restorer")
    client.force_login(admin)
    client.post(change_url(clinic), clinic_post_data(clinic, description="Vandalised."))
    first = clinic.history.order_by("history_date").first()
    form_page = client.get(f"/admin/clinics/clinic/{clinic.pk}/history/{first.history_id}/")
    assert form_page.status_code == 200
    assert b"Revert" in form_page.content
    data = clinic_post_data(clinic, description=first.description)
    data["loaded_version"] = form_page.context["adminform"].form["loaded_version"].value()

    response = client.post(f"/admin/clinics/clinic/{clinic.pk}/history/{first.history_id}/", data)

    assert response.status_code == 302
    clinic.refresh_from_db()
    assert clinic.description == "First wording."
    assert clinic.version == 3
    assert clinic.history.first().history_user == admin


def test_staff_see_their_history_without_a_revert_option(client, clinic):
    client.force_login(clinic_staff_user(clinic))
    clinic.description = "Changed."
    clinic.save()
    first = clinic.history.order_by("history_date").first()

    history = client.get(f"/admin/clinics/clinic/{clinic.pk}/history/")
    detail = client.get(f"/admin/clinics/clinic/{clinic.pk}/history/{first.history_id}/")

    assert history.status_code == 200
    assert b"to revert to a previous version" not in history.content
    assert detail.status_code == 200
    assert b'value="Revert' not in detail.content


def test_restore_runs_in_its_own_transaction(client, clinic, monkeypatch):
    """The version check locks the clinic row (SELECT ... FOR UPDATE), which needs a
    transaction around the revert, as the change form has. The test itself runs in a
    transaction, so compare nesting depth instead of autocommit."""
    from django.db import connection

    from clinics.admin_forms import ClinicAdminForm

    depths = []
    original_clean = ClinicAdminForm.clean

    def recording_clean(self):
        depths.append(len(connection.atomic_blocks))
        return original_clean(self)

    monkeypatch.setattr(ClinicAdminForm, "clean", recording_clean)
    client.force_login(directory_admin_user(username="restorer-tx"))
    first = clinic.history.order_by("history_date").first()
    outside = len(connection.atomic_blocks)

    response = client.post(
        f"/admin/clinics/clinic/{clinic.pk}/history/{first.history_id}/",
        clinic_post_data(clinic, description="Restored."),
    )

    assert response.status_code == 302
    assert depths and depths[0] > outside
