"""Opening hours, always read in Pacific time (America/Los_Angeles).

Weekly hours: an interval is open from `opens` (inclusive) to `closes` (exclusive) on
one weekday; the database forbids overnight intervals, so a clinic open past midnight
has one interval ending at 23:59 and another starting at 00:00 the next day. An
interval that closes at 23:59 counts as open until midnight, so such a clinic never
shows a one-minute "closed" gap.

Exceptions: a clinic's HoursException for one date (a holiday closure, shorter hours on
Christmas Eve) replaces that weekday's hours on that date: closed all day, or its own
intervals, read by the same rule.

One rule, three readers. `covers()` decides whether one interval is open at a wall-clock
time, and `is_open_at()` (weekly hours, unless the date has an exception) is the
definition of "open now" that the clinic page calls. The search asks it in bulk:
ClinicQuerySet's open_now()/with_card_data() filter with `covers_q()`, the same
comparison as SQL, and clinics.search_index calls `covers()` once per distinct
interval. tests/clinics/test_hours_exceptions.py holds the three to the same answers.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.formats import time_format
from django.utils.translation import gettext

PACIFIC = ZoneInfo("America/Los_Angeles")
END_OF_DAY = datetime.time(23, 59)
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# The clinic page lists the exceptions of the next this many days above the weekly hours.
UPCOMING_DAYS = 30

Interval = tuple[datetime.time, datetime.time]


def pacific_now(moment: datetime.datetime | None = None) -> datetime.datetime:
    """`moment` (default: now) as a Pacific wall-clock time, DST applied."""
    return (moment or timezone.now()).astimezone(PACIFIC)


def pacific_today(moment: datetime.datetime | None = None) -> datetime.date:
    return pacific_now(moment).date()


def pacific_weekday_and_time(
    moment: datetime.datetime | None = None,
) -> tuple[int, datetime.time]:
    """(weekday 0=Monday, wall-clock time) in Pacific time."""
    local = pacific_now(moment)
    return local.weekday(), local.time().replace(tzinfo=None)


@dataclass(frozen=True)
class LocalMoment:
    """A moment as a Pacific calendar date, weekday and wall-clock time."""

    date: datetime.date
    weekday: int
    time: datetime.time


def pacific_moment(moment: datetime.datetime | None = None) -> LocalMoment:
    local = pacific_now(moment)
    return LocalMoment(local.date(), local.weekday(), local.time().replace(tzinfo=None))


# --- The rule ---------------------------------------------------------------------------


def covers(opens: datetime.time | None, closes: datetime.time | None, at: datetime.time) -> bool:
    """Whether the interval [opens, closes) is open at wall-clock time `at`.

    A closing time of 23:59 (END_OF_DAY) means open until midnight.
    """
    if opens is None or closes is None:
        return False
    return opens <= at and (at < closes or closes >= END_OF_DAY)


def covers_q(at: datetime.time, opens: str = "opens", closes: str = "closes") -> Q:
    """`covers()` as a database filter on the fields named `opens` and `closes`."""
    return Q(**{f"{opens}__lte": at}) & (
        Q(**{f"{closes}__gt": at}) | Q(**{f"{closes}__gte": END_OF_DAY})
    )


def hours_on(day: datetime.date, weekly: Iterable, exceptions: Iterable = ()) -> list[Interval]:
    """The intervals a clinic is open on `day`: its exception's, else the weekday's.

    `weekly` are OpeningHours rows, `exceptions` HoursException rows (any dates).
    """
    for exception in exceptions:
        if exception.date == day:
            return list(exception.intervals)
    weekday = day.weekday()
    return sorted((row.opens, row.closes) for row in weekly if row.weekday == weekday)


def is_open_at(
    weekly: Iterable, moment: datetime.datetime | None = None, exceptions: Iterable = ()
) -> bool:
    """True when the clinic's hours on the moment's date cover it (default: now).

    The definition of "open now" by the hours alone; a clinic that is not listed (say,
    temporarily closed) is never open, which the caller checks.
    """
    local = pacific_moment(moment)
    return any(
        covers(opens, closes, local.time)
        for opens, closes in hours_on(local.date, weekly, exceptions)
    )


# --- What the clinic page shows -----------------------------------------------------------


def format_time(value: datetime.time) -> str:
    """12-hour clock: "9:00 AM", "12:30 PM"; a closing time of 23:59 is "midnight"."""
    if value >= END_OF_DAY:
        return gettext("midnight")
    # In the page's language: "9:00 AM", or "9:00 a.m." in Spanish.
    return time_format(value, gettext("g:i A"))


def format_intervals(intervals: Iterable[Interval]) -> str:
    """ "9:00 AM–1:00 PM, 2:00 PM–5:00 PM"; "" for none."""
    return ", ".join(f"{format_time(opens)}–{format_time(closes)}" for opens, closes in intervals)


@dataclass
class Day:
    weekday: int
    name: str
    intervals: list = field(default_factory=list)
    is_today: bool = False


def weekly_schedule(intervals: Iterable, moment: datetime.datetime | None = None) -> list[Day]:
    """Seven days, Monday first, each with its intervals in opening order."""
    today, _ = pacific_weekday_and_time(moment)
    # Names in the page's language (Django's own translations; "lunes" in Spanish).
    days = [Day(weekday=i, name=WEEKDAYS[i], is_today=i == today) for i in range(7)]
    for row in sorted(intervals, key=lambda r: (r.weekday, r.opens)):
        if 0 <= row.weekday <= 6:
            days[row.weekday].intervals.append(row)
    return days


@dataclass
class SpecialDay:
    """One upcoming exception as the clinic page lists it: "Thu Nov 26 (Thanksgiving): closed"."""

    date: datetime.date
    note: str
    hours: str
    is_today: bool


def upcoming_exceptions(
    exceptions: Iterable, moment: datetime.datetime | None = None, days: int = UPCOMING_DAYS
) -> list[SpecialDay]:
    """The exceptions from today (Pacific) through the next `days` days, by date."""
    today = pacific_today(moment)
    last = today + datetime.timedelta(days=days)
    return [
        SpecialDay(row.date, row.note, row.hours_display, row.date == today)
        for row in sorted(exceptions, key=lambda r: r.date)
        if today <= row.date <= last
    ]


# --- schema.org ------------------------------------------------------------------------------


def opening_hours_specification(intervals: Iterable) -> list[dict]:
    """schema.org OpeningHoursSpecification entries, one per interval."""
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{WEEKDAY_NAMES[row.weekday]}",
            "opens": row.opens.strftime("%H:%M"),
            "closes": row.closes.strftime("%H:%M"),
        }
        for row in sorted(intervals, key=lambda r: (r.weekday, r.opens))
        if 0 <= row.weekday <= 6
    ]


def closed_specification(
    valid_from: datetime.date, valid_through: datetime.date | None = None
) -> dict:
    """A special-hours entry for days closed all day (opens and closes both 00:00,
    schema.org's way of saying closed); open-ended without `valid_through`."""
    spec = {
        "@type": "OpeningHoursSpecification",
        "opens": "00:00",
        "closes": "00:00",
        "validFrom": valid_from.isoformat(),
    }
    if valid_through is not None:
        spec["validThrough"] = valid_through.isoformat()
    return spec


def special_opening_hours_specification(exceptions: Iterable) -> list[dict]:
    """schema.org specialOpeningHoursSpecification entries for HoursException rows."""
    specs = []
    for row in sorted(exceptions, key=lambda r: r.date):
        if not row.intervals:
            specs.append(closed_specification(row.date, row.date))
        for opens, closes in row.intervals:
            specs.append(
                {
                    "@type": "OpeningHoursSpecification",
                    "opens": opens.strftime("%H:%M"),
                    "closes": closes.strftime("%H:%M"),
                    "validFrom": row.date.isoformat(),
                    "validThrough": row.date.isoformat(),
                }
            )
    return specs
