"""The weekly opening hours editor: reading typed times, and the week it builds."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from clinics.admin_forms import (
    AM_OR_PM,
    ONE_TIME_PER_BOX,
    TIME_EXAMPLE,
    WeeklyHoursForm,
    format_time_of_day,
    parse_time_of_day,
)
from clinics.hours import END_OF_DAY

T = datetime.time

# --- parse_time_of_day ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("9am", T(9, 0)),
        ("9 am", T(9, 0)),
        ("9AM", T(9, 0)),
        ("9 a.m.", T(9, 0)),
        ("9a", T(9, 0)),
        ("9:30 AM", T(9, 30)),
        ("9:30am", T(9, 30)),
        ("9.30am", T(9, 30)),
        ("930am", T(9, 30)),
        ("  9:30   am ", T(9, 30)),
        ("9\u202fAM", T(9, 0)),  # the narrow space some systems put in copied times
        ("5 pm", T(17, 0)),
        ("5pm", T(17, 0)),
        ("5 P.M.", T(17, 0)),
        ("5:45 pm", T(17, 45)),
        ("12:30pm", T(12, 30)),
        ("12pm", T(12, 0)),
        ("12am", T(0, 0)),
        ("12:15 am", T(0, 15)),
        ("noon", T(12, 0)),
        ("Noon", T(12, 0)),
        ("12 noon", T(12, 0)),
        ("midday", T(12, 0)),
        ("midnight", T(0, 0)),
        ("17:00", T(17, 0)),
        ("17.30", T(17, 30)),
        ("17h30", T(17, 30)),
        ("1730", T(17, 30)),
        ("09:30", T(9, 30)),
        ("0930", T(9, 30)),
        ("08:00:00", T(8, 0)),
        ("00:00", T(0, 0)),
        ("24:00", T(0, 0)),
        ("12:30", T(12, 30)),
        ("23:59", T(23, 59)),
    ],
)
def test_parser_reads_what_people_type(typed, expected):
    assert parse_time_of_day(typed) == expected


@pytest.mark.parametrize("typed", ["9", "9:30", "5", "11:45", "5.30"])
def test_parser_asks_for_am_or_pm_when_a_time_could_be_morning_or_evening(typed):
    with pytest.raises(ValidationError) as error:
        parse_time_of_day(typed)

    assert error.value.messages == [AM_OR_PM]


@pytest.mark.parametrize(
    "typed",
    ["", "abc", "nine", "25:00", "24:30", "9:60", "13pm", "0am", "9 xm", "9am5", ":30", "9::30"],
)
def test_parser_refuses_anything_else_with_an_example(typed):
    with pytest.raises(ValidationError) as error:
        parse_time_of_day(typed)

    assert error.value.messages == [TIME_EXAMPLE]


@pytest.mark.parametrize("typed", ["9-5", "9am-5pm", "9 am – 5 pm", "9 to 5"])
def test_parser_explains_that_a_range_needs_two_boxes(typed):
    with pytest.raises(ValidationError) as error:
        parse_time_of_day(typed)

    assert error.value.messages == [ONE_TIME_PER_BOX]


@pytest.mark.parametrize(
    ("value", "shown"),
    [(T(9, 0), "9:00 AM"), (T(12, 30), "12:30 PM"), (T(0, 0), "12:00 AM"), (T(17, 5), "5:05 PM")],
)
def test_times_are_shown_on_the_12_hour_clock(value, shown):
    assert format_time_of_day(value) == shown


# --- WeeklyHoursForm --------------------------------------------------------------------

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def row(weekday, opens, closes):
    return SimpleNamespace(weekday=weekday, opens=opens, closes=closes)


def week(**days) -> dict[str, str]:
    """POST data: each named day is a list of (opens, closes) strings; the rest are closed."""
    data = {}
    for key in DAYS:
        ranges = days.get(key)
        if ranges is None:
            data[f"hours-{key}_closed"] = "on"
            continue
        for number, (opens, closes) in enumerate(ranges, start=1):
            data[f"hours-{key}_opens_{number}"] = opens
            data[f"hours-{key}_closes_{number}"] = closes
    return data


def bound(data, intervals=()):
    form = WeeklyHoursForm(data, intervals=intervals, prefix="hours")
    form.is_valid()
    return form


def test_form_shows_the_current_week_on_the_12_hour_clock():
    form = WeeklyHoursForm(
        intervals=[row(1, T(13, 0), T(17, 0)), row(1, T(9, 0), T(12, 0))], prefix="hours"
    )

    tuesday = form.days()[1]
    assert tuesday.name == "Tuesday"
    assert tuesday.closed.value() is False
    assert [(i.opens.value(), i.closes.value()) for i in tuesday.intervals] == [
        ("9:00 AM", "12:00 PM"),
        ("1:00 PM", "5:00 PM"),
    ]
    assert form.days()[0].closed.value() is True


def test_form_shows_a_closing_time_at_the_end_of_the_day_as_midnight():
    form = WeeklyHoursForm(intervals=[row(4, T(18, 0), END_OF_DAY)], prefix="hours")

    assert form.days()[4].intervals[0].closes.value() == "midnight"


def test_form_offers_two_ranges_a_day_and_more_where_a_day_already_has_more():
    usual = WeeklyHoursForm(prefix="hours")
    busy = WeeklyHoursForm(
        intervals=[row(2, T(h, 0), T(h + 1, 0)) for h in (8, 11, 15)], prefix="hours"
    )

    assert len(usual.days()[0].intervals) == 2
    assert all(len(day.intervals) == 3 for day in busy.days())


def test_form_builds_the_week_from_typed_times():
    form = bound(week(mon=[("9am", "5pm")], sat=[("10:00 AM", "noon"), ("1 pm", "4 pm")]))

    assert form.is_valid(), form.errors
    assert form.intervals == [
        (0, T(9, 0), T(17, 0)),
        (5, T(10, 0), T(12, 0)),
        (5, T(13, 0), T(16, 0)),
    ]


def test_form_reads_midnight_as_a_closing_time_as_the_end_of_the_day():
    form = bound(week(fri=[("6 pm", "midnight")]))

    assert form.intervals == [(4, T(18, 0), END_OF_DAY)]


def test_form_sorts_ranges_typed_in_the_second_row_first():
    form = bound(week(tue=[("1pm", "5pm"), ("8am", "noon")]))

    assert form.intervals == [(1, T(8, 0), T(12, 0)), (1, T(13, 0), T(17, 0))]


def test_form_accepts_back_to_back_ranges():
    form = bound(week(wed=[("8am", "noon"), ("noon", "4pm")]))

    assert form.is_valid(), form.errors


def test_form_says_which_box_holds_an_unreadable_time():
    form = bound(week(mon=[("nine", "5pm")]))

    assert form.errors == {"mon_opens_1": [TIME_EXAMPLE]}


def test_form_refuses_a_closing_time_before_the_opening_time():
    form = bound(week(thu=[("5pm", "9am")]))

    assert form.errors == {"thu_closes_1": ["Closing time must be after opening time."]}


def test_form_refuses_overlapping_ranges():
    form = bound(week(mon=[("9am", "1pm"), ("noon", "5pm")]))

    assert list(form.errors) == ["mon_opens_2"]
    assert "overlap" in form.errors["mon_opens_2"][0]


def test_form_asks_for_the_missing_half_of_a_range():
    form = bound(week(mon=[("9am", "")], tue=[("", "5pm")]))

    assert form.errors == {
        "mon_closes_1": ["Enter the closing time too."],
        "tue_opens_1": ["Enter the opening time too."],
    }


def test_form_asks_for_hours_or_closed_on_a_day_left_empty():
    data = week()
    del data["hours-sun_closed"]

    form = bound(data)

    assert form.errors == {"sun_opens_1": ["Enter Sunday's hours, or tick “Closed”."]}


def test_form_refuses_a_day_ticked_closed_that_has_times():
    data = week(wed=[("9am", "5pm")])
    data["hours-wed_closed"] = "on"

    form = bound(data)

    assert list(form.errors) == ["wed_closed"]
    assert "Wednesday is ticked “Closed” but has times" in form.errors["wed_closed"][0]


def test_form_knows_when_nothing_changed():
    current = [row(0, T(9, 0), T(17, 0))]

    unchanged = bound(week(mon=[("9:00 AM", "5:00 PM")]), intervals=current)
    changed = bound(week(mon=[("9:00 AM", "6:00 PM")]), intervals=current)

    assert not unchanged.has_changed()
    assert changed.has_changed()
