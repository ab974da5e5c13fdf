"""generate_clinics: synthetic clinics for load tests."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from clinics.geo import haversine_miles
from clinics.models import Clinic, ClinicTreatment, OpeningHours, validate_us_phone

pytestmark = pytest.mark.django_db

SACRAMENTO = (38.5816, -121.4944)


def generate(count: int, seed: int = 7) -> str:
    out = StringIO()
    call_command("generate_clinics", count=count, seed=seed, verbosity=0, stdout=out)
    return out.getvalue()


def test_generate_creates_the_requested_number_of_sample_clinics():
    output = generate(50)
    clinics = Clinic.objects.all()
    assert clinics.count() == 50
    assert all(clinic.is_demo for clinic in clinics)
    assert "Created 50 synthetic clinics" in output


def test_generated_clinics_are_named_and_numbered_from_one():
    generate(50)
    slugs = sorted(Clinic.objects.values_list("slug", flat=True))
    assert slugs[0] == "synthetic-clinic-00001"
    assert slugs[-1] == "synthetic-clinic-00050"
    assert Clinic.objects.get(slug="synthetic-clinic-00042").name == "Synthetic Clinic 00042"


def test_a_second_run_continues_the_numbering():
    generate(50)
    generate(10, seed=8)
    assert Clinic.objects.count() == 60
    assert Clinic.objects.filter(slug="synthetic-clinic-00060").exists()


def test_generated_clinics_pass_model_validation():
    generate(50)
    for clinic in Clinic.objects.all():
        validate_us_phone(clinic.phone)
        try:
            clinic.full_clean()
        except ValidationError as error:  # pragma: no cover - shows which clinic failed
            pytest.fail(f"{clinic.slug}: {error}")


def test_generated_clinics_lie_within_60_miles_of_sacramento():
    generate(50)
    for lat, lng in Clinic.objects.values_list("latitude", "longitude"):
        assert haversine_miles(*SACRAMENTO, lat, lng) < 60


def test_every_generated_clinic_has_conditions_and_treatments():
    generate(50)
    assert not Clinic.objects.filter(conditions=None).exists()
    assert not Clinic.objects.filter(clinic_treatments=None).exists()
    assert Clinic.insurance_plans.through.objects.exists()


def test_generated_prices_and_hours_respect_the_rules():
    generate(50)
    assert ClinicTreatment.objects.exclude(price_min=None).exists()
    for row in ClinicTreatment.objects.exclude(price_min=None):
        assert row.price_min <= row.price_max
    assert OpeningHours.objects.exists()
    for row in OpeningHours.objects.all():
        assert row.opens < row.closes
        assert 0 <= row.weekday <= 6
        assert isinstance(row.opens, datetime.time)


def test_the_same_seed_gives_the_same_data():
    generate(20, seed=99)
    first = list(Clinic.objects.order_by("slug").values_list("city", "latitude", "languages"))
    Clinic.objects.all().delete()
    generate(20, seed=99)
    second = list(Clinic.objects.order_by("slug").values_list("city", "latitude", "languages"))
    assert first == second


def test_generate_is_refused_in_production_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="production"):
        generate(5)
    assert not Clinic.objects.exists()
