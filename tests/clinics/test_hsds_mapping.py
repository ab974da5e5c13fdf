"""How clinics map onto HSDS records: ids, hours across daylight saving, prices, attributes."""

import datetime
import uuid

import pytest
import time_machine

from clinics.hsds import ids
from clinics.hsds.schedules import local_time, periods
from clinics.hsds.taxonomy import DIRECTORY, OPEN_ELIGIBILITY
from clinics.models import HoursException
from tests.clinics.hsds_helpers import get, make_directory
from tests.factories import insurance

pytestmark = pytest.mark.django_db

SUMMER = datetime.datetime(2025, 6, 15, 12, tzinfo=datetime.UTC)


@pytest.fixture
def directory():
    return make_directory()


def service(client, clinic, slug="iv-infusion") -> dict:
    data, response = get(client, f"services/{ids.service_id(clinic.uuid, slug)}")
    assert response.status_code == 200
    return data


def codes(attributes) -> set[str]:
    return {a["taxonomy_term"]["code"] for a in attributes}


# --- Stable ids -----------------------------------------------------------------------------


def test_an_organization_is_its_clinics_uuid(client, directory):
    data, _ = get(client, f"organizations/{directory.riverside.uuid}")
    assert data["id"] == str(directory.riverside.uuid)


def test_ids_survive_a_rename(client, directory):
    before = service(client, directory.riverside)
    directory.riverside.name = "Riverside Ketamine & Wellness"
    directory.riverside.slug = "riverside-ketamine-wellness"
    directory.riverside.save()
    after = service(client, directory.riverside)
    assert after["id"] == before["id"]
    assert after["service_at_locations"][0]["id"] == before["service_at_locations"][0]["id"]
    assert (
        after["service_at_locations"][0]["location"]["id"]
        == (before["service_at_locations"][0]["location"]["id"])
    )


def test_derived_ids_lead_back_to_their_clinic():
    clinic = uuid.uuid4()
    service_id = ids.service_id(clinic, "kap")
    assert service_id != clinic
    assert service_id.version == clinic.version
    candidates = ids.base_candidates(service_id, ["service:iv-infusion", "service:kap"])
    assert candidates[clinic] == "service:kap"


def test_every_record_in_an_organization_has_its_own_id(client, directory):
    data, _ = get(client, f"organizations/{directory.riverside.uuid}?full_service=true")
    found = []

    def collect(node):
        if isinstance(node, dict):
            # Taxonomy terms repeat, once per attribute that applies them.
            if "id" in node and "code" not in node:
                found.append(node["id"])
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(data)
    assert len(found) > 20
    assert len(set(found)) == len(found)


# --- Organization and location --------------------------------------------------------------


def test_the_location_carries_address_phone_languages_and_access(client, directory):
    data, _ = get(client, f"organizations/{directory.riverside.uuid}")
    location = data["locations"][0]
    assert location["location_type"] == "physical"
    assert location["addresses"][0]["address_1"] == "100 River Road"
    assert location["addresses"][0]["postal_code"] == "95816"
    assert location["addresses"][0]["country"] == "US"
    assert location["phones"][0]["number"].startswith("+1 916")
    assert {language["code"] for language in location["languages"]} == {"en", "es"}
    assert location["accessibility"][0]["description"] == "Wheelchair accessible."


def test_sample_data_says_so_in_the_records_themselves(client, directory):
    data, _ = get(client, f"organizations/{directory.foothill.uuid}?full_service=true")
    assert data["description"].startswith("Sample data")
    assert "listing:sample-data" in codes(data["attributes"])
    assert "listing:sample-data" in codes(data["locations"][0]["attributes"])
    assert "Sample data" in data["services"][0]["alert"]


def test_a_real_clinic_is_not_marked_as_sample_data(client, directory):
    data, _ = get(client, f"organizations/{directory.riverside.uuid}?full_service=true")
    assert not data["description"].startswith("Sample data")
    assert "listing:sample-data" not in codes(data["attributes"])


def test_clinic_wide_facts_are_attributes_of_the_organization(client, directory):
    data, _ = get(client, f"organizations/{directory.riverside.uuid}")
    assert codes(data["attributes"]) == {
        "payment:self-pay",
        "payment:hsa-fsa",
        "listing:accepting-new-patients",
    }


def test_a_temporarily_closed_clinic_says_why_in_its_services(client, directory):
    data = service(client, directory.foothill, "kap")
    assert data["status"] == "temporarily closed"
    assert "temporarily closed: Closed for renovation." in data["alert"]


# --- Services --------------------------------------------------------------------------------


def test_price_range_becomes_a_cost_option_and_fees_description(client, directory):
    data = service(client, directory.riverside)
    assert data["cost_options"] == [
        {
            "id": data["cost_options"][0]["id"],
            "service_id": data["id"],
            "option": "Self-pay, per session",
            "currency": "USD",
            "amount": 400,
            "amount_description": "$400–$650 per session",
        }
    ]
    assert data["fees_description"].startswith("Self-pay $400–$650 per session.")
    assert "HSA/FSA accepted." in data["fees_description"]


def test_a_service_without_prices_has_no_cost_option(client, directory):
    assert service(client, directory.riverside, "spravato")["cost_options"] == []


def test_attributes_state_route_conditions_cover_and_facts(client, directory):
    found = codes(service(client, directory.riverside)["attributes"])
    assert {
        "treatment:iv-infusion",
        "condition:ptsd",
        "condition:chronic-pain",
        "insurance:aetna",
        "payment:self-pay",
        "payment:hsa-fsa",
        "listing:accepting-new-patients",
        # Open Eligibility terms linked from ours.
        "1219",
        "20051",
        "1222",
        "20090",
    } <= found
    assert "listing:rems-certified" not in found


def test_insurance_is_stated_per_treatment(client, directory):
    spravato = codes(service(client, directory.riverside, "spravato")["attributes"])
    assert "insurance:aetna" not in spravato


def test_rems_certification_is_an_attribute_of_the_spravato_service(client, directory):
    assert "listing:rems-certified" in codes(
        service(client, directory.riverside, "spravato")["attributes"]
    )


def test_verification_and_edits_are_the_assured_date_and_last_modified(client, directory):
    data = service(client, directory.riverside)
    assert data["assured_date"] == directory.riverside.last_verified_on.isoformat()
    assert data["last_modified"].endswith("Z")
    parsed = datetime.datetime.fromisoformat(data["last_modified"])
    assert abs(parsed - directory.riverside.updated_at) < datetime.timedelta(milliseconds=1)


def test_each_attribute_names_its_term_and_taxonomy(client, directory):
    for attribute in service(client, directory.riverside)["attributes"]:
        term = attribute["taxonomy_term"]
        assert attribute["taxonomy_term_id"] == term["id"]
        expected = ids.term_id(
            OPEN_ELIGIBILITY if term["code"].isdigit() else DIRECTORY, term["code"]
        )
        assert term["id"] == str(expected)


# --- Opening hours across daylight saving ---------------------------------------------------


def test_periods_run_from_today_to_the_end_of_next_year():
    assert [
        (str(p.valid_from), str(p.valid_to), p.utc_offset_hours)
        for p in periods(datetime.date(2025, 6, 15))
    ] == [
        ("2025-03-09", "2025-11-01", -7),
        ("2025-11-02", "2026-03-07", -8),
        ("2026-03-08", "2026-10-31", -7),
        ("2026-11-01", "2026-12-31", -8),
    ]


def test_weekly_hours_are_stated_once_per_daylight_saving_period(client, directory):
    with time_machine.travel(SUMMER):
        data, _ = get(client, f"organizations/{directory.riverside.uuid}")
    weekly = [s for s in data["locations"][0]["schedules"] if "count" not in s]
    weekdays = [s for s in weekly if s["byday"] == "MO,TU,WE,TH,FR"]
    assert [(s["valid_from"], s["opens_at"], s["closes_at"], s["timezone"]) for s in weekdays] == [
        ("2025-03-09", "09:00-07:00", "17:00-07:00", -7),
        ("2025-11-02", "09:00-08:00", "17:00-08:00", -8),
        ("2026-03-08", "09:00-07:00", "17:00-07:00", -7),
        ("2026-11-01", "09:00-08:00", "17:00-08:00", -8),
    ]
    saturday = [s for s in weekly if s["byday"] == "SA"]
    assert saturday[0]["opens_at"] == "10:00-07:00"
    assert weekdays[0]["schedule_link"] == "https://riverside.example.org/book/"
    assert weekdays[0]["freq"] == "WEEKLY"


def test_a_holiday_and_special_hours_are_one_date_schedules(client, directory):
    with time_machine.travel(SUMMER):
        HoursException.objects.create(
            clinic=directory.riverside, date=datetime.date(2025, 7, 4), note="Independence Day"
        )
        HoursException.objects.create(
            clinic=directory.riverside,
            date=datetime.date(2025, 7, 5),
            closed=False,
            opens=datetime.time(9),
            closes=datetime.time(12),
        )
        data, _ = get(client, f"organizations/{directory.riverside.uuid}")
    dated = [s for s in data["locations"][0]["schedules"] if s.get("count") == 1]
    assert [(s["valid_from"], s.get("opens_at"), s["byday"]) for s in dated] == [
        ("2025-07-04", None, "FR"),
        ("2025-07-05", "09:00-07:00", "SA"),
    ]
    assert "Closed on Friday, July 4, 2025 (Independence Day)" in dated[0]["description"]


def test_hsds_times_read_back_as_pacific_wall_clock():
    day = datetime.date(2025, 1, 15)
    assert local_time("09:00-08:00", day) == datetime.time(9)
    assert local_time("17:00Z", day) == datetime.time(9)
    assert local_time("09:30", day) == datetime.time(9, 30)


def test_insurance_cover_changes_show_in_the_service(client, directory):
    offer = directory.riverside.clinic_treatments.get(treatment__slug="spravato")
    offer.insurance_plans.add(insurance("medicare"))
    assert "insurance:medicare" in codes(
        service(client, directory.riverside, "spravato")["attributes"]
    )
