"""Search result cards people can act on: call, what matches the search, an honest price."""

import datetime
import html
import re

import pytest

from tests.factories import (
    ClinicFactory,
    ClinicTreatmentFactory,
    condition,
    insurance,
    treatment,
)

pytestmark = pytest.mark.django_db


def card(client, url: str, name: str) -> str:
    """The HTML of the result card of the clinic called `name`."""
    page = client.get(url).content.decode()
    for found in re.findall(r'<article class="card clinic-card".*?</article>', page, re.S):
        if f">{name}</a></h3>" in found:
            return html.unescape(found)
    raise AssertionError(f"No card for {name} at {url}")


def test_card_has_a_tap_to_call_link_with_the_formatted_number(client):
    ClinicFactory(name="Call Clinic", phone="916-555-0142")
    found = card(client, "/clinics/", "Call Clinic")
    assert '<a class="button call-button" href="tel:+19165550142">Call (916) 555-0142</a>' in found


def test_card_shows_the_insurance_language_and_treatment_it_matches(client):
    clinic = ClinicFactory(
        name="Match Clinic",
        languages=["en", "es"],
        insurance_plans=[insurance("medi-cal"), insurance("aetna")],
    )
    offer = ClinicTreatmentFactory(clinic=clinic, treatment=treatment("spravato"))
    offer.insurance_plans.add(insurance("medi-cal"))  # Medi-Cal pays for Spravato here
    found = card(
        client,
        "/clinics/?insurance=medi-cal&insurance=cigna&language=es&treatment=spravato",
        "Match Clinic",
    )
    matches = re.findall(r'badge--match"><span aria-hidden="true">✓ </span>([^<]+)<', found)
    assert matches == [
        "Offers Esketamine (Spravato) nasal spray",
        "Takes Medi-Cal",
        "Staff speak Spanish",
    ]


def test_card_says_self_pay_when_self_pay_was_chosen(client):
    ClinicFactory(name="Cash Clinic", self_pay=True)
    found = card(client, "/clinics/?insurance=self-pay", "Cash Clinic")
    assert "Takes self-pay patients" in found


def test_card_without_those_filters_claims_no_match(client):
    ClinicFactory(name="Plain Clinic", languages=["es"], insurance_plans=[insurance("aetna")])
    assert "Matches your search" not in card(client, "/clinics/", "Plain Clinic")


def test_price_is_the_main_treatments_session_price_never_the_consult_fee(client):
    clinic = ClinicFactory(name="Honest Clinic", consult_fee=75)
    ClinicTreatmentFactory(clinic=clinic, treatment=treatment("telehealth"), price_min=75)
    ClinicTreatmentFactory(clinic=clinic, treatment=treatment("iv-infusion"), price_min=450)
    found = card(client, "/clinics/", "Honest Clinic")
    assert "Self-pay: IV infusion from $450 a session" in found
    assert "$75" not in found


def test_price_is_for_the_treatment_searched_for(client):
    clinic = ClinicFactory(name="Two Treatment Clinic")
    ClinicTreatmentFactory(clinic=clinic, treatment=treatment("iv-infusion"), price_min=450)
    ClinicTreatmentFactory(clinic=clinic, treatment=treatment("kap"), price_min=250)
    found = card(client, "/clinics/?treatment=kap", "Two Treatment Clinic")
    assert "Self-pay: Ketamine-assisted psychotherapy (KAP) from $250 a session" in found


def test_price_not_stated_says_to_ask_for_that_treatment(client):
    clinic = ClinicFactory(name="Unpriced Clinic")
    ClinicTreatmentFactory(clinic=clinic, treatment=treatment("spravato"), price_min=None)
    found = card(client, "/clinics/?treatment=spravato", "Unpriced Clinic")
    assert "Self-pay price of Esketamine (Spravato) nasal spray: ask the clinic" in found


def test_condition_page_cards_carry_the_same_price(client):
    clinic = ClinicFactory(name="Condition Card Clinic", conditions=[condition("ptsd")])
    ClinicTreatmentFactory(clinic=clinic, treatment=treatment("iv-infusion"), price_min=450)
    found = card(client, "/conditions/ptsd/", "Condition Card Clinic")
    assert "Self-pay: IV infusion from $450 a session" in found


def test_card_shows_the_directorys_check_when_it_is_the_latest(client):
    ClinicFactory(
        name="Verified Clinic",
        last_verified_on=datetime.date(2025, 8, 9),
        staff_confirmed_on=datetime.date(2025, 6, 7),
    )
    found = card(client, "/clinics/", "Verified Clinic")
    assert 'Checked by the directory on <time datetime="2025-08-09">Aug 9, 2025</time>' in found


def test_card_shows_a_clinic_confirmation_newer_than_the_directorys_check(client):
    ClinicFactory(
        name="Confirmed Clinic",
        last_verified_on=datetime.date(2025, 1, 2),
        staff_confirmed_on=datetime.date(2025, 6, 7),
    )
    found = card(client, "/clinics/", "Confirmed Clinic")
    assert 'Confirmed by the clinic on <time datetime="2025-06-07">Jun 7, 2025</time>' in found


def test_card_never_checked_says_so(client):
    ClinicFactory(name="New Clinic", last_verified_on=None, staff_confirmed_on=None)
    assert "Not yet checked by the directory or the clinic" in card(
        client, "/clinics/", "New Clinic"
    )


def test_card_has_a_compare_box_named_for_its_clinic(client):
    ClinicFactory(name="Box Clinic", slug="box-clinic")
    found = card(client, "/clinics/", "Box Clinic")
    assert 'name="c" value="box-clinic" id="compare-box-clinic" form="compare"' in found
    assert '<span class="visually-hidden"> Box Clinic</span>' in found
