"""Weekly opening hours, always read in Pacific time (America/Los_Angeles).

An interval is open from `opens` (inclusive) to `closes` (exclusive) on one weekday;
the database forbids overnight intervals, so a clinic open past midnight has one
interval ending at 23:59 and another starting at 00:00 the next day. An interval
that closes at 23:59 counts as open until midnight, so such a clinic never shows a
one-minute "closed" gap.
The SQL form of "open now" lives in ClinicQuerySet.open_now(); both use
`pacific_weekday_and_time()` so they agree.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils import timezone

PACIFIC = ZoneInfo("America/Los_Angeles")
END_OF_DAY = datetime.time(23, 59)
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def pacific_now(moment: datetime.datetime | None = None) -> datetime.datetime:
    """`moment` (default: now) as a Pacific wall-clock time, DST applied."""
    return (moment or timezone.now()).astimezone(PACIFIC)


def pacific_weekday_and_time(
    moment: datetime.datetime | None = None,
) -> tuple[int, datetime.time]:
    """(weekday 0=Monday, wall-clock time) in Pacific time."""
    local = pacific_now(moment)
    return local.weekday(), local.time().replace(tzinfo=None)


def is_open_at(intervals: Iterable, moment: datetime.datetime | None = None) -> bool:
    """True when one of the OpeningHours rows covers `moment` (default: now)."""
    weekday, now = pacific_weekday_and_time(moment)
    return any(
        row.weekday == weekday
        and row.opens <= now
        and (now < row.closes or row.closes >= END_OF_DAY)
        for row in intervals
    )


@dataclass
class Day:
    weekday: int
    name: str
    intervals: list = field(default_factory=list)
    is_today: bool = False


def weekly_schedule(intervals: Iterable, moment: datetime.datetime | None = None) -> list[Day]:
    """Seven days, Monday first, each with its intervals in opening order."""
    today, _ = pacific_weekday_and_time(moment)
    days = [Day(weekday=i, name=name, is_today=i == today) for i, name in enumerate(WEEKDAY_NAMES)]
    for row in sorted(intervals, key=lambda r: (r.weekday, r.opens)):
        if 0 <= row.weekday <= 6:
            days[row.weekday].intervals.append(row)
    return days


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
