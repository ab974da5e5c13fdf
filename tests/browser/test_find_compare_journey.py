"""Patients find, compare and call a clinic on a phone in a few taps, without JavaScript
needing to do anything, and the maps send nothing to other hosts."""

import re
import socket
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_accessible
from tests.factories import (
    ClinicFactory,
    ClinicTreatmentFactory,
    condition,
    insurance,
    treatment,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MIN_TAP = 44  # CSS px, each way


@pytest.fixture
def phone(browser, live_server):
    """A 375 x 667 phone (iPhone SE size) that records every address it asks for."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 375, "height": 667}, is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    yield page
    context.close()


@pytest.fixture
def desktop(page):
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    return page


@pytest.fixture
def clinics(transactional_db):
    ptsd = condition("ptsd")
    midtown = ClinicFactory(
        name="Midtown Steady Clinic",
        zip_code="95816",
        phone="916-555-0161",
        conditions=[ptsd],
        insurance_plans=[insurance("medi-cal")],
    )
    ClinicTreatmentFactory(clinic=midtown, treatment=treatment("iv-infusion"), price_min=450)
    ClinicFactory(
        name="Davis Grove Clinic",
        zip_code="95616",
        city="Davis",
        conditions=[ptsd],
        insurance_plans=[insurance("medi-cal")],
    )
    ClinicFactory(name="Aetna Only Clinic", zip_code="95819", conditions=[ptsd])
    laguna = ClinicFactory(
        name="Laguna Spravato Center",
        zip_code="95758",
        city="Elk Grove",
        languages=["en", "es"],
        conditions=[condition("depression")],
    )
    ClinicTreatmentFactory(clinic=laguna, treatment=treatment("spravato"), price_min=None)
    calvine = ClinicFactory(
        name="Calvine Nasal Spray Clinic",
        zip_code="95624",
        city="Elk Grove",
        languages=["es"],
    )
    ClinicTreatmentFactory(
        clinic=calvine, treatment=treatment("spravato"), price_min=900, price_max=900
    )
    english_only = ClinicFactory(name="English Only Spravato", zip_code="95758", city="Elk Grove")
    ClinicTreatmentFactory(clinic=english_only, treatment=treatment("spravato"))


def only_this_site(page, live_server) -> None:
    """Every request the page made went to the test server, on 127.0.0.1."""
    assert socket.gethostbyname(urlsplit(live_server.url).hostname) == "127.0.0.1"
    elsewhere = [url for url in page.requested if not url.startswith(live_server.url + "/")]
    assert page.requested
    assert not elsewhere, elsewhere


class Taps:
    """Counts what a person would tap (choosing from a menu counts; typing does not)."""

    def __init__(self):
        self.count = 0

    def click(self, locator):
        self.count += 1
        locator.click()

    def choose(self, locator, label):
        self.count += 1
        locator.select_option(label=label)


def test_ptsd_near_95816_with_medi_cal_to_a_call_button_in_four_taps(phone, live_server, clinics):
    taps = Taps()
    phone.goto("/")
    assert_accessible(phone)
    taps.choose(phone.get_by_label("Condition"), "PTSD")
    phone.get_by_label("ZIP code or city").fill("95816")
    taps.choose(phone.get_by_label("Insurance or payment"), "Medi-Cal")
    taps.click(phone.get_by_role("button", name="Search clinics"))
    phone.wait_for_url(re.compile(r"/clinics/\?.*insurance=medi-cal"))

    summary = phone.locator("#results-heading")
    expect(summary).to_have_text(
        "2 clinics treating PTSD, taking Medi-Cal, within 25 miles of 95816"
    )
    first = phone.locator(".clinic-card").first
    # The first result is on screen at once: the filters wait behind one closed control.
    expect(first.locator("h3")).to_have_text("Midtown Steady Clinic")
    expect(first.locator("h3")).to_be_in_viewport()
    expect(phone.get_by_label("Near (ZIP code or city)")).to_be_hidden()
    expect(first).to_contain_text("Takes Medi-Cal")
    expect(first).to_contain_text("Self-pay: IV infusion from $450 a session")

    call = first.get_by_role("link", name="Call (916) 555-0161")
    expect(call).to_have_attribute("href", "tel:+19165550161")
    call.scroll_into_view_if_needed()  # scrolling is not a tap
    box = call.bounding_box()
    assert box["width"] >= MIN_TAP and box["height"] >= MIN_TAP, box
    taps.count += 1  # the tap on "Call" itself, which hands the number to the phone
    assert taps.count <= 4
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(phone)
    only_this_site(phone, live_server)


def test_each_choice_in_the_summary_removes_itself_in_one_tap(phone, live_server, clinics):
    phone.goto("/clinics/?condition=ptsd&insurance=medi-cal&near=95816")
    expect(phone.locator(".clinic-card")).to_have_count(2)
    phone.get_by_role("link", name="Remove Medi-Cal").click()
    phone.wait_for_url(lambda url: "near=95816" in url and "medi-cal" not in url)
    expect(phone.locator("#results-heading")).to_have_text(
        "3 clinics treating PTSD, within 25 miles of 95816"
    )
    assert_accessible(phone)


def test_unknown_place_is_said_in_the_summary(phone, live_server, clinics):
    phone.goto("/clinics/?near=Gotham&condition=ptsd")
    expect(
        phone.get_by_text("We couldn't find “Gotham”, so this is not limited by place.")
    ).to_be_visible()
    # Its link opens the closed panel at the field to fix.
    phone.get_by_role("link", name="Change the place").click()
    expect(phone.get_by_label("Near (ZIP code or city)")).to_be_visible()
    expect(phone.get_by_label("Near (ZIP code or city)")).to_have_value("Gotham")
    assert_accessible(phone)


def test_filters_panel_on_a_phone_keeps_its_apply_button_in_reach(phone, live_server, clinics):
    phone.goto("/clinics/?condition=ptsd")
    toggle = phone.get_by_text("Search and filters (1)")
    box = toggle.bounding_box()
    assert box["height"] >= MIN_TAP
    toggle.click()
    medi_cal = phone.get_by_role("checkbox", name=re.compile("Medi-Cal"))
    medi_cal.scroll_into_view_if_needed()
    medi_cal.check()
    # Halfway down a long panel, "Show clinics" is still on screen.
    apply = phone.locator(".search-panel__actions").get_by_role("button", name="Show clinics")
    expect(apply).to_be_in_viewport()
    assert_accessible(phone)
    apply.click()
    phone.wait_for_url(re.compile(r"insurance=medi-cal"))
    expect(phone.locator(".clinic-card")).to_have_count(2)


def test_spravato_elk_grove_spanish_cards_say_what_matches(desktop, live_server, clinics):
    page = desktop
    page.goto("/clinics/")
    page.get_by_label("Search words").fill("spravato elk grove spanish")
    page.get_by_role("button", name="Show clinics").first.click()
    page.wait_for_url(re.compile(r"/clinics/\?"))
    expect(page.locator("#results-heading")).to_have_text(
        "2 clinics offering Esketamine (Spravato) nasal spray, with staff who speak Spanish, "
        "within 25 miles of Elk Grove, CA"
    )
    cards = page.locator(".clinic-card")
    expect(cards).to_have_count(2)
    for card in cards.all():
        expect(card.locator(".clinic-card__matches")).to_contain_text("Staff speak Spanish")
        expect(card.locator(".clinic-card__matches")).to_contain_text(
            "Offers Esketamine (Spravato) nasal spray"
        )
    # On a desktop the filters are a side panel, already open.
    expect(page.get_by_label("Language spoken")).to_be_visible()
    expect(page.get_by_label("Language spoken")).to_have_value("es")
    assert_accessible(page)
    only_this_site(page, live_server)


def test_results_map_shows_markers_and_loads_nothing_from_elsewhere(desktop, live_server, clinics):
    page = desktop
    page.goto("/clinics/?condition=ptsd&near=95816")
    figure = page.get_by_role("figure", name=re.compile("Map of the 3 clinics on this page"))
    expect(figure).to_be_visible()
    markers = figure.locator("a.map__marker")
    expect(markers).to_have_count(3)
    expect(markers.first).to_have_attribute("aria-label", "1. Midtown Steady Clinic, Sacramento")
    expect(figure.locator(".map__place")).to_have_count(1)
    assert_accessible(page)
    markers.first.click()
    page.wait_for_url("**/clinics/*/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Midtown Steady Clinic")
    expect(
        page.get_by_role("img", name=re.compile("Map of where Midtown Steady Clinic is"))
    ).to_be_visible()
    assert_accessible(page)
    only_this_site(page, live_server)


def test_compare_two_clinics_on_a_phone_and_print_them(phone, live_server, clinics):
    phone.goto("/clinics/?condition=ptsd&near=95816")
    phone.get_by_role("checkbox", name="Compare Midtown Steady Clinic").check()
    phone.get_by_role("checkbox", name="Compare Davis Grove Clinic").check()
    compare = phone.get_by_role("button", name="Compare ticked clinics")
    box = compare.bounding_box()
    assert box["height"] >= MIN_TAP
    compare.click()
    phone.wait_for_url(re.compile(r"/clinics/compare/\?"))
    table = phone.get_by_role("table", name=re.compile("2 clinics side by side"))
    expect(table.get_by_role("columnheader")).to_have_count(2)
    expect(table).to_contain_text("Sacramento, ")
    expect(table.get_by_role("link", name="Call (916) 555-0161")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(phone)

    phone.emulate_media(media="print")
    expect(table.get_by_role("link", name=re.compile("Remove"))).to_have_count(0)
    expect(table.get_by_text("Call (916) 555-0161")).to_be_visible()
    expect(phone.locator(".site-header nav")).to_be_hidden()
    phone.emulate_media(media="screen")

    phone.get_by_role("link", name="Remove Davis Grove Clinic from the comparison").click()
    expect(phone.get_by_role("table").get_by_role("columnheader")).to_have_count(1)
    only_this_site(phone, live_server)
