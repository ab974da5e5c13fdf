"""Open now, read in Pacific time: midnight boundaries and both 2026 DST changes."""

import datetime

import pytest
import time_machine

from clinics.hours import is_open_at, pacific_weekday_and_time
from clinics.models import Clinic, OpeningHours
from tests.factories import ClinicFactory, OpeningHoursFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
MON, TUE, SUN = OpeningHours.Weekday.MONDAY, OpeningHours.Weekday.TUESDAY, 6


def utc(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UTC)


def hours(clinic, weekday, opens, closes):
    return OpeningHoursFactory(
        clinic=clinic,
        weekday=weekday,
        opens=datetime.time(*opens),
        closes=datetime.time(*closes),
    )


def open_in_sql(clinic, moment) -> bool:
    return Clinic.objects.open_now(moment).filter(pk=clinic.pk).exists()


def open_in_python(clinic, moment) -> bool:
    return is_open_at(clinic.opening_hours.all(), moment)


def assert_open(clinic, moment, expected: bool):
    """The SQL filter and the Python check on the clinic page must always agree."""
    assert open_in_sql(clinic, moment) is expected
    assert open_in_python(clinic, moment) is expected


@pytest.fixture
def night_clinic():
    """Monday 20:00–23:59 and Tuesday 00:00–06:00: open through Monday night."""
    clinic = ClinicFactory()
    hours(clinic, MON, (20, 0), (23, 59))
    hours(clinic, TUE, (0, 0), (6, 0))
    return clinic


# 2026-11-23 is a Monday; Pacific standard time is UTC-8.
def test_open_one_minute_before_midnight(night_clinic):
    assert_open(night_clinic, utc(2026, 11, 24, 7, 58), True)  # Mon 23:58


def test_an_interval_closing_at_2359_stays_open_until_midnight(night_clinic):
    assert_open(night_clinic, utc(2026, 11, 24, 7, 59, 30), True)  # Mon 23:59:30


def test_open_at_midnight_through_the_next_days_first_interval(night_clinic):
    assert_open(night_clinic, utc(2026, 11, 24, 8, 0), True)  # Tue 00:00


def test_closed_at_the_closing_time_itself(night_clinic):
    assert_open(night_clinic, utc(2026, 11, 24, 14, 0), False)  # Tue 06:00


def test_closed_at_midnight_when_the_next_day_has_no_hours():
    clinic = ClinicFactory()
    hours(clinic, MON, (20, 0), (23, 59))
    assert_open(clinic, utc(2026, 11, 24, 8, 0), False)  # Tue 00:00


def test_open_at_the_opening_minute_and_closed_one_second_before():
    clinic = ClinicFactory()
    hours(clinic, MON, (9, 0), (17, 0))
    assert_open(clinic, utc(2026, 11, 23, 17, 0), True)  # Mon 09:00 PST
    assert_open(clinic, utc(2026, 11, 23, 16, 59, 59), False)


def test_several_intervals_a_day_leave_the_lunch_break_closed():
    clinic = ClinicFactory()
    hours(clinic, MON, (9, 0), (12, 0))
    hours(clinic, MON, (13, 0), (17, 0))
    assert_open(clinic, utc(2026, 11, 23, 20, 30), False)  # Mon 12:30
    assert_open(clinic, utc(2026, 11, 23, 21, 30), True)  # Mon 13:30


def test_spring_forward_uses_daylight_time_the_same_morning():
    # 2026-03-08 (Sunday): 02:00 PST jumps to 03:00 PDT (UTC-7).
    clinic = ClinicFactory()
    hours(clinic, SUN, (9, 0), (17, 0))
    assert_open(clinic, utc(2026, 3, 8, 16, 30), True)  # 09:30 PDT (08:30 if still PST)
    assert_open(clinic, utc(2026, 3, 8, 15, 30), False)  # 08:30 PDT


def test_spring_forward_skipped_hour():
    clinic = ClinicFactory()
    hours(clinic, SUN, (3, 0), (4, 0))
    assert_open(clinic, utc(2026, 3, 8, 9, 59), False)  # 01:59 PST
    assert_open(clinic, utc(2026, 3, 8, 10, 0), True)  # 03:00 PDT, one second later


def test_fall_back_repeated_hour_is_open_both_times():
    # 2026-11-01 (Sunday): 02:00 PDT falls back to 01:00 PST; 01:30 happens twice.
    clinic = ClinicFactory()
    hours(clinic, SUN, (1, 0), (2, 0))
    assert_open(clinic, utc(2026, 11, 1, 8, 30), True)  # 01:30 PDT
    assert_open(clinic, utc(2026, 11, 1, 9, 30), True)  # 01:30 PST
    assert_open(clinic, utc(2026, 11, 1, 10, 0), False)  # 02:00 PST


def test_fall_back_uses_standard_time_after_the_change():
    clinic = ClinicFactory()
    hours(clinic, SUN, (9, 0), (17, 0))
    assert_open(clinic, utc(2026, 11, 1, 16, 30), False)  # 08:30 PST
    assert_open(clinic, utc(2026, 11, 1, 17, 30), True)  # 09:30 PST


def test_pacific_weekday_and_time_follows_frozen_clock():
    with time_machine.travel(utc(2026, 11, 24, 8, 0), tick=False):
        assert pacific_weekday_and_time() == (TUE, datetime.time(0, 0))


def test_temporarily_closed_clinic_is_never_open_now():
    clinic = ClinicFactory(status=Clinic.Status.TEMPORARILY_CLOSED)
    hours(clinic, MON, (0, 0), (23, 59))
    assert not open_in_sql(clinic, utc(2026, 11, 23, 20, 0))


def test_search_open_now_filter_uses_the_frozen_pacific_time(client):
    clinic = ClinicFactory(name="Dawn Clinic")
    hours(clinic, TUE, (0, 0), (6, 0))
    with time_machine.travel(utc(2026, 11, 24, 8, 0), tick=False):  # Tue 00:00 PST
        response = client.get("/clinics/", {"open_now": "1"})
    assert "Dawn Clinic" in response.content.decode()
    with time_machine.travel(utc(2026, 11, 24, 7, 59), tick=False):  # Mon 23:59 PST
        response = client.get("/clinics/", {"open_now": "1"})
    assert "Dawn Clinic" not in response.content.decode()
    assert "0 clinics" in response.content.decode()
