"""Someone in crisis types it into the clinic search on a small phone: help comes first."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.factories import ClinicFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MIN_TAP = 44  # CSS px, each way
HELP_LINKS = {
    "Call 988": "tel:988",
    "Text 988": "sms:988",
    "Chat online at 988lifeline.org": "https://988lifeline.org/chat/",
    "Emergency: call 911": "tel:911",
}


@pytest.fixture
def long_directory(transactional_db):
    """More clinics than one results page holds, so the page scrolls a long way."""
    for n in range(22):
        ClinicFactory(name=f"Journey Clinic {n:02d}")


def panel_top(page) -> float:
    return page.evaluate("document.getElementById('get-help').getBoundingClientRect().top")


def test_crisis_search_on_a_phone_leads_with_help_that_stays_in_reach(phone_page, long_directory):
    page = phone_page
    page.goto("/clinics/")
    page.get_by_label("Search words").fill("i want to die")
    page.get_by_role("button", name="Show clinics").first.click()
    page.wait_for_url(re.compile(r"/clinics/\?.*q=i\+want\+to\+die"))

    # The help panel comes first: in view on arrival, above the filters and the results.
    help_heading = page.get_by_role("heading", level=2, name="Get help now")
    expect(help_heading).to_be_in_viewport()
    panel_box = page.locator("#get-help").bounding_box()
    assert panel_box["y"] < page.locator(".search-panel").bounding_box()["y"]
    assert panel_box["y"] < page.locator("#results-heading").bounding_box()["y"]
    # Not a dead end: every clinic, and why.
    expect(page.get_by_text("were not used to match clinics")).to_be_visible()
    expect(page.locator(".clinic-card")).to_have_count(20)

    panel = page.locator("#get-help")
    for name, href in HELP_LINKS.items():
        link = panel.get_by_role("link", name=name)
        expect(link).to_have_attribute("href", href)
        box = link.bounding_box()
        assert box["width"] >= MIN_TAP and box["height"] >= MIN_TAP, (name, box)
    expect(panel).to_contain_text("Veterans: call 988, then press 1.")
    expect(panel).to_contain_text("Español: llame al 988 y oprima 2")
    expect(panel).to_contain_text("The clinics listed here are not emergency services.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)

    # From far down the results, the banner's link brings the panel back.
    page.get_by_role("navigation", name="Result pages").scroll_into_view_if_needed()
    expect(help_heading).not_to_be_in_viewport()
    get_help = page.get_by_role("link", name="Get help now")
    box = get_help.bounding_box()
    assert box["width"] >= MIN_TAP and box["height"] >= MIN_TAP
    get_help.click()
    expect(page).to_have_url(re.compile(r"#get-help$"))
    expect(help_heading).to_be_in_viewport()
    assert 0 <= panel_top(page) <= 32  # scrolled to the panel, not just to the banner
    assert_accessible(page)


def test_suicidal_ideation_page_and_about_page_carry_the_panel(phone_page):
    page = phone_page
    page.goto("/conditions/suicidal-ideation/")
    expect(page.get_by_role("heading", level=2, name="Get help now")).to_be_in_viewport()
    assert_accessible(page)

    # Pages without a panel of their own lead to the about page's.
    page.goto("/")
    page.get_by_role("link", name="Get help now").click()
    page.wait_for_url(re.compile(r"/about/#get-help$"))
    expect(page.get_by_role("heading", level=2, name="Get help now")).to_be_in_viewport()
    expect(page.locator("#get-help").get_by_role("link", name="Text 988")).to_have_attribute(
        "href", "sms:988"
    )
    assert_accessible(page)
