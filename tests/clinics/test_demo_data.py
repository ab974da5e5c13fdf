"""The fictional demo clinics loaded by seed_demo."""

import datetime
import re

import pytest
from django.db import transaction
from django.utils import timezone

from clinics.demo import seed_clinics
from clinics.models import Clinic, ClinicTreatment, OpeningHours

pytestmark = pytest.mark.django_db

CITIES = {
    "Sacramento",
    "Elk Grove",
    "Roseville",
    "Folsom",
    "Davis",
    "Rancho Cordova",
    "Citrus Heights",
    "Carmichael",
    "West Sacramento",
    "Auburn",
    "Woodland",
}


@pytest.fixture(scope="module")
def demo_clinics(django_db_setup, django_db_blocker):
    """The demo clinics, seeded once for this module and rolled back after its last test.

    Seeding takes seconds and the tests below only read, so they share one copy, as
    Django's setUpTestData shares rows: each test still runs in a savepoint of its own
    inside this transaction, so one that writes cannot disturb the next.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        count = seed_clinics()
        yield count, list(Clinic.objects.all())
        transaction.set_rollback(True)


def test_seed_creates_about_25_clinics_all_marked_as_sample_data(demo_clinics):
    count, clinics = demo_clinics
    assert 22 <= count <= 30
    assert len(clinics) == count
    assert all(clinic.is_demo for clinic in clinics)


def test_demo_phones_are_unique_916_555_01xx_numbers(demo_clinics):
    _, clinics = demo_clinics
    phones = [clinic.phone for clinic in clinics]
    assert all(re.fullmatch(r"\+191655501\d\d", phone) for phone in phones)
    assert len(set(phones)) == len(phones)


def test_demo_websites_emails_and_booking_links_are_on_example_org(demo_clinics):
    _, clinics = demo_clinics
    for clinic in clinics:
        assert re.fullmatch(r"https://[a-z0-9-]+\.example\.org/", clinic.website)
        assert clinic.email.endswith(".example.org")
        assert clinic.booking_url.startswith(clinic.website)


def test_demo_clinics_cover_every_listed_city_with_coordinates(demo_clinics):
    _, clinics = demo_clinics
    assert {clinic.city for clinic in clinics} == CITIES
    assert {"95816", "95811", "95818", "95834"} <= {clinic.zip_code for clinic in clinics}
    assert all(clinic.latitude and clinic.longitude for clinic in clinics)


def test_medical_directors_are_marked_fictional(demo_clinics):
    _, clinics = demo_clinics
    assert all(clinic.medical_director.endswith("(fictional)") for clinic in clinics)


def test_riverbend_is_a_listed_east_sacramento_clinic_treating_ptsd_with_insurance(
    demo_clinics,
):
    clinic = Clinic.objects.get(slug="riverbend-ketamine-center")
    assert clinic.status == Clinic.Status.LISTED
    assert (clinic.city, clinic.zip_code) == ("Sacramento", "95816")
    assert {"ptsd", "depression"} <= set(clinic.conditions.values_list("slug", flat=True))
    assert clinic.insurance_plans.exists()


def test_foothill_infusion_clinic_is_listed_in_roseville(demo_clinics):
    clinic = Clinic.objects.get(slug="foothill-infusion-clinic")
    assert (clinic.status, clinic.city) == (Clinic.Status.LISTED, "Roseville")


def test_demo_has_one_temporarily_closed_and_one_closed_clinic(demo_clinics):
    statuses = list(Clinic.objects.values_list("status", flat=True))
    assert statuses.count(Clinic.Status.TEMPORARILY_CLOSED) == 1
    assert statuses.count(Clinic.Status.CLOSED) == 1


def test_verification_dates_include_two_stale_and_one_never_verified(demo_clinics):
    _, clinics = demo_clinics
    assert sum(clinic.last_verified_on is None for clinic in clinics) == 1
    stale = [c for c in clinics if c.last_verified_on and c.is_stale]
    assert len(stale) == 2
    year_ago = timezone.localdate() - datetime.timedelta(days=365)
    assert sum(c.last_verified_on is not None and c.last_verified_on >= year_ago for c in clinics)


def test_demo_clinics_have_varied_treatments_hours_and_languages(demo_clinics):
    _, clinics = demo_clinics
    offered = set(ClinicTreatment.objects.values_list("treatment__slug", flat=True))
    assert offered == {
        "iv-infusion",
        "im-injection",
        "spravato",
        "oral-sublingual",
        "kap",
        "telehealth",
    }
    assert ClinicTreatment.objects.filter(treatment__slug="spravato", rems_certified=True).exists()
    assert OpeningHours.objects.filter(weekday=OpeningHours.Weekday.SATURDAY).exists()
    assert not OpeningHours.objects.filter(weekday=OpeningHours.Weekday.SUNDAY).exists()
    split_days = (
        OpeningHours.objects.values("clinic", "weekday").distinct().count()
        < OpeningHours.objects.count()
    )
    assert split_days
    assert OpeningHours.objects.filter(closes__gte=datetime.time(20, 0)).exists()
    assert len({code for clinic in clinics for code in clinic.languages}) >= 8


def test_demo_prices_and_hours_satisfy_the_rules(demo_clinics):
    for row in ClinicTreatment.objects.exclude(price_min=None):
        assert row.price_min <= row.price_max
    for row in OpeningHours.objects.all():
        assert row.opens < row.closes


def test_seeding_twice_gives_the_same_rows(demo_clinics):
    count, _ = demo_clinics

    def snapshot():
        return (
            sorted(Clinic.objects.values_list("id", "slug", "phone", "last_verified_on")),
            sorted(ClinicTreatment.objects.values_list("clinic_id", "treatment_id", "price_min")),
            sorted(OpeningHours.objects.values_list("id", "clinic_id", "weekday", "opens")),
            sorted(Clinic.conditions.through.objects.values_list("clinic_id", "condition_id")),
            sorted(
                Clinic.insurance_plans.through.objects.values_list("clinic_id", "insuranceplan_id")
            ),
        )

    before = snapshot()
    assert seed_clinics() == count
    assert snapshot() == before
