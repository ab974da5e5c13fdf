"""Clinic staff journey: an office manager signs in, types new opening hours, confirms
the listing, sees the public page change, reads the history and problem reports, and is
refused on another clinic's admin page. axe-core checks every admin page they visit at
phone (375 px) and desktop (1280 px) width, and the public pages."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clinics.models import OpeningHours
from tests.browser.axe import assert_accessible
from tests.factories import (
    ClinicFactory,
    OpeningHoursFactory,
    ProblemReportFactory,
    clinic_staff_user,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct-horse-battery-9"
WIDTHS = (375, 1280)


def assert_accessible_at_both_widths(page) -> None:
    """axe on the page in view at phone and at desktop width (which it is left at)."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page)


def long_date(day: datetime.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def test_office_manager_updates_hours_confirms_and_sees_the_public_page(page):
    last_verified = timezone.localdate() - datetime.timedelta(days=400)
    own = ClinicFactory(
        name="Juniper Ketamine Care",
        slug="juniper-ketamine-care",
        last_verified_on=last_verified,
    )
    OpeningHoursFactory(
        clinic=own,
        weekday=OpeningHours.Weekday.TUESDAY,
        opens=datetime.time(9, 0),
        closes=datetime.time(17, 0),
    )
    report = ProblemReportFactory(clinic=own)
    other = ClinicFactory(name="Somebody Else's Clinic", slug="somebody-elses-clinic")
    clinic_staff_user(own, username="juniper-staff")

    # Sign in at the admin.
    page.goto("/admin/login/")
    assert_accessible_at_both_widths(page)
    page.get_by_label("Username").fill("juniper-staff")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    assert_accessible_at_both_widths(page)

    # Their clinic list shows only their clinic, and says plainly that verification is due.
    page.goto("/admin/clinics/clinic/")
    expect(page.get_by_role("link", name="Juniper Ketamine Care")).to_be_visible()
    expect(page.get_by_text("Somebody Else's Clinic")).to_have_count(0)
    expect(page.get_by_text("Overdue (last verified")).to_be_visible()
    assert_accessible_at_both_widths(page)
    page.get_by_role("link", name="Juniper Ketamine Care").click()
    page.wait_for_url(f"**/admin/clinics/clinic/{own.pk}/change/")
    assert_accessible_at_both_widths(page)

    # Open on Mondays from 9 to 5: a forgotten "pm" is named next to its box.
    expect(page.get_by_label("Tuesday: Opens", exact=True)).to_have_value("9:00 AM")
    page.get_by_label("Closed on Monday").uncheck()
    page.get_by_label("Monday: Opens", exact=True).fill("9am")
    page.get_by_label("Monday: Closes", exact=True).fill("5")
    page.get_by_role("button", name="Save", exact=True).click()
    closes = page.get_by_label("Monday: Closes", exact=True)
    expect(closes).to_have_accessible_description("Add am or pm, like 9am or 5:30 PM.")
    expect(closes).to_have_attribute("aria-invalid", "true")
    assert_accessible_at_both_widths(page)

    closes.fill("5pm")
    page.get_by_role("button", name="Save and confirm these details are still accurate").click()
    page.wait_for_url("**/admin/clinics/clinic/")
    expect(page.get_by_text("is confirmed as accurate today")).to_be_visible()

    # The history names the office manager and the new hours.
    page.goto(f"/admin/clinics/clinic/{own.pk}/history/")
    expect(page.locator("#hours-history")).to_contain_text("Monday 9:00 AM–5:00 PM")
    expect(page.locator("#hours-history")).to_contain_text("juniper-staff")
    assert_accessible_at_both_widths(page)

    # Problem reports about their clinic: the list and one report.
    page.goto("/admin/clinics/problemreport/")
    expect(page.get_by_role("link", name="Phone number is wrong")).to_be_visible()
    assert_accessible_at_both_widths(page)
    page.goto(f"/admin/clinics/problemreport/{report.pk}/change/")
    expect(page.get_by_text("The phone number rings a different business.")).to_be_visible()
    assert_accessible_at_both_widths(page)

    # The public page shows the new hours and both checks, each with its own date.
    page.goto("/clinics/juniper-ketamine-care/")
    hours = page.locator("table.hours-table")
    expect(hours.get_by_role("row", name="Monday")).to_contain_text("9:00 AM–5:00 PM")
    expect(hours.get_by_role("row", name="Tuesday")).to_contain_text("9:00 AM–5:00 PM")
    expect(
        page.get_by_text(f"Confirmed by the clinic on {long_date(timezone.localdate())}.")
    ).to_be_visible()
    expect(
        page.get_by_text(f"Verified by the directory on {long_date(last_verified)}.")
    ).to_be_visible()
    assert_accessible(page)

    # Another clinic's admin page is refused, and says nothing about it.
    response = page.goto(f"/admin/clinics/clinic/{other.pk}/change/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("We can't find that page")
    # The whole document, not only its visible text: nothing may leak in attributes.
    assert "Somebody Else" not in page.content()
    assert_accessible(page)
