"""The public search's in-process index: a search costs what the page shows, not what matches.

Why: answered in SQL, a search made three passes over every matching clinic (the
paginator's count, the facet counts and the sorted page), so a broad search cost
hundreds of milliseconds and grew with the size of the directory. Here each process
keeps, for every listed clinic, the little a search filters on, and a search is a
handful of set operations on that: the count, the facet counts and the 20 clinics of
the page come from one pass, and only those 20 are read from the database.

How:

- Every listed (not closed) clinic has a *position*: its place in (name, id) order, so
  "sort by name" is the order of positions and positions break every tie the way
  ``ORDER BY …, name, id`` does.
- A set of clinics (those treating PTSD, those open on Mondays 9–5, those in Davis) is a
  bitset with one bit per position, packed into 64-bit words: AND, OR and counting are
  a few microseconds even at 200,000 clinics. Sets smaller than one clinic in 32 are
  kept as arrays of positions instead, which is smaller (a rare word of a description).
- Insurance with a treatment means coverage (``ClinicFilter.paying``), so besides each
  plan's clinics the index keeps, per (treatment, plan), the clinics where that plan
  covers that listed offering.
- Coordinates are kept as unit vectors in numpy arrays, so "within 25 miles" is one
  vectorised chord-length comparison for every clinic, with no trigonometry. The
  distances that order a page, and those within a hair of the radius, are then
  computed with exactly the SQL formula of ``ClinicQuerySet.with_distance``, so the
  order and the edge are SQL's to the last bit.
- Free text still asks PostgreSQL, once per search and only about the words: which
  clinic names, towns, conditions and treatments are similar to each word (pg_trgm, as
  ``ClinicQuerySet.search``), and each word's English stems; descriptions are indexed
  here by their stems (``to_tsvector('english', …)``).

Freshness: triggers (migration 0007) replace the number in ``clinics_search_version``
on every statement that writes a table a search reads, in the writer's transaction.
Each search reads that number (one tiny query) and rebuilds the index when it has
changed: under a second at 20,000 clinics, 3–5 s at 200,000 (mostly
PostgreSQL stemming every description). Gunicorn builds it once in its master before
forking (settings.WARM_UP_CALLABLES), so workers share that copy until the first
change; after one, each worker holds its own (1.5 MiB at 20,000 clinics, 15 MiB at
200,000). The number comes from a sequence, so a rolled-back transaction's number
never comes back.

Which clinics each filter keeps is defined by the SQL filters in ``clinics.filters``;
``tests/clinics/test_search_index.py`` holds this index to them.
"""

from __future__ import annotations

import ctypes
import datetime
import logging
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.db import DatabaseError, connection, connections, transaction

from clinics import geo, hours

logger = logging.getLogger(__name__)

VERSION_TABLE = "clinics_search_version"
# ClinicQuerySet.listed() in SQL, for the raw queries that build the index (they read
# arrays as text, which the ORM cannot). A test holds the two to the same rows.
FINDABLE_SQL = "status NOT IN ('closed', 'draft')"
# A set with fewer members than size / SPARSE_BELOW is stored as positions, not bits.
SPARSE_BELOW = 32
# Distances within this many miles of the radius or of the page's last distance are
# recomputed exactly before they decide anything (numpy's last bit may differ from SQL's).
DISTANCE_TOLERANCE_MILES = 1e-6


# --- Sets of positions ---------------------------------------------------------------


def _pack(mask: np.ndarray) -> np.ndarray:
    """A boolean array, one entry per position, as a bitset of 64-bit words."""
    packed = np.packbits(mask, bitorder="little")
    padded = np.zeros(-(-len(packed) // 8) * 8 or 8, dtype=np.uint8)
    padded[: len(packed)] = packed
    return padded.view(np.uint64)


def _unpack(bits: np.ndarray, size: int) -> np.ndarray:
    return np.unpackbits(bits.view(np.uint8), count=size, bitorder="little").view(bool)


def count(bits: np.ndarray) -> int:
    return int(np.bitwise_count(bits).sum())


def positions(bits: np.ndarray, size: int) -> np.ndarray:
    """The positions in a bitset, ascending (that is, in name order)."""
    return np.flatnonzero(_unpack(bits, size))


def intersect(sets: Iterable[np.ndarray]) -> np.ndarray | None:
    """AND of bitsets; None (meaning "every clinic") for none."""
    result = None
    for bits in sets:
        result = bits if result is None else result & bits
    return result


@dataclass(frozen=True)
class Option:
    """A condition, treatment or insurance plan a visitor can tick."""

    pk: int
    slug: str
    name: str
    name_es: str = ""  # shown on Spanish pages when filled in (models.localized_name)


@dataclass
class TextMatch:
    """The clinics matching every search word, and each one's relevance score."""

    bits: np.ndarray
    relevance: np.ndarray  # int16 per position: name 3, condition 2, town 1, per word


@dataclass
class Nearby:
    """The clinics within a radius, and every clinic's squared chord to the origin.

    The chord (straight through the Earth, on a unit sphere) grows with the distance,
    so it orders clinics as their distance does; it takes no trigonometry per clinic.
    """

    bits: np.ndarray
    chord2: np.ndarray
    origin: tuple[float, float]


@dataclass
class SearchIndex:
    version: int
    ids: np.ndarray  # clinic id by position
    options: dict[str, list[Option]]  # "condition", "treatment", "insurance"
    latitude: np.ndarray  # degrees, NaN when unknown
    longitude: np.ndarray
    # Unit vectors (x, y, z) of the coordinates: the straight-line (chord) distance
    # between two of them orders clinics as the great-circle distance does.
    unit: np.ndarray  # shape (3, size)
    # Sets are bitsets or (when sparse) position arrays; see `bits`.
    listed: np.ndarray  # status "listed" (the rest are temporarily closed)
    accepting: np.ndarray
    self_pay: np.ndarray
    links: dict[str, dict[int, np.ndarray]]  # facet -> option pk -> clinics
    # (treatment pk, plan pk) -> clinics listing that treatment with that plan covering it
    coverage: dict[tuple[int, int], np.ndarray]
    languages: dict[str, np.ndarray]
    towns: dict[str, np.ndarray]
    stems: dict[str, np.ndarray]  # English stems of descriptions
    # weekday -> [(opens, closes, clinics)], one entry per distinct interval
    hours: dict[int, list[tuple[datetime.time, datetime.time, np.ndarray]]]
    # date -> [(intervals, clinics)]: holiday and special hours, which replace those
    # clinics' weekly hours on that date (no intervals: closed all day)
    exceptions: dict[datetime.date, list[tuple[tuple, np.ndarray]]]
    _sorted_ids: np.ndarray = field(repr=False, default=None)
    _position_of_sorted: np.ndarray = field(repr=False, default=None)

    def __post_init__(self):
        order = np.argsort(self.ids, kind="stable")
        self._sorted_ids = self.ids[order]
        self._position_of_sorted = order

    @property
    def size(self) -> int:
        return len(self.ids)

    @property
    def everyone(self) -> np.ndarray:
        return _pack(np.ones(self.size, dtype=bool))

    def nbytes(self) -> int:
        """Memory held by the arrays (what one process pays per copy of the index)."""
        arrays = [
            self.ids,
            self.latitude,
            self.longitude,
            self.unit,
            self.listed,
            self.accepting,
            self.self_pay,
            self._sorted_ids,
            self._position_of_sorted,
            *self.languages.values(),
            *self.towns.values(),
            *self.stems.values(),
            *(bits for sets in self.links.values() for bits in sets.values()),
            *self.coverage.values(),
            *(bits for day in self.hours.values() for _, _, bits in day),
            *(bits for day in self.exceptions.values() for _, bits in day),
        ]
        return sum(array.nbytes for array in arrays)

    # --- From ids and positions ----------------------------------------------------

    def positions_of(self, ids) -> np.ndarray:
        """Positions of these clinic ids; ids of closed or unknown clinics are dropped."""
        ids = np.asarray(ids, dtype=np.int64)
        if not len(ids) or not self.size:
            return np.empty(0, dtype=np.int64)
        found = np.searchsorted(self._sorted_ids, ids).clip(max=self.size - 1)
        known = self._sorted_ids[found] == ids
        return self._position_of_sorted[found[known]]

    def _compact(self, ids) -> np.ndarray:
        """A set of clinics by id, stored as bits or, when sparse, as positions."""
        found = self.positions_of(ids)
        if len(found) * SPARSE_BELOW < self.size:
            return np.sort(found).astype(np.int32)
        mask = np.zeros(self.size, dtype=bool)
        mask[found] = True
        return _pack(mask)

    def bits(self, stored: np.ndarray) -> np.ndarray:
        """A stored set as a bitset."""
        if stored.dtype == np.uint64:
            return stored
        mask = np.zeros(self.size, dtype=bool)
        mask[stored] = True
        return _pack(mask)

    def counts(self, within: np.ndarray | None, stored: dict) -> dict:
        """{key: how many of `within` (None: every clinic) are in the stored set}."""
        within = self.everyone if within is None else within
        unpacked = None
        found = {}
        for key, members in stored.items():
            if members.dtype == np.uint64:
                found[key] = count(within & members)
            else:
                if unpacked is None:
                    unpacked = _unpack(within, self.size)
                found[key] = int(np.count_nonzero(unpacked[members]))
        return found

    def any_of(self, stored: Iterable[np.ndarray]) -> np.ndarray:
        """OR of stored sets, as a bitset."""
        mask = np.zeros(self.size, dtype=bool)
        result = _pack(mask)
        for item in stored:
            if item.dtype == np.uint64:
                result = result | item
            else:
                mask[item] = True
        return result | _pack(mask)

    # --- What each filter keeps (the rules are clinics.filters') ---------------------

    def with_options(self, facet: str, pks: Iterable[int]) -> np.ndarray:
        sets = self.links[facet]
        return self.any_of(sets[pk] for pk in pks if pk in sets)

    def paying(
        self, plan_pks: Iterable[int], treatment_pks: Iterable[int], *, self_pay: bool
    ) -> np.ndarray:
        """Clinics where one of the plans pays, as ClinicFilter.paying: for one of the
        treatments when any are given (coverage), else by the clinic's own plans."""
        plan_pks, treatment_pks = list(plan_pks), list(treatment_pks)
        if not treatment_pks:
            pays = self.with_options("insurance", plan_pks)
            return pays | self.bits(self.self_pay) if self_pay else pays
        pays = self.any_of(
            self.coverage[key]
            for key in ((t, p) for t in treatment_pks for p in plan_pks)
            if key in self.coverage
        )
        if self_pay:
            pays |= self.bits(self.self_pay) & self.with_options("treatment", treatment_pks)
        return pays

    def speaking(self, language: str) -> np.ndarray:
        stored = self.languages.get(language)
        return self.bits(stored) if stored is not None else self.any_of(())

    def open_at(self, moment: datetime.datetime | None = None) -> np.ndarray:
        """Listed clinics open at `moment` by their Pacific-time hours (as hours.is_open_at)."""
        local = hours.pacific_moment(moment)
        open_now = self.any_of(
            clinics
            for opens, closes, clinics in self.hours.get(local.weekday, ())
            if hours.covers(opens, closes, local.time)
        )
        special = self.exceptions.get(local.date)
        if special:
            # That date's exceptions replace these clinics' weekly hours.
            excepted = self.any_of(clinics for _, clinics in special)
            open_special = self.any_of(
                clinics
                for intervals, clinics in special
                if any(hours.covers(opens, closes, local.time) for opens, closes in intervals)
            )
            open_now = (open_now & ~excepted) | open_special
        return open_now & self.bits(self.listed)

    def within(self, latitude: float, longitude: float, radius: float) -> Nearby:
        """Clinics within `radius` miles, as ClinicQuerySet.near (its box, then distance)."""
        origin = _unit_vectors(np.array([latitude]), np.array([longitude]))[:, 0]
        chord2 = np.square(self.unit[0] - origin[0])
        chord2 += np.square(self.unit[1] - origin[1])
        chord2 += np.square(self.unit[2] - origin[2])
        near = np.flatnonzero(chord2 <= _chord2(radius + DISTANCE_TOLERANCE_MILES))
        min_lat, max_lat, min_lng, max_lng = geo.bounding_box(latitude, longitude, radius)
        lat, lng = self.latitude[near], self.longitude[near]
        near = near[(lat >= min_lat) & (lat <= max_lat) & (lng >= min_lng) & (lng <= max_lng)]
        # Within a hair of the edge, the exact SQL distance decides.
        edge = chord2[near] > _chord2(radius - DISTANCE_TOLERANCE_MILES)
        keep = np.ones(len(near), dtype=bool)
        keep[edge] = self._exact_miles(near[edge], latitude, longitude) <= radius
        inside = np.zeros(self.size, dtype=bool)
        inside[near[keep]] = True
        return Nearby(_pack(inside), chord2, (latitude, longitude))

    def _exact_miles(self, where: np.ndarray, latitude: float, longitude: float) -> np.ndarray:
        """ClinicQuerySet.with_distance's formula, bit for bit, for a few clinics."""
        lat0, cos0 = math.radians(latitude), math.cos(math.radians(latitude))
        lng0 = math.radians(longitude)
        miles = []
        for position in where.tolist():
            lat_rad = math.radians(self.latitude[position])
            half_dlat = (lat_rad - lat0) / 2.0
            half_dlng = (math.radians(self.longitude[position]) - lng0) / 2.0
            a = math.pow(math.sin(half_dlat), 2) + math.cos(lat_rad) * cos0 * math.pow(
                math.sin(half_dlng), 2
            )
            miles.append(2 * geo.EARTH_RADIUS_MILES * math.asin(min(math.sqrt(a), 1.0)))
        return np.array(miles, dtype=float)

    def text(self, matches: TextWords) -> TextMatch:
        """Clinics matching every word (as ClinicQuerySet.search) and their relevance."""
        result = None
        relevance = np.zeros(self.size, dtype=np.int16)
        for word in matches.words:
            in_name = self.bits(self._compact(word.clinic_ids))
            in_town = self.any_of(self.towns[town] for town in word.towns if town in self.towns)
            treats = self.with_options("condition", word.condition_ids)
            offers = self.with_options("treatment", word.treatment_ids)
            in_description = (
                intersect(self.bits(self.stems.get(stem, _NOWHERE)) for stem in word.stems)
                if word.stems
                else None
            )
            if in_description is None:
                in_description = self.any_of(())
            either = in_name | in_town | in_description | treats | offers
            result = either if result is None else result & either
            relevance += 3 * _unpack(in_name, self.size)
            relevance += 2 * _unpack(treats, self.size)
            relevance += _unpack(in_town, self.size)
        return TextMatch(result if result is not None else self.everyone, relevance)

    # --- Order ------------------------------------------------------------------------

    def ordered(
        self,
        bits: np.ndarray,
        start: int,
        stop: int,
        *,
        nearby: Nearby | None = None,
        relevance: np.ndarray | None = None,
    ) -> list[int]:
        """Clinic ids of matches [start, stop) in the page's order.

        By distance (with `nearby`), by relevance (with `relevance`) or by name; ties
        always by name, then id, as ClinicFilter's SQL orders them.
        """
        found = positions(bits, self.size)
        if nearby is not None:
            window = self._by_distance(found, start, min(stop, len(found)), nearby)
        elif relevance is not None:
            # Positions are in name order, and a stable sort keeps it among equal scores.
            window = found[np.argsort(-relevance[found], kind="stable")][start:stop]
        else:
            window = found[start:stop]
        return self.ids[window].tolist()

    def nearest(self, bits: np.ndarray, latitude: float, longitude: float, stop: int) -> list[int]:
        """Clinic ids of the first `stop` of `bits` by distance from a place, with no
        radius; clinics without coordinates come last, by name (as SQL's NULLS LAST)."""
        origin = _unit_vectors(np.array([latitude]), np.array([longitude]))[:, 0]
        chord2 = np.square(self.unit - origin[:, None]).sum(axis=0)
        located = bits & _pack(~np.isnan(self.latitude))
        nearby = Nearby(located, chord2, (latitude, longitude))
        ids = self.ordered(located, 0, stop, nearby=nearby)
        if len(ids) < stop:
            ids += self.ordered(bits & ~located, 0, stop - len(ids))
        return ids

    def _by_distance(self, found, start: int, stop: int, nearby: Nearby) -> np.ndarray:
        """Positions [start, stop) by exact distance, computing few distances exactly.

        Matches certainly nearer than the window (by more than the tolerance) are only
        counted; those that may fall inside it are ordered by the exact SQL distance.
        """
        if start >= stop:
            return found[:0]
        chord2 = nearby.chord2[found]
        low = _miles(np.partition(chord2, start)[start]) - DISTANCE_TOLERANCE_MILES
        high = _miles(np.partition(chord2, stop - 1)[stop - 1]) + DISTANCE_TOLERANCE_MILES
        before = chord2 < _chord2(low)
        band = found[~before & (chord2 <= _chord2(high))]
        exact = self._exact_miles(band, *nearby.origin)
        offset = start - int(np.count_nonzero(before))
        return band[np.lexsort((band, exact))][offset : offset + stop - start]

    # --- Building -------------------------------------------------------------------

    @classmethod
    def build(cls) -> SearchIndex:
        """Read every listed clinic's searchable facts from the database, in one snapshot."""
        if connection.in_atomic_block:
            # Inside a caller's transaction (a test's): read what it sees.
            return cls._read()
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            return cls._read()

    @classmethod
    def _read(cls) -> SearchIndex:
        from django.contrib.postgres.aggregates import ArrayAgg
        from django.db.models import TextField
        from django.db.models.functions import Cast

        from clinics.models import (
            Clinic,
            Condition,
            HoursException,
            InsurancePlan,
            Treatment,
        )

        version = read_version()
        # Arrays travel as text and numpy parses them: no Python int per clinic.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT array_agg(id ORDER BY name, id)::text, array_agg(id)::text, "  # noqa: S608 - FINDABLE_SQL is ours
                "array_agg(coalesce(latitude, 'NaN'))::text, "
                "array_agg(coalesce(longitude, 'NaN'))::text, "
                "(array_agg(id) FILTER (WHERE status = 'listed'))::text, "
                "(array_agg(id) FILTER (WHERE accepting_new_patients))::text, "
                "(array_agg(id) FILTER (WHERE self_pay))::text "
                f"FROM clinics_clinic WHERE {FINDABLE_SQL}"
            )
            by_name, ids, lats, lngs, listed, accepting, self_pay = cursor.fetchone()
            index = cls(version=version, ids=_ints(by_name), **_empty())
            where = index.positions_of(_ints(ids))
            index.latitude = np.full(index.size, np.nan)
            index.longitude = np.full(index.size, np.nan)
            index.latitude[where] = _floats(lats)
            index.longitude[where] = _floats(lngs)
            index.listed = index._compact(_ints(listed))
            index.accepting = index._compact(_ints(accepting))
            index.self_pay = index._compact(_ints(self_pay))
            index.languages = index._grouped(
                cursor,
                "SELECT language, array_agg(id)::text "  # noqa: S608 - FINDABLE_SQL is ours
                "FROM clinics_clinic, unnest(languages) language "
                f"WHERE {FINDABLE_SQL} GROUP BY language",
            )
            index.towns = index._grouped(
                cursor,
                "SELECT city, array_agg(id)::text FROM clinics_clinic "  # noqa: S608 - FINDABLE_SQL is ours
                f"WHERE {FINDABLE_SQL} GROUP BY city",
            )
            index.stems = index._grouped(
                cursor,
                "SELECT stem, array_agg(id)::text FROM clinics_clinic, "  # noqa: S608 - FINDABLE_SQL is ours
                "unnest(tsvector_to_array(to_tsvector('english', description))) stem "
                f"WHERE {FINDABLE_SQL} GROUP BY stem",
            )
            cursor.execute(
                "SELECT weekday, opens, closes, array_agg(clinic_id)::text "
                "FROM clinics_openinghours GROUP BY weekday, opens, closes "
                "ORDER BY weekday, opens, closes"
            )
            for weekday, opens, closes, clinic_ids in cursor.fetchall():
                index.hours.setdefault(weekday, []).append(
                    (opens, closes, index._compact(_ints(clinic_ids)))
                )
            # Every date, past ones too, so a search at any moment answers as SQL does;
            # an exception costs a few bytes.
            cursor.execute(
                "SELECT date, closed, opens, closes, reopens, closes_again, "
                "array_agg(clinic_id)::text FROM clinics_hoursexception "
                "GROUP BY date, closed, opens, closes, reopens, closes_again ORDER BY date"
            )
            for date, closed, *times, clinic_ids in cursor.fetchall():
                times = dict(zip(_EXCEPTION_TIMES, times, strict=True))
                row = HoursException(closed=closed, **times)
                index.exceptions.setdefault(date, []).append(
                    (tuple(row.intervals), index._compact(_ints(clinic_ids)))
                )
            # Listed offerings by treatment, and by (treatment, covering plan), in one
            # query: GROUPING() tells the per-treatment rows from the others.
            cursor.execute(
                "SELECT offering.treatment_id, covered.insuranceplan_id, "
                "GROUPING(covered.insuranceplan_id), "
                "array_agg(DISTINCT offering.clinic_id)::text "
                "FROM clinics_clinictreatment offering "
                "LEFT JOIN clinics_clinictreatment_insurance_plans covered "
                "ON covered.clinictreatment_id = offering.id "
                "WHERE offering.is_listed GROUP BY GROUPING SETS "
                "((offering.treatment_id), (offering.treatment_id, covered.insuranceplan_id))"
            )
            offered = {}
            for treatment_id, plan_id, per_treatment, clinic_ids in cursor.fetchall():
                if per_treatment:
                    offered[treatment_id] = index._compact(_ints(clinic_ids))
                elif plan_id is not None:
                    index.coverage[treatment_id, plan_id] = index._compact(_ints(clinic_ids))
        index.unit = _unit_vectors(index.latitude, index.longitude)

        links = {
            "condition": Clinic.conditions.through.objects.values_list("condition_id"),
            "insurance": Clinic.insurance_plans.through.objects.values_list("insuranceplan_id"),
        }
        for facet, rows in links.items():
            grouped = rows.order_by().annotate(clinics=Cast(ArrayAgg("clinic_id"), TextField()))
            index.links[facet] = {pk: index._compact(_ints(ids)) for pk, ids in grouped}
        # Hidden offerings (ClinicTreatment.is_listed) are never searchable.
        index.links["treatment"] = offered
        for facet, model in (
            ("condition", Condition),
            ("treatment", Treatment),
            ("insurance", InsurancePlan),
        ):
            rows = model.objects.values_list("pk", "slug", "name", "name_es")
            index.options[facet] = [Option(*row) for row in rows]
        return index

    def _grouped(self, cursor, sql: str) -> dict:
        cursor.execute(sql)
        return {key: self._compact(_ints(ids)) for key, ids in cursor.fetchall()}


def _unit_vectors(latitude: np.ndarray, longitude: np.ndarray) -> np.ndarray:
    lat, lng = np.radians(latitude), np.radians(longitude)
    return np.stack([np.cos(lat) * np.cos(lng), np.cos(lat) * np.sin(lng), np.sin(lat)])


def _chord2(miles: float) -> float:
    """The squared chord, on a unit sphere, of a great-circle distance in miles."""
    if miles <= 0:
        return -1.0  # nothing is nearer than nothing
    return (2 * math.sin(min(miles / (2 * geo.EARTH_RADIUS_MILES), math.pi / 2))) ** 2


def _miles(chord2: float) -> float:
    return 2 * geo.EARTH_RADIUS_MILES * math.asin(min(math.sqrt(max(chord2, 0.0)) / 2, 1.0))


def _ints(text: str | None) -> np.ndarray:
    """A PostgreSQL integer array's text form, "{1,2,3}", as numpy integers."""
    return np.fromstring((text or "{}")[1:-1], dtype=np.int64, sep=",")


def _floats(text: str | None) -> np.ndarray:
    return np.fromstring((text or "{}")[1:-1], dtype=float, sep=",")


def _empty() -> dict:
    """What a new index holds before `_read` fills it in."""
    return {
        "options": {},
        "latitude": None,
        "longitude": None,
        "unit": None,
        "listed": None,
        "accepting": None,
        "self_pay": None,
        "links": {},
        "coverage": {},
        "languages": {},
        "towns": {},
        "stems": {},
        "hours": {},
        "exceptions": {},
    }


_EXCEPTION_TIMES = ("opens", "closes", "reopens", "closes_again")


_NOWHERE = np.empty(0, dtype=np.int32)


class Results(Sequence):
    """A search's matches for Django's Paginator: a length, and slices read on demand.

    `fetch` turns the clinic ids of a slice, in order, into the objects to show.
    """

    def __init__(
        self,
        index: SearchIndex,
        bits: np.ndarray | None,
        fetch: Callable[[list[int]], list],
        *,
        nearby: Nearby | None = None,
        relevance: np.ndarray | None = None,
    ):
        self.index = index
        self.bits = index.everyone if bits is None else bits
        self.fetch = fetch
        self.nearby = nearby
        self.relevance = relevance
        self._length = count(self.bits)

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, key):
        if isinstance(key, slice):
            start, stop, step = key.indices(self._length)
            if step != 1:
                raise ValueError("Search results are sliced in order only.")
            ids = self.index.ordered(
                self.bits, start, stop, nearby=self.nearby, relevance=self.relevance
            )
            return self.fetch(ids)
        if key < 0:
            key += self._length
        if not 0 <= key < self._length:
            raise IndexError(key)
        return self[key : key + 1][0]


# --- Words --------------------------------------------------------------------------


@dataclass
class Word:
    """What one search word matches, as PostgreSQL's pg_trgm and English stemmer see it."""

    clinic_ids: list[int] = field(default_factory=list)  # by name
    towns: list[str] = field(default_factory=list)
    condition_ids: list[int] = field(default_factory=list)
    treatment_ids: list[int] = field(default_factory=list)
    stems: list[str] = field(default_factory=list)


@dataclass
class TextWords:
    words: list[Word]


def match_words(index: SearchIndex, terms: Sequence[str]) -> TextWords:
    """One query: for each word, the names, towns, conditions and treatments (by their
    English or Spanish names) it is similar to (``%>``, pg_trgm word similarity, as
    ClinicQuerySet.search) and its English stems."""
    words = [Word() for _ in terms]
    if not terms:
        return TextWords(words)
    arms, params = [], []
    towns = list(index.towns)
    for i, term in enumerate(terms):
        arms += [
            "SELECT %s, 'name', id::text FROM clinics_clinic WHERE name %%> %s",
            "SELECT %s, 'town', town FROM unnest(%s::text[]) town WHERE town %%> %s",
            "SELECT %s, 'condition', id::text FROM clinics_condition "
            "WHERE name %%> %s OR name_es %%> %s",
            "SELECT %s, 'treatment', id::text FROM clinics_treatment "
            "WHERE name %%> %s OR name_es %%> %s OR description %%> %s",
            "SELECT %s, 'stem', stem "
            "FROM unnest(tsvector_to_array(to_tsvector('english', %s))) stem",
        ]
        params += [i, term, i, towns, term, i, term, term, i, term, term, term, i, term]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(arms), params)
        for i, kind, value in cursor.fetchall():
            word = words[i]
            if kind == "name":
                word.clinic_ids.append(int(value))
            elif kind == "town":
                word.towns.append(value)
            elif kind == "condition":
                word.condition_ids.append(int(value))
            elif kind == "treatment":
                word.treatment_ids.append(int(value))
            else:
                word.stems.append(value)
    return TextWords(words)


# --- The current index ------------------------------------------------------------------

_current: SearchIndex | None = None


def read_version() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {VERSION_TABLE}")  # noqa: S608 - our table
        return cursor.fetchone()[0]


def current() -> SearchIndex:
    """This process's index, rebuilt first if the directory has changed since it was built."""
    global _current
    index, version = _current, read_version()
    if index is None or index.version != version:
        index = SearchIndex.build()
        _current = index
        _release_freed_memory()
    return index


def _release_freed_memory() -> None:
    """Hand the build's freed buffers back to the system.

    glibc keeps freed heap memory for reuse; after a build at 200,000 clinics that is
    about 40 MiB a process would hold for nothing (measured with psutil).
    """
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


def forget() -> None:
    """Drop this process's index (tests; the next search builds a new one)."""
    global _current
    _current = None


def warm() -> None:
    """Build the index in gunicorn's master before it forks, so workers share one copy."""
    try:
        index = current()
    except DatabaseError as error:  # not migrated yet: the first search builds it
        logger.warning("Search index not built at start-up (%s)", error)
    else:
        logger.info("Search index: %s clinics, %.1f MiB", index.size, index.nbytes() / 2**20)
    finally:
        # Forked workers must not share the master's database connection.
        connections.close_all()
