"""schema.org JSON-LD for search engines: prices, special hours, closures, condition pages."""

import datetime
import json
import re

import pytest
import time_machine

from clinics import hours
from clinics.models import Clinic
from tests.factories import (
    ClinicFactory,
    ClinicTreatmentFactory,
    HoursExceptionFactory,
    OpeningHoursFactory,
    condition,
    treatment,
)

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
# Friday 2026-11-20, noon Pacific.
NOW = datetime.datetime(2026, 11, 20, 12, 0, tzinfo=hours.PACIFIC)
THANKSGIVING = datetime.date(2026, 11, 26)


def json_ld(client, url) -> dict:
    with time_machine.travel(NOW, tick=False):
        page = client.get(url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.fixture
def clinic():
    clinic = ClinicFactory(name="Schema Clinic", slug="schema-clinic", description="Calm rooms.")
    OpeningHoursFactory(clinic=clinic, weekday=0)
    ClinicTreatmentFactory(clinic=clinic, treatment=treatment("iv-infusion"), price_min=450)
    ClinicTreatmentFactory(clinic=clinic, treatment=treatment("kap"), price_min=300, price_max=700)
    return clinic


def test_clinic_json_ld_states_the_range_of_self_pay_prices(client, clinic):
    assert json_ld(client, clinic.get_absolute_url())["priceRange"] == "$300–$700"


def test_clinic_json_ld_has_no_price_range_without_prices(client):
    clinic = ClinicFactory()
    ClinicTreatmentFactory(
        clinic=clinic, treatment=treatment("spravato"), price_min=None, price_max=None
    )

    assert "priceRange" not in json_ld(client, clinic.get_absolute_url())


def test_a_holiday_is_published_as_closed_special_hours(client, clinic):
    HoursExceptionFactory(clinic=clinic, date=THANKSGIVING, note="Thanksgiving")

    data = json_ld(client, clinic.get_absolute_url())

    assert data["specialOpeningHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "opens": "00:00",
            "closes": "00:00",
            "validFrom": "2026-11-26",
            "validThrough": "2026-11-26",
        }
    ]
    assert data["openingHoursSpecification"]


def test_special_hours_are_published_for_their_date(client, clinic):
    HoursExceptionFactory(
        clinic=clinic,
        date=THANKSGIVING,
        closed=False,
        opens=datetime.time(10),
        closes=datetime.time(14),
    )

    data = json_ld(client, clinic.get_absolute_url())

    assert data["specialOpeningHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "opens": "10:00",
            "closes": "14:00",
            "validFrom": "2026-11-26",
            "validThrough": "2026-11-26",
        }
    ]


def test_a_temporarily_closed_clinic_publishes_no_regular_hours(client, clinic):
    Clinic.objects.filter(pk=clinic.pk).update(
        status=Clinic.Status.TEMPORARILY_CLOSED,
        closure_reason="Flood damage",
        reopens_on=datetime.date(2026, 12, 7),
    )

    data = json_ld(client, clinic.get_absolute_url())

    assert "openingHoursSpecification" not in data
    assert data["specialOpeningHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "opens": "00:00",
            "closes": "00:00",
            "validFrom": "2026-11-20",
            "validThrough": "2026-12-06",
        }
    ]
    assert data["description"].startswith(
        "Temporarily closed: Flood damage. Expected to reopen on December 7, 2026."
    )


def test_a_temporary_closure_without_a_reopening_date_is_open_ended(client, clinic):
    Clinic.objects.filter(pk=clinic.pk).update(status=Clinic.Status.TEMPORARILY_CLOSED)

    (closure,) = json_ld(client, clinic.get_absolute_url())["specialOpeningHoursSpecification"]

    assert closure["validFrom"] == "2026-11-20"
    assert "validThrough" not in closure


def test_condition_page_json_ld_lists_its_clinics(client):
    first = ClinicFactory(name="Alder Clinic", slug="alder", conditions=[condition("ocd")])
    ClinicFactory(name="Birch Clinic", slug="birch", conditions=[condition("ocd")])

    data = json_ld(client, "/conditions/ocd/")

    assert data["@type"] == "MedicalWebPage"
    assert data["about"] == {
        "@type": "MedicalCondition",
        "name": "OCD",
        "url": SITE + "/conditions/ocd/",
    }
    items = data["mainEntity"]["itemListElement"]
    assert data["mainEntity"]["@type"] == "ItemList"
    assert items[0] == {
        "@type": "ListItem",
        "position": 1,
        "item": {"@type": "MedicalClinic", "name": first.name, "url": SITE + "/clinics/alder/"},
    }
    assert [item["item"]["name"] for item in items] == ["Alder Clinic", "Birch Clinic"]
