"""Browser journey over the site-wide pages, with an axe-core check on each."""

import pytest

from tests.browser.axe import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_visitor_reads_home_about_and_404_with_crisis_line_in_view(page):
    page.goto("/")
    crisis = page.get_by_text("In crisis? Call or text")
    assert crisis.is_visible()
    assert crisis.bounding_box()["y"] < 200  # above the fold, no scrolling
    assert_accessible(page)

    page.get_by_role("link", name="About", exact=True).click()
    page.wait_for_url("**/about/")
    assert page.get_by_role("heading", level=1).inner_text() == "About this directory"
    assert_accessible(page)

    page.goto("/no-such-page/")
    assert page.get_by_role("heading", level=1).inner_text() == "We can't find that page"
    assert_accessible(page)


def test_skip_link_moves_focus_to_main_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_home_page_is_readable_on_a_320px_phone(phone_page):
    phone_page.goto("/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320
    assert phone_page.get_by_text("In crisis? Call or text").is_visible()
    assert_accessible(phone_page)
