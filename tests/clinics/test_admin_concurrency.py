"""No lost updates: the second of two overlapping saves is refused and keeps what was typed."""

import pytest

from clinics.models import Clinic
from tests.clinics.admin_helpers import clinic_post_data
from tests.factories import ClinicFactory, OpeningHoursFactory, clinic_staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinic():
    clinic = ClinicFactory(name="Shared Clinic", description="Original text.")
    OpeningHoursFactory(clinic=clinic)
    return clinic


def url(clinic):
    return f"/admin/clinics/clinic/{clinic.pk}/change/"


def test_change_form_carries_the_loaded_version(admin_client, clinic):
    response = admin_client.get(url(clinic))

    assert response.context["adminform"].form["loaded_version"].value() == clinic.version
    assert b'name="loaded_version"' in response.content


def test_successful_save_increments_the_version(admin_client, clinic):
    response = admin_client.post(url(clinic), clinic_post_data(clinic, description="New text."))

    assert response.status_code == 302
    clinic.refresh_from_db()
    assert (clinic.version, clinic.description) == (2, "New text.")


def test_inline_only_change_also_increments_the_version(admin_client, clinic):
    hours = [{"weekday": 2, "opens": "08:00", "closes": "12:00"}]
    existing = [
        {"id": h.pk, "weekday": h.weekday, "opens": h.opens, "closes": h.closes}
        for h in clinic.opening_hours.all()
    ]

    response = admin_client.post(url(clinic), clinic_post_data(clinic, hours=existing + hours))

    assert response.status_code == 302
    clinic.refresh_from_db()
    assert clinic.version == 2
    assert clinic.opening_hours.count() == 2


def test_second_overlapping_save_is_refused_with_a_clear_message(client, admin_client, clinic):
    stale_form = clinic_post_data(clinic, description="Second editor's careful wording.")
    # Someone else (clinic staff) saves first, from the same version.
    staff = clinic_staff_user(clinic, username="first-editor")
    client.force_login(staff)
    first = client.post(url(clinic), clinic_post_data(clinic, description="First editor."))
    assert first.status_code == 302

    response = admin_client.post(url(clinic), stale_form)

    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "Someone else (first-editor) saved this clinic at" in errors
    assert "your changes are still in the form below" in errors
    assert "Someone else (first-editor) saved this clinic at" in response.content.decode()
    clinic.refresh_from_db()
    assert clinic.description == "First editor."


def test_refused_save_keeps_the_typed_values_and_loads_the_new_version(admin_client, clinic):
    stale_form = clinic_post_data(
        clinic, description="Typed while someone else saved.", phone="+19165550177"
    )
    Clinic.objects.filter(pk=clinic.pk).update(version=5)

    response = admin_client.post(url(clinic), stale_form)

    form = response.context["adminform"].form
    assert form["description"].value() == "Typed while someone else saved."
    assert form["phone"].value() == "+19165550177"
    assert str(form["loaded_version"].value()) == "5"
    assert "Typed while someone else saved." in response.content.decode()


def test_deliberate_second_save_after_a_conflict_succeeds(admin_client, clinic):
    stale_form = clinic_post_data(clinic, description="Mine after all.")
    Clinic.objects.filter(pk=clinic.pk).update(version=5)
    refused = admin_client.post(url(clinic), stale_form)
    resubmitted = refused.context["adminform"].form.data.copy()

    response = admin_client.post(url(clinic), resubmitted)

    assert response.status_code == 302
    clinic.refresh_from_db()
    assert (clinic.description, clinic.version) == ("Mine after all.", 6)


def test_refused_save_keeps_typed_hours(admin_client, clinic):
    hours = [{"weekday": 4, "opens": "07:30", "closes": "11:00"}]
    stale_form = clinic_post_data(clinic, hours=hours)
    Clinic.objects.filter(pk=clinic.pk).update(version=9)

    response = admin_client.post(url(clinic), stale_form)

    assert response.status_code == 200
    assert 'name="hours-fri_opens_1" value="7:30 AM"' in response.content.decode()
    assert clinic.opening_hours.filter(weekday=4).count() == 0
