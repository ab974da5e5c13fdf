"""Clinic staff journey: sign in, change opening hours, see them on the public page,
and be refused on another clinic's admin page. axe-core checks the public pages."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import expect

from clinics.models import OpeningHours
from tests.browser.axe import assert_accessible
from tests.factories import ClinicFactory, OpeningHoursFactory, clinic_staff_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct-horse-battery-9"


@pytest.fixture
def roles(transactional_db):
    """The role groups from migration 0004; a flush by an earlier transactional test
    can leave them missing (serialized_rollback does not always restore them in time),
    so re-create them the way the migration does (it is idempotent)."""
    if not Group.objects.filter(name="Clinic staff").exists():
        ContentType.objects.clear_cache()
        importlib.import_module("clinics.migrations.0004_roles").create_roles(apps, None)


def test_staff_update_their_hours_and_cannot_open_another_clinic(roles, page):
    own = ClinicFactory(name="Juniper Ketamine Care", slug="juniper-ketamine-care")
    OpeningHoursFactory(
        clinic=own,
        weekday=OpeningHours.Weekday.TUESDAY,
        opens=datetime.time(9, 0),
        closes=datetime.time(17, 0),
    )
    other = ClinicFactory(name="Somebody Else's Clinic", slug="somebody-elses-clinic")
    clinic_staff_user(own, username="juniper-staff")

    # Sign in at the admin.
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("juniper-staff")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")

    # Their clinic list shows only their clinic.
    page.goto("/admin/clinics/clinic/")
    expect(page.get_by_role("link", name="Juniper Ketamine Care")).to_be_visible()
    expect(page.get_by_text("Somebody Else's Clinic")).to_have_count(0)
    page.get_by_role("link", name="Juniper Ketamine Care").click()
    page.wait_for_url(f"**/admin/clinics/clinic/{own.pk}/change/")

    # Open half an hour earlier on Tuesdays.
    page.locator('input[name="opening_hours-0-opens"]').fill("07:30")
    page.locator('input[name="_save"]').click()
    page.wait_for_url("**/admin/clinics/clinic/")
    expect(page.get_by_text("was changed successfully")).to_be_visible()

    # The public page shows the new hours.
    page.goto("/clinics/juniper-ketamine-care/")
    expect(page.locator("table.hours-table")).to_contain_text("7:30 AM")
    assert_accessible(page)

    # Another clinic's admin page is refused, and says nothing about it.
    response = page.goto(f"/admin/clinics/clinic/{other.pk}/change/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("We can't find that page")
    # The whole document, not only its visible text: nothing may leak in attributes.
    assert "Somebody Else" not in page.content()
    assert_accessible(page)
