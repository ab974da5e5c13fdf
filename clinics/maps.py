"""Maps drawn on the server as inline SVG, so a map loads nothing from another host.

Why: a map of where someone looks for ketamine treatment says something about their
health. Tiles or scripts from a map provider would tell that provider the visitor's
address and the area they searched, so by default nothing leaves this site: county
outlines (clinics/data/california_counties.json, built by ``manage.py
build_county_outlines`` from the Census Bureau's public-domain boundaries) and town
dots (the offline ``zipcodes`` data, as ``clinics.geo``) are drawn here, in Web
Mercator, the projection map tiles use. An operator may name a tile server in
``settings.MAP_TILE_URL``; the same SVG then carries its tiles as images underneath
(README: "Maps and privacy" says what that gives away).

The list of results stays the accessible way to the same information: the map's
markers are links with names, and its caption says the list has it all.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext, ngettext

from clinics import geo

COUNTY_OUTLINES = Path(__file__).with_name("data") / "california_counties.json"

# The SVG's own units; CSS scales it to the width of the page.
WIDTH, HEIGHT = 600, 360
# Kept clear inside the edge, so no marker or label is cut in half.
PADDING = 30
MARKER_RADIUS = 12
# However close together the points, the map shows at least this much of the region,
# so a single clinic still has towns around it.
MIN_SPAN_MILES = 14
TILE_SIZE = 256
MAX_TILE_ZOOM = 18
# Rough width of a label's letters, as a share of its font size (no font metrics here).
LETTER_WIDTH = 0.6
TOWN_FONT, COUNTY_FONT = 13, 12

# Towns that help someone find their bearings, most useful first: when labels would
# overlap, the earlier one is drawn.
TOWNS = (
    "Sacramento",
    "Stockton",
    "Elk Grove",
    "Roseville",
    "Davis",
    "Folsom",
    "Woodland",
    "Vacaville",
    "Yuba City",
    "Lodi",
    "Auburn",
    "Placerville",
    "Citrus Heights",
    "Rancho Cordova",
    "West Sacramento",
    "Rocklin",
    "Lincoln",
    "Galt",
    "Dixon",
    "Marysville",
    "El Dorado Hills",
    "Grass Valley",
    "Jackson",
    "Fairfield",
    "Napa",
    "Vallejo",
    "Modesto",
    "Chico",
    "Redding",
    "Truckee",
    "South Lake Tahoe",
    "San Francisco",
    "Oakland",
    "Fresno",
)


@dataclass(frozen=True)
class MapPoint:
    """Something to mark: a clinic (with its page) or a place."""

    latitude: float | None
    longitude: float | None
    label: str  # the marker's accessible name
    url: str = ""
    number: str = ""  # its number in the list beside the map


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    label: str
    url: str
    number: str


@dataclass(frozen=True)
class Label:
    """Words at (x, y), or beside a dot there: moved by (dx, dy), anchored start/middle/end."""

    x: float
    y: float
    text: str
    dx: float = 0
    dy: float = 0
    anchor: str = "middle"
    dot: bool = True  # False: a clinic's marker stands on the town


def _beside(gap: float) -> tuple[tuple[float, float, str], ...]:
    """Where a name may go beside a dot `gap` across, best first: above, below, right, left."""
    return ((0, -gap, "middle"), (0, gap + 10, "middle"), (gap, 5, "start"), (-gap, 5, "end"))


@dataclass(frozen=True)
class Tile:
    x: float
    y: float
    size: float
    href: str


@dataclass
class MapView:
    """What templates/clinics/includes/map.html draws."""

    width: int
    height: int
    outlines: list[str] = field(default_factory=list)  # SVG path data, one per county
    county_labels: list[Label] = field(default_factory=list)
    towns: list[Label] = field(default_factory=list)  # a dot at (x, y), its name above
    markers: list[Marker] = field(default_factory=list)
    place: Marker | None = None
    place_text: Label | None = None  # the searched place's name, when it fits
    tiles: list[Tile] = field(default_factory=list)
    attribution: str = ""
    unmapped: int = 0  # points with no known coordinates
    caption: str = ""  # the map in words, for everyone who cannot see it

    @property
    def urls(self) -> list[str]:
        """Every address the drawing refers to (tests: none is on another host by default)."""
        return [marker.url for marker in self.markers if marker.url] + [
            tile.href for tile in self.tiles
        ]


# --- Projection ------------------------------------------------------------------------


def _world(latitude: float, longitude: float) -> tuple[float, float]:
    """Web Mercator at zoom 0: the whole world is TILE_SIZE units square."""
    sin_lat = min(max(math.sin(math.radians(latitude)), -0.9999), 0.9999)
    x = (longitude + 180) / 360 * TILE_SIZE
    y = (0.5 - math.log((1 + sin_lat) / (1 - sin_lat)) / (4 * math.pi)) * TILE_SIZE
    return x, y


def _latitude(world_y: float) -> float:
    n = math.pi - 2 * math.pi * world_y / TILE_SIZE
    return math.degrees(math.atan(math.sinh(n)))


@dataclass(frozen=True)
class Projection:
    """World coordinates to the SVG's: `scale` SVG units per world unit (2 ** zoom)."""

    scale: float
    left: float  # world x at the SVG's x = 0
    top: float

    @classmethod
    def fitting(cls, coordinates: Sequence[tuple[float, float]]) -> Projection:
        worlds = [_world(lat, lng) for lat, lng in coordinates]
        xs, ys = [x for x, _ in worlds], [y for _, y in worlds]
        middle_lat = sum(lat for lat, _ in coordinates) / len(coordinates)
        half_span = MIN_SPAN_MILES / geo.MILES_PER_DEGREE_LATITUDE / 2
        min_height = _world(middle_lat - half_span, 0)[1] - _world(middle_lat + half_span, 0)[1]
        width = max(max(xs) - min(xs), 1e-9)
        height = max(max(ys) - min(ys), 1e-9)
        scale = min(
            (WIDTH - 2 * PADDING) / width,
            (HEIGHT - 2 * PADDING) / height,
            (HEIGHT - 2 * PADDING) / min_height,
        )
        centre_x, centre_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        return cls(scale, centre_x - WIDTH / 2 / scale, centre_y - HEIGHT / 2 / scale)

    def __call__(self, latitude: float, longitude: float) -> tuple[float, float]:
        x, y = _world(latitude, longitude)
        return (x - self.left) * self.scale, (y - self.top) * self.scale

    def bounds(self) -> tuple[float, float, float, float]:
        """(south, north, west, east) in degrees of what the SVG shows."""
        right = self.left + WIDTH / self.scale
        bottom = self.top + HEIGHT / self.scale
        west = self.left / TILE_SIZE * 360 - 180
        east = right / TILE_SIZE * 360 - 180
        return _latitude(bottom), _latitude(self.top), west, east


# --- Outlines and towns ------------------------------------------------------------------


@dataclass(frozen=True)
class County:
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]  # (longitude, latitude) points
    bounds: tuple[float, float, float, float]  # south, north, west, east


@functools.cache
def counties() -> tuple[County, ...]:
    """The shipped county outlines, read once per process."""
    data = json.loads(COUNTY_OUTLINES.read_text())
    found = []
    for county in data["counties"]:
        rings = tuple(tuple((lng, lat) for lng, lat in ring) for ring in county["rings"])
        points = [point for ring in rings for point in ring]
        lats, lngs = [lat for _, lat in points], [lng for lng, _ in points]
        found.append(County(county["name"], rings, (min(lats), max(lats), min(lngs), max(lngs))))
    return tuple(found)


def _clip(points: list[tuple[float, float]], margin: float) -> list[tuple[float, float]]:
    """A ring clipped to the SVG widened by `margin` (Sutherland-Hodgman).

    What lies outside cannot be seen; the edges clipping adds run along the margin,
    outside the SVG, so they cannot be seen either.
    """
    edges = (
        (lambda p: p[0] >= -margin, lambda a, b: _at_x(a, b, -margin)),
        (lambda p: p[0] <= WIDTH + margin, lambda a, b: _at_x(a, b, WIDTH + margin)),
        (lambda p: p[1] >= -margin, lambda a, b: _at_y(a, b, -margin)),
        (lambda p: p[1] <= HEIGHT + margin, lambda a, b: _at_y(a, b, HEIGHT + margin)),
    )
    for inside, crossing in edges:
        if not points:
            break
        clipped, previous = [], points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    clipped.append(crossing(previous, point))
                clipped.append(point)
            elif inside(previous):
                clipped.append(crossing(previous, point))
            previous = point
        points = clipped
    return points


def _at_x(a, b, x: float) -> tuple[float, float]:
    return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


def _at_y(a, b, y: float) -> tuple[float, float]:
    return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y


def _path(points: list[tuple[float, float]]) -> str:
    """SVG path data for a closed ring: only what can be seen, in whole units (plenty at
    this size), without repeated points."""
    kept: list[tuple[int, int]] = []
    for x, y in _clip(points, MARKER_RADIUS):
        point = (round(x), round(y))
        if not kept or kept[-1] != point:
            kept.append(point)
    if len(kept) < 3:
        return ""
    return "M" + "L".join(f"{x} {y}" for x, y in kept) + "Z"


def _overlaps(box, boxes) -> bool:
    left, top, right, bottom = box
    return any(
        left < other[2] and other[0] < right and top < other[3] and other[1] < bottom
        for other in boxes
    )


def _label_box(
    x: float, y: float, text: str, size: int, anchor: str = "middle"
) -> tuple[float, float, float, float]:
    """The box a label with its baseline at (x, y) takes up, with a little room around it."""
    width = len(text) * size * LETTER_WIDTH + 6
    left = {"start": x - 3, "middle": x - width / 2, "end": x - width + 3}[anchor]
    return left, y - size, left + width, y + 4


def _place_beside(
    x: float, y: float, text: str, taken: list, *, gap: float = 7, size: int = TOWN_FONT
) -> Label | None:
    """A label beside the dot at (x, y) where it overlaps nothing taken, or None."""
    for dx, dy, anchor in _beside(gap):
        box = _label_box(x + dx, y + dy, text, size, anchor)
        inside = box[0] >= 2 and box[2] <= WIDTH - 2 and box[1] >= 2 and box[3] <= HEIGHT - 2
        if inside and not _overlaps(box, taken):
            taken.append(box)
            return Label(round(x, 1), round(y, 1), text, dx, dy, anchor)
    return None


def _inside(x: float, y: float, margin: float) -> bool:
    return margin <= x <= WIDTH - margin and margin <= y <= HEIGHT - margin


# --- The map ---------------------------------------------------------------------------


def _spread(positions: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Nudge markers that would cover one another (clinics sharing a ZIP centre) apart,
    around their spot, so each can be seen and tapped."""
    placed: list[tuple[float, float]] = []
    gap = 2 * MARKER_RADIUS + 2
    for x, y in positions:
        candidate, step = (x, y), 0
        while any(math.dist(candidate, other) < gap for other in placed) and step < 60:
            step += 1
            ring = 1 + step // 6
            angle = step * math.pi / 3 + ring * 0.5
            candidate = (x + ring * gap * math.cos(angle), y + ring * gap * math.sin(angle))
        placed.append(candidate)
    return placed


def _tiles(projection: Projection, template: str) -> list[Tile]:
    """The operator's tiles covering the SVG, at the zoom nearest its scale."""
    zoom = min(max(round(math.log2(projection.scale)), 0), MAX_TILE_ZOOM)
    size = TILE_SIZE * projection.scale / 2**zoom  # one tile, in SVG units
    per_world = 2**zoom / TILE_SIZE  # tiles per world unit
    first_x = math.floor(projection.left * per_world)
    first_y = math.floor(projection.top * per_world)
    last_x = math.floor((projection.left + WIDTH / projection.scale) * per_world)
    last_y = math.floor((projection.top + HEIGHT / projection.scale) * per_world)
    tiles = []
    for tile_y in range(max(first_y, 0), min(last_y, 2**zoom - 1) + 1):
        for tile_x in range(first_x, last_x + 1):
            href = template.format(z=zoom, x=tile_x % 2**zoom, y=tile_y)
            x = (tile_x / per_world - projection.left) * projection.scale
            y = (tile_y / per_world - projection.top) * projection.scale
            tiles.append(Tile(round(x, 1), round(y, 1), round(size, 1) + 0.5, href))
    return tiles


def draw(
    points: Iterable[MapPoint],
    place: geo.Place | None = None,
    *,
    place_label: str = "",
    tiles: bool = True,
) -> MapView | None:
    """A map of `points` (numbered, linked markers) and the searched `place`.

    None when nothing has coordinates. Every county and town within sight is drawn;
    labels that would overlap a marker or an earlier label are left out. `tiles=False`
    keeps the operator's tiles (if any) out, for pages that must send nothing away.
    """
    points = list(points)
    mapped = [p for p in points if p.latitude is not None and p.longitude is not None]
    coordinates = [(p.latitude, p.longitude) for p in mapped]
    if place is not None:
        coordinates.append((place.latitude, place.longitude))
    if not coordinates:
        return None
    project = Projection.fitting(coordinates)
    view = MapView(WIDTH, HEIGHT, unmapped=len(points) - len(mapped))

    # The searched place first, so clinic markers make way for it rather than hide it.
    spots = [project(place.latitude, place.longitude)] if place is not None else []
    spots = _spread(spots + [project(p.latitude, p.longitude) for p in mapped])
    taken = [
        (x - MARKER_RADIUS, y - MARKER_RADIUS, x + MARKER_RADIUS, y + MARKER_RADIUS)
        for x, y in spots
    ]
    markers = list(taken)
    if place is not None:
        (x, y), spots = spots[0], spots[1:]
        view.place = Marker(round(x, 1), round(y, 1), place_label or place.label, "", "")
        view.place_text = _place_beside(x, y, view.place.label, taken, gap=MARKER_RADIUS + 6)
    for point, (x, y) in zip(mapped, spots, strict=True):
        view.markers.append(Marker(round(x, 1), round(y, 1), point.label, point.url, point.number))

    south, north, west, east = project.bounds()
    in_sight = [
        county
        for county in counties()
        if not (
            county.bounds[1] < south
            or county.bounds[0] > north
            or county.bounds[3] < west
            or county.bounds[2] > east
        )
    ]
    for county in in_sight:
        for ring in county.rings:
            path = _path([project(lat, lng) for lng, lat in ring])
            if path:
                view.outlines.append(path)

    for name in TOWNS:
        found = geo.city_centroid(name)
        if found is None:
            continue
        display, lat, lng = found
        x, y = project(lat, lng)
        if not _inside(x, y, PADDING / 2):
            continue
        if place is not None and display.casefold() in view.place.label.casefold():
            continue  # "Elk Grove, CA" is marked already
        dot = (x - 4, y - 4, x + 4, y + 4)
        if _overlaps(dot, markers):
            # A marker stands on the town: name it beside the marker, without a dot.
            label = _place_beside(x, y, display, taken, gap=MARKER_RADIUS + 6)
            if label is not None:
                view.towns.append(replace(label, dot=False))
        elif not _overlaps(dot, taken):
            label = _place_beside(x, y, display, taken)
            if label is not None:
                view.towns.append(label)
                taken.append(dot)

    for county in in_sight:
        biggest = max(county.rings, key=len)
        x, y = project(
            sum(lat for _, lat in biggest) / len(biggest),
            sum(lng for lng, _ in biggest) / len(biggest),
        )
        text = gettext("%(name)s County") % {"name": county.name}
        box = _label_box(x, y, text, COUNTY_FONT)
        if _inside(x, y, PADDING * 2) and not _overlaps(box, taken):
            view.county_labels.append(Label(round(x, 1), round(y, 1), text))
            taken.append(box)

    if tiles and settings.MAP_TILE_URL:
        view.tiles = _tiles(project, settings.MAP_TILE_URL)
        view.attribution = settings.MAP_TILE_ATTRIBUTION
    return view


def clinics_map(
    clinics: Sequence,
    place: geo.Place | None = None,
    *,
    first_number: int = 1,
    tiles: bool = True,
) -> MapView | None:
    """A map of a page of results: each clinic a marker numbered as in the list (from
    `first_number`) and linked to its page, and the place searched from."""
    points = [
        MapPoint(
            clinic.latitude,
            clinic.longitude,
            f"{n}. {clinic.name}, {clinic.city}",
            clinic.get_absolute_url(),
            str(n),
        )
        for n, clinic in enumerate(clinics, first_number)
    ]
    view = draw(points, place, tiles=tiles)
    if view is not None:
        shown = len(clinics)
        if place is not None:
            words = [
                ngettext(
                    "Map of the %(count)s clinic on this page, numbered as in the list, and "
                    "of %(place)s (the diamond). The list above has the same information.",
                    "Map of the %(count)s clinics on this page, numbered as in the list, and "
                    "of %(place)s (the diamond). The list above has the same information.",
                    shown,
                )
                % {"count": shown, "place": place.label}
            ]
        else:
            words = [
                ngettext(
                    "Map of the %(count)s clinic on this page, numbered as in the list. The "
                    "list above has the same information.",
                    "Map of the %(count)s clinics on this page, numbered as in the list. The "
                    "list above has the same information.",
                    shown,
                )
                % {"count": shown}
            ]
        if view.unmapped:
            words.append(
                ngettext(
                    "%(count)s of them could not be placed on the map.",
                    "%(count)s of them could not be placed on the map.",
                    view.unmapped,
                )
                % {"count": view.unmapped}
            )
        view.caption = " ".join(words)
    return view


def clinic_map(clinic) -> MapView | None:
    """A map of where one clinic is, among the towns around it (its own page)."""
    point = MapPoint(clinic.latitude, clinic.longitude, clinic.name)
    view = draw([point])
    if view is not None:
        view.caption = gettext(
            "Map of where %(name)s is, among nearby towns. The address above says the same "
            "in words."
        ) % {"name": clinic.name}
    return view
