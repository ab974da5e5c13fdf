"""Browser journey over the site-wide pages, with an axe-core check on each."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_visitor_reads_home_about_and_404_with_crisis_line_in_view(page):
    page.goto("/")
    crisis = page.get_by_text("In crisis? Call or text")
    expect(crisis).to_be_in_viewport()  # above the fold, no scrolling
    assert crisis.bounding_box()["y"] < 200  # and near the top of it
    assert_accessible(page)

    page.get_by_role("link", name="About", exact=True).click()
    page.wait_for_url("**/about/")
    expect(page.get_by_role("heading", level=1)).to_have_text("About this directory")
    assert_accessible(page)

    page.goto("/no-such-page/")
    expect(page.get_by_role("heading", level=1)).to_have_text("We can't find that page")
    assert_accessible(page)


def test_skip_link_moves_focus_to_main_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("#main")).to_be_focused()


def test_home_page_is_readable_on_a_320px_phone(phone_page):
    phone_page.goto("/")
    expect(phone_page.get_by_text("In crisis? Call or text")).to_be_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320
    assert_accessible(phone_page)


def test_visitor_follows_the_footer_to_the_editorial_policy_and_the_ordering_page(page):
    page.goto("/")
    footer = page.get_by_role("contentinfo")
    footer.get_by_role("link", name="Editorial policy").click()
    page.wait_for_url("**/editorial-policy/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Editorial policy")
    assert_accessible(page)

    page.get_by_role("contentinfo").get_by_role("link", name="How results are ordered").click()
    page.wait_for_url("**/how-results-are-ordered/")
    expect(page.get_by_role("heading", level=1)).to_have_text("How results are ordered")
    assert_accessible(page)


def test_visitor_reads_a_treatment_page_and_the_open_data_page(page):
    """Pages reached from clinic pages and the footer are accessible too."""
    page.goto("/treatments/spravato/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Spravato")
    expect(page.get_by_text("Get help right away")).to_be_visible()
    assert_accessible(page)

    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name="Open data").click()
    page.wait_for_url("**/open-data/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
