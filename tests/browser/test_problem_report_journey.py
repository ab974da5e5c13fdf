"""A visitor reports a problem with a listing: error first, then the thank-you page."""

import pytest
from playwright.sync_api import expect

from clinics.models import ProblemReport
from tests.browser.axe import assert_accessible
from tests.factories import ClinicFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_visitor_fixes_an_error_and_sends_a_report(page):
    clinic = ClinicFactory(name="Oakridge Test Clinic", street_address="410 Example Avenue")

    page.goto(f"/clinics/{clinic.slug}/report/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Report a problem with Oakridge Test Clinic"
    )
    expect(page.get_by_text("410 Example Avenue")).to_be_visible()
    expect(
        page.get_by_text(
            "Please don't include health information about yourself or anyone else.", exact=True
        )
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Something else").check()
    page.get_by_role("button", name="Send report").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(page.get_by_label("Something else")).to_be_checked()
    details = page.get_by_role("textbox", name="Details")
    expect(details).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    summary.get_by_role("link").click()
    expect(details).to_be_focused()
    details.fill("The clinic has moved upstairs to suite 2.")
    page.get_by_role("button", name="Send report").click()
    page.wait_for_url(f"**/clinics/{clinic.slug}/report/thanks/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your report")
    assert_accessible(page)

    report = ProblemReport.objects.get()
    assert report.category == "other"
    assert report.details == "The clinic has moved upstairs to suite 2."


def test_honeypot_is_not_reachable_with_the_keyboard(page):
    clinic = ClinicFactory()

    page.goto(f"/clinics/{clinic.slug}/report/")
    honeypot = page.locator('[name="website"]')
    page.get_by_role("textbox", name="Details").focus()
    for _ in range(3):
        page.keyboard.press("Tab")
        expect(page.locator(":focus")).to_have_count(1)
        expect(honeypot).not_to_be_focused()
    assert_accessible(page)


def test_empty_report_shows_an_accessible_error_for_the_question(page):
    clinic = ClinicFactory()

    page.goto(f"/clinics/{clinic.slug}/report/")
    page.get_by_role("textbox", name="Email for a reply (optional)").fill("not an address")
    page.get_by_role("button", name="Send report").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Choose what is wrong with this listing.")
    expect(summary).to_contain_text("Enter an email address like name@example.org")
    expect(page.get_by_role("textbox", name="Email for a reply (optional)")).to_have_value(
        "not an address"
    )
    assert_accessible(page)
    assert not ProblemReport.objects.exists()
