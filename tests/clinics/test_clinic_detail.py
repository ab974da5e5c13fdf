"""The clinic page: what it shows, its JSON-LD, closed clinics and renamed clinics."""

import datetime
import json
import re

import pytest
import time_machine
from django.utils import timezone

from clinics.models import Clinic, OpeningHours
from tests.factories import (
    ClinicFactory,
    ClinicTreatmentFactory,
    OpeningHoursFactory,
    condition,
    insurance,
    treatment,
)

pytestmark = pytest.mark.django_db

# 2026-11-24 is a Tuesday; 18:00 UTC is 10:00 Pacific standard time.
TUESDAY_10AM = datetime.datetime(2026, 11, 24, 18, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clinic():
    clinic = ClinicFactory(
        name="River Oak Clinic",
        slug="river-oak-clinic",
        street_address="2100 J Street",
        city="Sacramento",
        zip_code="95816",
        phone="(916) 555-0142",
        email="hello@river-oak.example.org",
        booking_url="https://river-oak.example.org/book",
        languages=["en", "vi"],
        medical_director="Dana Example, MD",
        clinician_credentials=["anesthesiologist", "pmhnp"],
        accepts_hsa_fsa=True,
        offers_financing=True,
        wheelchair_accessible=True,
        conditions=[condition("ptsd"), condition("treatment-resistant-depression")],
        insurance_plans=[insurance("aetna"), insurance("tricare")],
        last_verified_on=datetime.date(2026, 9, 1),
    )
    ClinicTreatmentFactory(
        clinic=clinic, treatment=treatment("iv-infusion"), price_min=450, price_max=650
    )
    ClinicTreatmentFactory(
        clinic=clinic,
        treatment=treatment("spravato"),
        price_min=None,
        price_max=None,
        rems_certified=True,
    )
    OpeningHoursFactory(
        clinic=clinic,
        weekday=OpeningHours.Weekday.TUESDAY,
        opens=datetime.time(9),
        closes=datetime.time(12),
    )
    OpeningHoursFactory(
        clinic=clinic,
        weekday=OpeningHours.Weekday.TUESDAY,
        opens=datetime.time(13),
        closes=datetime.time(17),
    )
    return clinic


def get_page(client, clinic, moment=TUESDAY_10AM):
    with time_machine.travel(moment, tick=False):
        response = client.get(clinic.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def json_ld(page: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_page_shows_contact_details_with_tel_and_directions_links(client, clinic):
    page = get_page(client, clinic)
    assert '<a href="tel:+19165550142">(916) 555-0142</a>' in page
    assert "https://www.google.com/maps/dir/?api=1&amp;destination=River+Oak+Clinic" in page
    assert "2100 J Street" in page
    assert "mailto:hello@river-oak.example.org" in page
    assert "https://river-oak.example.org/book" in page


def test_hours_table_and_open_now_in_pacific_time(client, clinic):
    page = get_page(client, clinic)
    assert "9:00 AM–12:00 PM, 1:00 PM–5:00 PM" in page
    assert "Open now" in page
    assert page.count("Closed</td>") == 6


def test_closed_now_during_lunch(client, clinic):
    lunch = TUESDAY_10AM + datetime.timedelta(hours=2, minutes=30)  # 12:30 Pacific
    page = get_page(client, clinic, lunch)
    assert "Closed now" in page
    assert "Open now" not in page


def test_treatments_with_prices_and_rems_note(client, clinic):
    page = get_page(client, clinic)
    assert "IV infusion" in page
    assert "$450–$650" in page
    assert "REMS-certified treatment center" in page
    assert "Ask the clinic" in page  # Spravato has no price


def test_payment_languages_credentials_and_director(client, clinic):
    page = get_page(client, clinic)
    for text in [
        "Aetna",
        "TRICARE",
        "HSA/FSA",
        "Vietnamese",
        "Anesthesiologist (MD/DO)",
        "Psychiatric nurse practitioner (PMHNP)",
        "Dana Example, MD",
        "Wheelchair accessible",
    ]:
        assert text in page


def test_conditions_link_to_condition_pages(client, clinic):
    page = get_page(client, clinic)
    assert '<a href="/conditions/ptsd/">PTSD</a>' in page
    assert '<a href="/conditions/treatment-resistant-depression/">' in page


def test_report_a_problem_link(client, clinic):
    page = get_page(client, clinic)
    assert (
        '<a href="/clinics/river-oak-clinic/report/">Report a problem with this listing</a>' in page
    )


def test_last_verified_date_and_no_stale_notice_when_recent(client, clinic):
    page = get_page(client, clinic)
    assert "September 1, 2026" in page
    assert "may be out of date" not in page


def test_page_shows_the_directorys_and_the_clinics_check_with_their_dates(client, clinic):
    clinic.staff_confirmed_on = datetime.date(2026, 11, 2)
    clinic.save()

    page = get_page(client, clinic)

    assert (
        'Verified by the directory on <time datetime="2026-09-01">September 1, 2026</time>.' in page
    )
    assert 'Confirmed by the clinic on <time datetime="2026-11-02">November 2, 2026</time>.' in page


def test_page_says_when_neither_the_directory_nor_the_clinic_has_checked(client, clinic):
    clinic.last_verified_on = None
    clinic.save()

    page = get_page(client, clinic)

    assert "Not yet verified by the directory." in page
    assert "Not yet confirmed by the clinic." in page


def test_stale_notice_after_twelve_months(client, clinic):
    clinic.last_verified_on = timezone.localdate() - datetime.timedelta(days=400)
    clinic.save()
    assert (
        "This information may be out of date"
        in client.get(clinic.get_absolute_url()).content.decode()
    )


def test_stale_notice_when_never_verified(client, clinic):
    clinic.last_verified_on = None
    clinic.save()
    page = client.get(clinic.get_absolute_url()).content.decode()
    assert "This information may be out of date" in page
    assert "we have not checked it yet" in page


def test_sample_data_notice_for_demo_clinics(client, clinic):
    assert "this clinic is fictional" in get_page(client, clinic)
    clinic.is_demo = False
    clinic.save()
    assert "this clinic is fictional" not in get_page(client, clinic)


def test_canonical_link(client, clinic, settings):
    assert (
        '<link rel="canonical" href="http://127.0.0.1:8000/clinics/river-oak-clinic/">'
        in get_page(client, clinic)
    )


def test_json_ld_parses_and_carries_the_clinic_fields(client, clinic):
    data = json_ld(get_page(client, clinic))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalClinic"
    assert data["name"] == "River Oak Clinic"
    assert data["telephone"] == "+19165550142"
    assert data["url"].endswith("/clinics/river-oak-clinic/")
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "2100 J Street",
        "addressLocality": "Sacramento",
        "addressRegion": "CA",
        "postalCode": "95816",
        "addressCountry": "US",
    }
    assert data["geo"]["@type"] == "GeoCoordinates"
    assert data["geo"]["latitude"] == pytest.approx(38.5728)
    assert data["isAcceptingNewPatients"] is True
    assert data["medicalSpecialty"] == "https://schema.org/Psychiatric"
    assert {s["name"] for s in data["availableService"]} == {
        "IV infusion",
        "Esketamine (Spravato) nasal spray",
    }
    assert data["openingHoursSpecification"][0] == {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": "https://schema.org/Tuesday",
        "opens": "09:00",
        "closes": "12:00",
    }


def test_json_ld_cannot_be_broken_out_of_by_clinic_text(client):
    clinic = ClinicFactory(
        name="Evil </script><script>alert(1)</script> & Co",
        description="<!-- sneaky --> </SCRIPT>",
    )
    page = client.get(clinic.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page
    data = json_ld(page)
    assert data["name"] == "Evil </script><script>alert(1)</script> & Co"
    assert data["description"] == "<!-- sneaky --> </SCRIPT>"


def test_closed_clinic_page_says_it_has_closed(client, clinic):
    clinic.status = Clinic.Status.CLOSED
    clinic.save()
    response = client.get(clinic.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "This clinic has closed." in page
    assert "application/ld+json" not in page
    assert '<meta name="robots" content="noindex">' in page


def test_temporarily_closed_clinic_page_says_so(client, clinic):
    clinic.status = Clinic.Status.TEMPORARILY_CLOSED
    clinic.save()
    page = get_page(client, clinic)
    assert "Temporarily closed." in page
    assert "Open now" not in page


def test_old_slug_redirects_permanently_to_the_current_one(client, clinic):
    clinic.slug = "river-oak-ketamine"
    clinic.save()
    clinic.slug = "river-oak-wellness"
    clinic.save()
    for old in ("river-oak-clinic", "river-oak-ketamine"):
        response = client.get(f"/clinics/{old}/")
        assert response.status_code == 301
        assert response["Location"] == "/clinics/river-oak-wellness/"


def test_old_slug_taken_by_another_clinic_shows_that_clinic(client, clinic):
    clinic.slug = "river-oak-wellness"
    clinic.save()
    ClinicFactory(name="New River Oak", slug="river-oak-clinic")
    response = client.get("/clinics/river-oak-clinic/")
    assert response.status_code == 200
    assert "New River Oak" in response.content.decode()


def test_redirects_do_not_depend_on_history_rows(client, clinic):
    clinic.slug = "river-oak-wellness"
    clinic.save()
    Clinic.history.all().delete()
    response = client.get("/clinics/river-oak-clinic/")
    assert response["Location"] == "/clinics/river-oak-wellness/"


def test_unknown_slug_is_404(client):
    assert client.get("/clinics/never-existed/").status_code == 404


def test_deleted_clinic_slug_is_404(client, clinic):
    clinic.delete()
    assert client.get("/clinics/river-oak-clinic/").status_code == 404


def test_deleted_clinic_old_slug_is_404(client, clinic):
    clinic.slug = "river-oak-wellness"
    clinic.save()
    clinic.delete()
    assert client.get("/clinics/river-oak-clinic/").status_code == 404


def test_post_is_not_allowed(client, clinic):
    assert client.post(clinic.get_absolute_url()).status_code == 405
