"""Places and distances: ZIP and city centroids from the offline `zipcodes` data.

A visitor types a ZIP code, a California city name, or a Sacramento neighbourhood,
nickname or small typo of a town (`clinics.places`); `resolve_place()` turns it into
a `Place` with coordinates. Distances are great-circle ("as the crow flies") miles,
the same formula the search runs in SQL (clinics.querysets).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from clinics import places

EARTH_RADIUS_MILES = 3958.7613
MILES_PER_DEGREE_LATITUDE = 69.0547  # 2 * pi * R / 360

_ZIP_RE = re.compile(r"^(\d{5})(?:-\d{4})?$")
# "Sacramento, CA", "Sacramento CA", "Sacramento, California" all mean Sacramento.
_STATE_SUFFIX_RE = re.compile(r"[,\s]+(?:ca|calif\.?|california)$", re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    """A point a visitor searched from, with the words to show back to them."""

    label: str
    latitude: float
    longitude: float


@functools.cache
def _zip_index() -> dict[str, tuple[float, float]]:
    """Every active US ZIP code with coordinates, loaded once per process."""
    import zipcodes

    index = {}
    for row in zipcodes.list_all():
        if row.get("lat") and row.get("long"):
            index[row["zip_code"]] = (float(row["lat"]), float(row["long"]))
    _california_city_index()  # built from the same rows, before they are released
    _release_zipcodes_rows()
    return index


def _release_zipcodes_rows() -> None:
    """Drop the package's own copy of every ZIP row (over 100 MiB per worker).

    Our two small indexes hold all we need; if the package is asked again it
    simply reloads its data.
    """
    import zipcodes

    if getattr(zipcodes, "_zips_cache", None) is not None:
        zipcodes._zips_cache = None


@functools.cache
def _california_city_index() -> dict[str, tuple[str, float, float]]:
    """Lower-cased California city name -> (display name, mean latitude, mean longitude).

    A city's centre is the mean of its ZIP centroids. Delivery ("STANDARD") ZIPs are
    used when a city has any, because PO-box and single-organisation ZIPs sit on
    post offices and state buildings and would pull the centre downtown.
    """
    import zipcodes

    standard: dict[str, list[tuple[float, float]]] = {}
    other: dict[str, list[tuple[float, float]]] = {}
    names: dict[str, str] = {}
    for row in zipcodes.filter_by(state="CA"):
        if not (row.get("lat") and row.get("long") and row.get("city")):
            continue
        key = row["city"].casefold()
        names.setdefault(key, row["city"])
        bucket = standard if row.get("zip_code_type") == "STANDARD" else other
        bucket.setdefault(key, []).append((float(row["lat"]), float(row["long"])))
    index = {}
    for key, name in names.items():
        points = standard.get(key) or other[key]
        lat = sum(p[0] for p in points) / len(points)
        lng = sum(p[1] for p in points) / len(points)
        index[key] = (name, lat, lng)
    return index


@functools.cache
def _place_names() -> places.PlaceNames:
    """Every name a typo may be meant for: California towns and the local names."""
    return places.PlaceNames(name for name, _, _ in _california_city_index().values())


def warm() -> None:
    """Build the ZIP, city and typo indexes now (gunicorn calls this before forking workers)."""
    _zip_index()
    _place_names()


def zip_centroid(zip_code: str) -> tuple[float, float] | None:
    """(latitude, longitude) of a five-digit US ZIP code, or None when unknown."""
    if not zip_code or len(zip_code) != 5 or not zip_code.isdigit():
        return None
    return _zip_index().get(zip_code)


def _without_state(name: str) -> str:
    return _STATE_SUFFIX_RE.sub("", " ".join(name.split())).strip(" ,")


def city_centroid(name: str) -> tuple[str, float, float] | None:
    """(display name, latitude, longitude) of a California city, or None when unknown."""
    cleaned = _without_state(name)
    if not cleaned:
        return None
    return _california_city_index().get(cleaned.casefold())


def resolve_place(text: str) -> Place | None:
    """A ZIP code (any US ZIP, ZIP+4 accepted) or a California place name, or None.

    A place name is, in this order: a Sacramento-area town, neighbourhood or nickname
    ("East Sac"), any California city, or a small typo of one of those ("Rosevile").
    """
    text = " ".join((text or "").split())
    match = _ZIP_RE.match(text)
    if match:
        centroid = zip_centroid(match.group(1))
        if centroid is None:
            return None
        return Place(label=match.group(1), latitude=centroid[0], longitude=centroid[1])
    if not any(char.isalpha() for char in text):
        return None
    name = _without_state(text)
    local = places.local_name(name)
    if local is None and city_centroid(name) is None:
        local = _place_names().closest(name)
    return _named_place(local or name)


def _named_place(name: str) -> Place | None:
    """The place of a neighbourhood or town name, labelled as people write it."""
    hood = places.neighbourhood(name)
    if hood is not None:
        lat, lng = zip_centroid(hood.zip_code)
        return Place(label=hood.label, latitude=lat, longitude=lng)
    found = city_centroid(name)
    if found is None:
        return None
    display, lat, lng = found
    # The local list's spelling ("McClellan"), else the zipcodes data's.
    display = places.local_name(name) or display
    return Place(label=f"{display}, CA", latitude=lat, longitude=lng)


def haversine_miles(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance in miles."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lng2 - lng1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lng: float, radius_miles: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lng, max_lng) enclosing every point within the radius.

    Slightly generous (1 %) so the exact distance check, not the box, decides the edge.
    """
    margin = 1.01
    dlat = radius_miles / MILES_PER_DEGREE_LATITUDE * margin
    cos_lat = max(math.cos(math.radians(lat)), 0.01)
    dlng = min(radius_miles / (MILES_PER_DEGREE_LATITUDE * cos_lat) * margin, 180.0)
    return lat - dlat, lat + dlat, lng - dlng, lng + dlng
