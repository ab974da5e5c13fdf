"""A visitor reports a problem with a listing: error first, then the thank-you page."""

import pytest

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
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Report a problem with Oakridge Test Clinic"
    )
    assert page.get_by_text("410 Example Avenue").is_visible()
    assert page.get_by_text(
        "Please don't include health information about yourself or anyone else.", exact=True
    ).is_visible()
    assert_accessible(page)

    page.get_by_label("Something else").check()
    page.get_by_role("button", name="Send report").click()
    page.wait_for_load_state()
    summary = page.get_by_role("alert")
    assert "There is a problem" in summary.inner_text()
    assert page.get_by_label("Something else").is_checked()
    assert page.get_by_role("textbox", name="Details").get_attribute("aria-invalid") == "true"
    assert_accessible(page)

    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "id_details"
    page.get_by_role("textbox", name="Details").fill("The clinic has moved upstairs to suite 2.")
    page.get_by_role("button", name="Send report").click()
    page.wait_for_url(f"**/clinics/{clinic.slug}/report/thanks/")
    assert page.get_by_role("heading", level=1).inner_text() == "Thank you for your report"
    assert_accessible(page)

    report = ProblemReport.objects.get()
    assert report.category == "other"
    assert report.details == "The clinic has moved upstairs to suite 2."


def test_honeypot_is_not_reachable_with_the_keyboard(page):
    clinic = ClinicFactory()

    page.goto(f"/clinics/{clinic.slug}/report/")
    page.get_by_role("textbox", name="Details").focus()
    for _ in range(3):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") != "website"
    assert_accessible(page)


def test_empty_report_shows_an_accessible_error_for_the_question(page):
    clinic = ClinicFactory()

    page.goto(f"/clinics/{clinic.slug}/report/")
    page.get_by_role("textbox", name="Email for a reply (optional)").fill("not an address")
    page.get_by_role("button", name="Send report").click()
    page.wait_for_load_state()

    summary = page.get_by_role("alert")
    assert "Choose what is wrong with this listing." in summary.inner_text()
    assert "Enter an email address like name@example.org" in summary.inner_text()
    assert page.get_by_role("textbox", name="Email for a reply (optional)").input_value() == (
        "not an address"
    )
    assert_accessible(page)
    assert not ProblemReport.objects.exists()
