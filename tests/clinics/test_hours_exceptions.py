"""Holiday and special hours: "open now" at their edges, in Pacific time.

The clinic page (hours.is_open_at), the SQL filter and card flag (ClinicQuerySet) and the
search index must give the same answer at every moment tested here.
"""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from clinics import hours, search_index
from clinics.models import Clinic, HoursException
from tests.factories import ClinicFactory, HoursExceptionFactory, OpeningHoursFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
THU, FRI = 3, 4
# Thursday 2026-11-26 is Thanksgiving; Pacific standard time is UTC-8 then.
THANKSGIVING = datetime.date(2026, 11, 26)


def utc(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UTC)


def pacific(day: datetime.date, hour: int, minute: int = 0, second: int = 0):
    return datetime.datetime(
        day.year, day.month, day.day, hour, minute, second, tzinfo=hours.PACIFIC
    )


def weekly(clinic, weekday, opens=(9, 0), closes=(17, 0)):
    return OpeningHoursFactory(
        clinic=clinic,
        weekday=weekday,
        opens=datetime.time(*opens),
        closes=datetime.time(*closes),
    )


def special(clinic, day, opens, closes, reopens=None, closes_again=None, note=""):
    return HoursExceptionFactory(
        clinic=clinic,
        date=day,
        closed=False,
        opens=datetime.time(*opens),
        closes=datetime.time(*closes),
        reopens=datetime.time(*reopens) if reopens else None,
        closes_again=datetime.time(*closes_again) if closes_again else None,
        note=note,
    )


def open_answers(clinic, moment) -> dict[str, bool]:
    clinic.refresh_from_db()
    index = search_index.current()
    open_in_index = index.ids[search_index.positions(index.open_at(moment), index.size)]
    return {
        "page": clinic.status == Clinic.Status.LISTED
        and hours.is_open_at(clinic.opening_hours.all(), moment, clinic.hours_exceptions.all()),
        "sql filter": Clinic.objects.open_now(moment).filter(pk=clinic.pk).exists(),
        "card": Clinic.objects.with_card_data(moment).get(pk=clinic.pk).is_open_now,
        "search index": clinic.pk in open_in_index.tolist(),
    }


def assert_open(clinic, moment, expected: bool):
    answers = open_answers(clinic, moment)
    assert answers == dict.fromkeys(answers, expected), answers


@pytest.fixture
def office():
    """Open 9–5 Monday to Friday."""
    clinic = ClinicFactory()
    for weekday in range(5):
        weekly(clinic, weekday)
    return clinic


def test_a_holiday_closes_the_clinic_all_day(office):
    HoursExceptionFactory(clinic=office, date=THANKSGIVING, note="Thanksgiving")
    assert_open(office, pacific(THANKSGIVING, 12), False)


def test_a_holiday_applies_only_on_its_date(office):
    HoursExceptionFactory(clinic=office, date=THANKSGIVING)
    assert_open(office, pacific(THANKSGIVING + datetime.timedelta(days=1), 12), True)


def test_a_holiday_ends_at_pacific_midnight_not_utc_midnight():
    """Thursday 23:59 Pacific is already Friday in UTC; the holiday still applies."""
    clinic = ClinicFactory()
    weekly(clinic, THU, (0, 0), (23, 59))
    weekly(clinic, FRI, (0, 0), (23, 59))
    HoursExceptionFactory(clinic=clinic, date=THANKSGIVING)
    assert_open(clinic, utc(2026, 11, 27, 7, 59), False)  # Thu 23:59 PST
    assert_open(clinic, utc(2026, 11, 27, 8, 0), True)  # Fri 00:00 PST


def test_special_hours_replace_the_weekly_hours_that_day(office):
    special(office, THANKSGIVING, (10, 0), (14, 0))
    assert_open(office, pacific(THANKSGIVING, 9, 30), False)  # weekly 9–5 would be open
    assert_open(office, pacific(THANKSGIVING, 16, 0), False)


def test_special_hours_open_at_the_opening_minute(office):
    special(office, THANKSGIVING, (10, 0), (14, 0))
    assert_open(office, pacific(THANKSGIVING, 9, 59, 59), False)
    assert_open(office, pacific(THANKSGIVING, 10, 0), True)


def test_special_hours_close_at_the_closing_minute(office):
    special(office, THANKSGIVING, (10, 0), (14, 0))
    assert_open(office, pacific(THANKSGIVING, 13, 59, 59), True)
    assert_open(office, pacific(THANKSGIVING, 14, 0), False)


def test_special_hours_second_range_after_a_break(office):
    special(office, THANKSGIVING, (8, 0), (11, 0), reopens=(15, 0), closes_again=(18, 0))
    assert_open(office, pacific(THANKSGIVING, 12, 0), False)
    assert_open(office, pacific(THANKSGIVING, 15, 0), True)
    assert_open(office, pacific(THANKSGIVING, 17, 59), True)
    assert_open(office, pacific(THANKSGIVING, 18, 0), False)


def test_special_hours_open_a_day_without_weekly_hours(office):
    sunday = datetime.date(2026, 11, 29)
    special(office, sunday, (10, 0), (13, 0), note="Open house")
    assert_open(office, pacific(sunday, 11), True)


def test_special_hours_closing_at_2359_stay_open_until_midnight():
    clinic = ClinicFactory()
    special(clinic, THANKSGIVING, (20, 0), (23, 59))
    assert_open(clinic, utc(2026, 11, 27, 7, 59, 30), True)  # Thu 23:59:30 PST


def test_special_hours_on_the_day_daylight_saving_ends():
    """2026-11-01: clocks go back at 2 am, so 8 am Pacific is 16:00 UTC, not 15:00."""
    clinic = ClinicFactory()
    day = datetime.date(2026, 11, 1)
    special(clinic, day, (8, 0), (12, 0))
    assert_open(clinic, utc(2026, 11, 1, 15, 30), False)  # 07:30 PST
    assert_open(clinic, utc(2026, 11, 1, 16, 0), True)  # 08:00 PST


def test_a_temporarily_closed_clinic_is_not_open_in_its_special_hours():
    clinic = ClinicFactory(status=Clinic.Status.TEMPORARILY_CLOSED)
    special(clinic, THANKSGIVING, (10, 0), (14, 0))
    assert_open(clinic, pacific(THANKSGIVING, 11), False)


def test_another_clinics_holiday_changes_nothing(office):
    neighbour = ClinicFactory()
    weekly(neighbour, THU)
    HoursExceptionFactory(clinic=office, date=THANKSGIVING)
    assert_open(neighbour, pacific(THANKSGIVING, 12), True)


# --- The clinic page's list of upcoming exceptions ---


def test_upcoming_exceptions_run_from_today_for_30_days():
    rows = [
        HoursException(date=THANKSGIVING + datetime.timedelta(days=offset), closed=True)
        for offset in (-1, 0, 30, 31)
    ]
    listed = hours.upcoming_exceptions(rows, pacific(THANKSGIVING, 12))
    assert [day.date for day in listed] == [
        THANKSGIVING,
        THANKSGIVING + datetime.timedelta(days=30),
    ]
    assert [day.is_today for day in listed] == [True, False]


def test_special_hours_are_shown_on_a_12_hour_clock():
    row = HoursException(
        date=THANKSGIVING,
        closed=False,
        opens=datetime.time(9, 30),
        closes=datetime.time(12, 0),
        reopens=datetime.time(13, 0),
        closes_again=datetime.time(23, 59),
    )
    assert row.hours_display == "9:30 AM–12:00 PM, 1:00 PM–midnight"


# --- The rules about one row, in clean() and in the database ---


def test_closed_all_day_with_times_is_refused_in_words():
    row = HoursException(
        clinic=ClinicFactory(), date=THANKSGIVING, closed=True, opens=datetime.time(9)
    )
    with pytest.raises(ValidationError, match="Untick"):
        row.full_clean()


def test_closed_all_day_with_times_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        HoursException.objects.create(
            clinic=ClinicFactory(), date=THANKSGIVING, closed=True, opens=datetime.time(9)
        )


def test_a_second_range_overlapping_the_first_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        HoursException.objects.create(
            clinic=ClinicFactory(),
            date=THANKSGIVING,
            closed=False,
            opens=datetime.time(9),
            closes=datetime.time(13),
            reopens=datetime.time(12),
            closes_again=datetime.time(17),
        )


def test_one_exception_per_clinic_and_date():
    clinic = ClinicFactory()
    HoursExceptionFactory(clinic=clinic, date=THANKSGIVING)
    with pytest.raises(IntegrityError), transaction.atomic():
        HoursExceptionFactory(clinic=clinic, date=THANKSGIVING)


def test_open_hours_without_times_are_refused_in_words():
    row = HoursException(clinic=ClinicFactory(), date=THANKSGIVING, closed=False)
    with pytest.raises(ValidationError, match="tick “Closed all day”"):
        row.full_clean()


# --- The public clinic page ---


def test_clinic_page_lists_an_upcoming_holiday_above_the_weekly_hours(client, office):
    HoursExceptionFactory(clinic=office, date=THANKSGIVING, note="Thanksgiving")
    with time_machine.travel(pacific(datetime.date(2026, 11, 20), 12), tick=False):
        page = client.get(office.get_absolute_url()).content.decode()

    assert "Thu Nov 26</time> (Thanksgiving): closed" in page
    assert page.index("Thanksgiving") < page.index('class="hours-table"')


def test_clinic_page_shows_special_hours_on_a_12_hour_clock(client, office):
    special(office, THANKSGIVING, (10, 0), (14, 0), note="Short day")
    with time_machine.travel(pacific(datetime.date(2026, 11, 20), 12), tick=False):
        page = client.get(office.get_absolute_url()).content.decode()

    assert "(Short day): 10:00 AM–2:00 PM" in page


def test_clinic_page_says_closed_now_on_a_holiday(client, office):
    HoursExceptionFactory(clinic=office, date=THANKSGIVING, note="Thanksgiving")
    with time_machine.travel(pacific(THANKSGIVING, 12), tick=False):
        page = client.get(office.get_absolute_url()).content.decode()

    assert "Closed now" in page
    assert '(Thanksgiving): closed <span class="meta">(today)</span>' in page


def test_clinic_page_leaves_out_exceptions_more_than_30_days_ahead(client, office):
    HoursExceptionFactory(clinic=office, date=datetime.date(2026, 12, 25), note="Christmas")
    with time_machine.travel(pacific(datetime.date(2026, 11, 20), 12), tick=False):
        page = client.get(office.get_absolute_url()).content.decode()

    assert "Christmas" not in page
