"""The clinic form staff use without training: plain sections, the weekly hours editor,
phone numbers as people write them, and verification in words."""

import datetime
from html.parser import HTMLParser

import pytest
import time_machine

from clinics.admin_forms import HOURS_ERROR
from clinics.models import Clinic, OpeningHours
from tests.clinics.admin_helpers import clinic_post_data, db_snapshot
from tests.factories import (
    ClinicFactory,
    ClinicTreatmentFactory,
    OpeningHoursFactory,
    clinic_staff_user,
    directory_admin_user,
)

pytestmark = pytest.mark.django_db

T = datetime.time


@pytest.fixture
def clinic():
    clinic = ClinicFactory(name="Juniper Care", phone="+19165550100")
    OpeningHoursFactory(clinic=clinic, weekday=1, opens=T(9, 0), closes=T(17, 0))
    ClinicTreatmentFactory(clinic=clinic)
    return clinic


@pytest.fixture
def staff_client(client, clinic):
    client.force_login(clinic_staff_user(clinic, username="office-manager"))
    return client


def change_url(clinic):
    return f"/admin/clinics/clinic/{clinic.pk}/change/"


def typed_week(data, **days):
    """Replace the posted week: each named day gets (opens, closes) pairs as typed."""
    data = {k: v for k, v in data.items() if not k.startswith("hours-")}
    for key in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
        ranges = days.get(key)
        if not ranges:
            data[f"hours-{key}_closed"] = "on"
        for number, (opens, closes) in enumerate(ranges or [], start=1):
            data[f"hours-{key}_opens_{number}"] = opens
            data[f"hours-{key}_closes_{number}"] = closes
    return data


# --- Saving the week ------------------------------------------------------------------


def test_staff_save_hours_typed_the_way_people_say_them(staff_client, clinic):
    data = typed_week(clinic_post_data(clinic), mon=[("9am", "5pm")], tue=[("9am", "noon")])

    response = staff_client.post(change_url(clinic), data)

    assert response.status_code == 302
    assert list(clinic.opening_hours.values_list("weekday", "opens", "closes")) == [
        (0, T(9, 0), T(17, 0)),
        (1, T(9, 0), T(12, 0)),
    ]
    clinic.refresh_from_db()
    assert clinic.version == 2


def test_unchanged_hours_keep_their_rows_and_history(staff_client, clinic):
    before = list(clinic.opening_hours.values_list("pk", flat=True))
    history = OpeningHours.history.count()

    staff_client.post(change_url(clinic), clinic_post_data(clinic, description="New words."))

    assert list(clinic.opening_hours.values_list("pk", flat=True)) == before
    assert OpeningHours.history.count() == history


def test_hours_changes_name_who_made_them_in_the_history(staff_client, clinic):
    data = typed_week(clinic_post_data(clinic), tue=[("8:30 AM", "5 pm")])

    staff_client.post(change_url(clinic), data)

    page = staff_client.get(f"/admin/clinics/clinic/{clinic.pk}/history/").content.decode()
    assert "8:30 AM" in page
    assert "office-manager" in page


def test_a_mistyped_time_is_shown_next_to_its_box_and_nothing_is_saved(staff_client, clinic):
    data = typed_week(clinic_post_data(clinic, description="Changed."), mon=[("9am", "5 pn")])
    before = db_snapshot()

    response = staff_client.post(change_url(clinic), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert HOURS_ERROR in page
    assert (
        '<ul class="errorlist" id="id_hours-mon_closes_1_error">'
        "<li>Enter a time like 9am or 5:30 PM.</li></ul>"
    ) in page
    assert 'aria-describedby="id_hours-mon_closes_1_error"' in page
    assert 'value="5 pn"' in page
    assert db_snapshot() == before


def test_staff_cannot_set_another_clinics_hours(staff_client, clinic):
    other = ClinicFactory(name="Other Clinic")
    OpeningHoursFactory(clinic=other)
    before = db_snapshot()

    response = staff_client.post(
        change_url(other), typed_week(clinic_post_data(other), sun=[("1am", "2am")])
    )

    assert response.status_code == 404
    assert db_snapshot() == before


def test_restoring_an_old_version_leaves_the_hours_alone(client, clinic):
    client.force_login(directory_admin_user(username="restorer"))
    clinic.description = "Second wording."
    clinic.save()
    first = clinic.history.order_by("history_date").first()
    url = f"/admin/clinics/clinic/{clinic.pk}/history/{first.history_id}/"
    form_page = client.get(url)
    data = {
        k: v
        for k, v in clinic_post_data(clinic, description=first.description).items()
        if not k.startswith("hours-")
    }
    data["loaded_version"] = form_page.context["adminform"].form["loaded_version"].value()

    response = client.post(url, data)

    assert b'name="hours-mon_closed"' not in form_page.content
    assert response.status_code == 302
    assert list(clinic.opening_hours.values_list("weekday", "opens")) == [(1, T(9, 0))]


# --- What the form shows ----------------------------------------------------------------


class _Controls(HTMLParser):
    """The ids of the page's inputs and selects that have no aria-label, and the ids its
    labels point at."""

    def __init__(self):
        super().__init__()
        self.controls, self.labelled = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label" and attrs.get("for"):
            self.labelled.add(attrs["for"])
        hidden = attrs.get("type") in ("hidden", "submit")
        named = "aria-label" in attrs
        if tag in ("input", "select", "textarea") and not (hidden or named) and attrs.get("id"):
            if "__prefix__" not in attrs["id"]:
                self.controls.append(attrs["id"])


def test_every_box_on_the_staff_form_has_a_label(staff_client, clinic):
    parser = _Controls()
    parser.feed(staff_client.get(change_url(clinic)).content.decode())

    assert "id_hours-mon_opens_1" in parser.controls
    assert "id_clinic_treatments-0-price_min" in parser.controls
    assert [c for c in parser.controls if c not in parser.labelled] == []


def test_the_week_is_shown_on_the_12_hour_clock_with_labels(staff_client, clinic):
    page = staff_client.get(change_url(clinic)).content.decode()

    assert 'name="hours-tue_opens_1" value="9:00 AM"' in page
    assert 'name="hours-tue_closes_1" value="5:00 PM"' in page
    assert (
        '<label for="id_hours-tue_opens_1"><span class="visually-hidden">Tuesday: </span>'
        "Opens</label>"
    ) in page
    assert 'name="hours-mon_closed" id="id_hours-mon_closed" checked' in page


def test_staff_do_not_see_internal_fields(staff_client, clinic):
    page = staff_client.get(change_url(clinic)).content.decode()

    for name in ("slug", "latitude", "longitude", "is_demo", "version"):
        assert f'name="{name}"' not in page
        assert f"field-{name}" not in page
    assert "Directory admin</h2>" not in page


def test_staff_list_offers_only_the_filters_they_may_use(staff_client, clinic):
    page = staff_client.get("/admin/clinics/clinic/").content.decode()

    assert "By directory verification" in page
    assert "?accepting_new_patients__exact=1" in page
    assert "is_demo__exact" not in page
    assert "status__exact" not in page


def test_directory_admins_find_internal_fields_in_a_folded_section(client, clinic):
    client.force_login(directory_admin_user())

    page = client.get(change_url(clinic)).content.decode()

    assert '<fieldset class="module aligned collapse"' in page
    assert "Directory admin</h2>" in page
    for name in ("slug", "latitude", "longitude", "is_demo"):
        assert f'name="{name}"' in page


def test_phone_is_shown_as_people_write_it_and_stored_for_dialling(staff_client, clinic):
    page = staff_client.get(change_url(clinic)).content.decode()
    assert 'type="tel" name="phone" value="(916) 555-0100"' in page

    staff_client.post(change_url(clinic), clinic_post_data(clinic, phone="(916) 555-0177"))

    clinic.refresh_from_db()
    assert clinic.phone == "+19165550177"


def test_staff_moving_the_clinic_put_it_at_the_new_zip_codes_centre(staff_client, clinic):
    Clinic.objects.filter(pk=clinic.pk).update(latitude=38.0, longitude=-121.0)

    staff_client.post(change_url(clinic), clinic_post_data(clinic, zip_code="95814"))

    clinic.refresh_from_db()
    assert (clinic.zip_code, clinic.latitude, clinic.longitude) == ("95814", 38.5804, -121.4922)


def test_staff_edits_that_keep_the_address_keep_the_coordinates(staff_client, clinic):
    Clinic.objects.filter(pk=clinic.pk).update(latitude=38.0, longitude=-121.0)

    staff_client.post(change_url(clinic), clinic_post_data(clinic, description="Other words."))

    clinic.refresh_from_db()
    assert (clinic.latitude, clinic.longitude) == (38.0, -121.0)


# --- Verification in words ----------------------------------------------------------------


@time_machine.travel(datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC))
def test_clinic_list_says_plainly_whether_verification_is_due(client):
    client.force_login(directory_admin_user())
    ClinicFactory(name="Old", last_verified_on=datetime.date(2025, 3, 3))
    ClinicFactory(name="Never", last_verified_on=None)
    ClinicFactory(
        name="Fresh",
        last_verified_on=datetime.date(2026, 5, 1),
        staff_confirmed_on=datetime.date(2026, 6, 1),
    )

    page = client.get("/admin/clinics/clinic/").content.decode()

    assert "Directory verification" in page
    assert "Overdue (last verified Mar 3, 2025)" in page
    assert "Never verified" in page
    assert "Current (verified May 1, 2026)" in page
    assert "Confirmed by the clinic" in page
    assert "Jun 1, 2026" in page


def test_change_form_shows_both_checks_in_words(staff_client, clinic):
    Clinic.objects.filter(pk=clinic.pk).update(
        last_verified_on=None, staff_confirmed_on=datetime.date(2026, 1, 5)
    )

    page = staff_client.get(change_url(clinic)).content.decode()

    assert "Never verified" in page
    assert "Jan 5, 2026" in page
