"""Rebuild clinics/data/california_counties.json, the county outlines the maps draw.

The maps are drawn on the server (clinics.maps) and load nothing from other hosts, so
the outlines ship with the code. They come from the US Census Bureau's cartographic
boundary file of counties (cb_2016_us_county_500k, public domain), which the PyPI
package plotly-geo carries; pyshp reads it. Both are needed only to run this command:

    pip install -c constraints.txt -e ".[mapdata]"
    python manage.py build_county_outlines

Rings are simplified (Douglas-Peucker) and rounded, so all of California's 58 counties
fit in about 110 KB; at the zoom of a town-to-town map the difference is under a
pixel.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clinics.maps import COUNTY_OUTLINES

CALIFORNIA_FIPS = "06"
SOURCE = "US Census Bureau, cartographic boundary file cb_2016_us_county_500k (public domain)"


def _distance_to_segment(point, start, end) -> float:
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker, without recursion (a coastline has thousands of points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, index = 0.0, None
        for i in range(first + 1, last):
            distance = _distance_to_segment(points[i], points[first], points[last])
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def ring_area(ring: list) -> float:
    return (
        abs(
            sum(
                x1 * y2 - x2 * y1
                for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)
            )
        )
        / 2
    )


class Command(BaseCommand):
    help = "Rebuild the county outlines the maps draw (needs the [mapdata] extra)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--tolerance",
            type=float,
            default=0.004,
            help="Simplification tolerance in degrees (default 0.004, about 400 m).",
        )
        parser.add_argument("--output", default=str(COUNTY_OUTLINES))

    def handle(self, *args, tolerance: float, output: str, **options):
        try:
            import _plotly_geo
            import shapefile
        except ImportError as error:
            raise CommandError(
                'This command needs plotly-geo and pyshp: pip install -e ".[mapdata]"'
            ) from error

        path = Path(_plotly_geo.__file__).parent / "package_data" / "cb_2016_us_county_500k"
        counties = []
        with shapefile.Reader(str(path)) as reader:
            for item in reader.iterShapeRecords():
                if item.record["STATEFP"] != CALIFORNIA_FIPS:
                    continue
                shape = item.shape
                bounds = [*shape.parts, len(shape.points)]
                rings = []
                for start, end in zip(bounds[:-1], bounds[1:], strict=True):
                    ring = simplify([tuple(p) for p in shape.points[start:end]], tolerance)
                    # Specks (small islands) vanish at this scale.
                    if len(ring) >= 4 and ring_area(ring) > tolerance**2 * 4:
                        rings.append([[round(x, 3), round(y, 3)] for x, y in ring])
                counties.append({"name": item.record["NAME"], "rings": rings})
        counties.sort(key=lambda county: county["name"])
        data = {"source": SOURCE, "counties": counties}
        Path(output).write_text(json.dumps(data, separators=(",", ":")) + "\n")
        size = Path(output).stat().st_size
        self.stdout.write(f"Wrote {len(counties)} counties to {output} ({size:,} bytes).")
