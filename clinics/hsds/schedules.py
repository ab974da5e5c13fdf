"""Weekly opening hours as HSDS schedules, honest about daylight saving time.

A clinic's hours are Pacific wall-clock times all year (clinics.hours). An HSDS
schedule states its times at one fixed UTC offset (``timezone``, and the offset in
``opens_at``/``closes_at``), so "9:00 to 17:00" is 9:00-08:00 in winter and
9:00-07:00 in summer. Each weekly pattern is therefore published once per daylight
saving period, from the one in force today to the end of next year, each with
``valid_from``/``valid_to`` dates and the offset of that period. A consumer that reads
only the times sees the same wall-clock hours in every entry; one that converts to
UTC gets them right all year.

On the two changeover Sundays the offset changes at 2 a.m.; the whole day is given
the offset in force from 2 a.m. on. Clinics are not open then.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter

from clinics.hours import PACIFIC, WEEKDAY_NAMES

BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
PERIOD_NAMES = {-8: "Pacific Standard Time", -7: "Pacific Daylight Time"}


@dataclass(frozen=True)
class Period:
    valid_from: datetime.date
    valid_to: datetime.date
    utc_offset_hours: int

    @property
    def offset(self) -> str:
        """The offset as ISO 8601 writes it after a time, e.g. "-08:00"."""
        return f"{self.utc_offset_hours:+03d}:00"


def _offset_hours(day: datetime.date) -> int:
    noon = datetime.datetime.combine(day, datetime.time(12), tzinfo=PACIFIC)
    return int(noon.utcoffset().total_seconds() // 3600)


@functools.lru_cache(maxsize=4)
def periods(today: datetime.date) -> tuple[Period, ...]:
    """The daylight saving periods from the one containing `today` to the end of next year."""
    start = datetime.date(today.year, 1, 1)
    end = datetime.date(today.year + 1, 12, 31)
    found = []
    period_start, offset = start, _offset_hours(start)
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        day_offset = _offset_hours(day)
        if day_offset != offset:
            found.append(Period(period_start, day - datetime.timedelta(days=1), offset))
            period_start, offset = day, day_offset
    found.append(Period(period_start, end, offset))
    return tuple(period for period in found if period.valid_to >= today)


def _time(value: datetime.time) -> str:
    return value.strftime("%H:%M")


def weekly_patterns(intervals) -> list[tuple[list[int], datetime.time, datetime.time]]:
    """Opening hours grouped into (weekdays, opens, closes), earliest first."""
    key = attrgetter("opens", "closes")
    patterns = []
    for (opens, closes), rows in groupby(sorted(intervals, key=key), key=key):
        days = sorted({row.weekday for row in rows if 0 <= row.weekday <= 6})
        patterns.append((days, opens, closes))
    return sorted(patterns, key=lambda p: (p[0][0], p[1]))


def describe(days: list[int], opens: datetime.time, closes: datetime.time) -> str:
    names = ", ".join(WEEKDAY_NAMES[day] for day in days)
    until = "midnight" if closes >= datetime.time(23, 59) else _time(closes)
    return f"{names}: {_time(opens)} to {until}, Pacific time"


def schedules(intervals, *, location_id, today: datetime.date, link: str = "") -> list[dict]:
    """HSDS schedules for a location's weekly `intervals` (OpeningHours rows)."""
    from clinics.hsds.ids import child_id

    entries = []
    for period in periods(today):
        for days, opens, closes in weekly_patterns(intervals):
            byday = ",".join(BYDAY[day] for day in days)
            entry = {
                "id": str(
                    child_id(
                        location_id,
                        f"schedule:{period.valid_from}:{byday}:{_time(opens)}:{_time(closes)}",
                    )
                ),
                "location_id": str(location_id),
                "valid_from": period.valid_from.isoformat(),
                "valid_to": period.valid_to.isoformat(),
                "timezone": period.utc_offset_hours,
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": byday,
                "opens_at": _time(opens) + period.offset,
                "closes_at": _time(closes) + period.offset,
                "description": describe(days, opens, closes),
                "notes": (
                    f"{PERIOD_NAMES.get(period.utc_offset_hours, 'Pacific time')} "
                    f"(UTC{period.offset}) from {period.valid_from} to {period.valid_to}. "
                    "The clinic keeps the same local hours all year."
                ),
            }
            if link:
                entry["schedule_link"] = link
            entries.append(entry)
    return entries


def exception_schedules(exceptions, *, location_id) -> list[dict]:
    """HSDS schedules for holidays and special hours (HoursException rows), one date each.

    HSDS has no "closed" entry: a closed date is an entry for that one date with no
    times, whose description and notes say it is closed. Special hours are entries for
    that one date with their times; both replace the weekly hours on that date.
    """
    from clinics.hsds.ids import child_id

    entries = []
    for exception in sorted(exceptions, key=attrgetter("date")):
        day = exception.date
        offset_hours = _offset_hours(day)
        offset = Period(day, day, offset_hours).offset
        named = f" ({exception.note})" if exception.note else ""
        base = {
            "location_id": str(location_id),
            "valid_from": day.isoformat(),
            "valid_to": day.isoformat(),
            "dtstart": day.isoformat(),
            "timezone": offset_hours,
            "freq": "WEEKLY",
            "count": 1,
            "byday": BYDAY[day.weekday()],
        }
        if exception.closed:
            entries.append(
                {
                    "id": str(child_id(location_id, f"exception:{day}:closed")),
                    **base,
                    "description": f"Closed on {day:%A, %B} {day.day}, {day.year}{named}.",
                    "notes": "Closed all day: the weekly hours do not apply on this date.",
                }
            )
            continue
        ranges = [(exception.opens, exception.closes)]
        if exception.reopens is not None:
            ranges.append((exception.reopens, exception.closes_again))
        for opens, closes in ranges:
            entries.append(
                {
                    "id": str(child_id(location_id, f"exception:{day}:{_time(opens)}")),
                    **base,
                    "opens_at": _time(opens) + offset,
                    "closes_at": _time(closes) + offset,
                    "description": (
                        f"Special hours on {day:%A, %B} {day.day}, {day.year}{named}: "
                        f"{_time(opens)} to {_time(closes)}, Pacific time."
                    ),
                    "notes": "These hours replace the weekly hours on this date.",
                }
            )
    return entries


def local_time(value: str, on: datetime.date) -> datetime.time:
    """An HSDS time ("09:00", "09:00:00", "17:00-07:00", "16:00Z") as Pacific wall-clock time.

    A time with an offset is converted at that offset on the date `on`; a time without
    one is taken as local already (as HSDS data usually is). Raises ValueError.
    """
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    parsed = datetime.time.fromisoformat(text)
    if parsed.tzinfo is None:
        return parsed.replace(second=0, microsecond=0)
    moment = datetime.datetime.combine(on, parsed)
    return moment.astimezone(PACIFIC).time().replace(second=0, microsecond=0)
