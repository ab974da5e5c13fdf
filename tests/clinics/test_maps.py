"""Maps drawn on the server as SVG: markers that lead to clinics, and nothing from other hosts."""

import os
import re
import subprocess
import sys

import pytest

from clinics import maps
from clinics.geo import resolve_place
from tests.factories import ClinicFactory, condition

pytestmark = pytest.mark.django_db

TILES = "https://tiles.example.org/{z}/{x}/{y}.png"


def svg(page: str, map_id: str) -> str:
    match = re.search(rf'<figure class="map" id="{map_id}">.*?</figure>', page, re.S)
    assert match, f"no map {map_id}"
    return match.group(0)


@pytest.fixture
def clinics():
    ClinicFactory(name="Midtown Map Clinic", slug="midtown-map", zip_code="95816")
    ClinicFactory(name="Folsom Map Clinic", slug="folsom-map", zip_code="95630", city="Folsom")


def test_results_map_marks_each_clinic_with_a_numbered_link_to_its_page(client, clinics):
    figure = svg(client.get("/clinics/?near=95816").content.decode(), "results-map")
    links = re.findall(r'<a class="map__marker" href="([^"]+)" aria-label="([^"]+)">', figure)
    assert links == [
        ("/clinics/midtown-map/", "1. Midtown Map Clinic, Sacramento"),
        ("/clinics/folsom-map/", "2. Folsom Map Clinic, Folsom"),
    ]


def test_results_map_marks_the_place_searched_from_and_says_so(client, clinics):
    figure = svg(client.get("/clinics/?near=Folsom").content.decode(), "results-map")
    assert 'class="map__place"' in figure
    assert (
        "Map of the 2 clinics on this page, numbered as in the list, and of Folsom, CA "
        "(the diamond). The list above has the same information." in figure
    )


def test_results_map_is_named_by_its_caption(client, clinics):
    figure = svg(client.get("/clinics/").content.decode(), "results-map")
    assert 'aria-labelledby="results-map-caption"' in figure
    assert '<figcaption id="results-map-caption">' in figure


def test_results_map_numbers_continue_on_later_pages(client):
    for n in range(22):
        ClinicFactory(name=f"Paged Clinic {n:02d}")
    figure = svg(client.get("/clinics/?page=2").content.decode(), "results-map")
    assert re.findall(r'aria-label="(\d+)\. ', figure) == ["21", "22"]


def test_maps_load_nothing_from_other_hosts(client, clinics):
    for url, map_id in [
        ("/clinics/?near=95816", "results-map"),
        ("/clinics/midtown-map/", "clinic-map"),
    ]:
        figure = svg(client.get(url).content.decode(), map_id)
        assert "http" not in figure
        assert "<image" not in figure


def test_clinic_page_map_is_one_picture_with_words(client, clinics):
    figure = svg(client.get("/clinics/midtown-map/").content.decode(), "clinic-map")
    assert 'role="img"' in figure
    assert "<a " not in figure  # the page's own clinic is not a link to itself
    assert "Map of where Midtown Map Clinic is, among nearby towns." in figure


def test_map_draws_county_outlines_and_towns_around_the_clinics():
    view = maps.draw([maps.MapPoint(38.5757, -121.4789, "1. A clinic", "/clinics/a/", "1")])
    assert len(view.outlines) >= 2  # Sacramento and Yolo counties meet at the river
    assert "West Sacramento" in [town.text for town in view.towns]
    assert all(
        0 <= marker.x <= maps.WIDTH and 0 <= marker.y <= maps.HEIGHT for marker in view.markers
    )


def test_markers_on_one_spot_are_spread_so_each_can_be_tapped():
    points = [
        maps.MapPoint(38.57, -121.47, f"{n}. Clinic", f"/clinics/{n}/", str(n)) for n in range(3)
    ]
    markers = maps.draw(points).markers
    for i, one in enumerate(markers):
        for other in markers[i + 1 :]:
            assert (
                (one.x - other.x) ** 2 + (one.y - other.y) ** 2
            ) ** 0.5 >= 2 * maps.MARKER_RADIUS


def test_a_clinic_without_coordinates_is_left_off_and_counted():
    view = maps.draw(
        [
            maps.MapPoint(38.57, -121.47, "1. Here", "/a/", "1"),
            maps.MapPoint(None, None, "2. ?", "/b/", "2"),
        ]
    )
    assert len(view.markers) == 1
    assert view.unmapped == 1


def test_nothing_to_place_draws_no_map():
    assert maps.draw([maps.MapPoint(None, None, "Nowhere")]) is None


def test_clipping_keeps_only_what_can_be_seen():
    square = [(-500, -500), (1500, -500), (1500, 1500), (-500, 1500)]
    clipped = maps._clip(square, 10)
    xs, ys = [x for x, _ in clipped], [y for _, y in clipped]
    assert min(xs) == -10 and max(xs) == maps.WIDTH + 10
    assert min(ys) == -10 and max(ys) == maps.HEIGHT + 10


def test_shipped_county_outlines_cover_california():
    names = {county.name for county in maps.counties()}
    assert len(names) == 58
    assert {"Sacramento", "Placer", "El Dorado", "Yolo", "San Joaquin"} <= names


def test_operator_tiles_are_drawn_under_the_map_when_configured(settings):
    settings.MAP_TILE_URL = TILES
    settings.MAP_TILE_ATTRIBUTION = "Example tiles"
    view = maps.draw([maps.MapPoint(38.57, -121.47, "1. Here", "/a/", "1")], resolve_place("95816"))
    assert view.tiles
    assert all(tile.href.startswith("https://tiles.example.org/") for tile in view.tiles)
    assert view.attribution == "Example tiles"


def test_crisis_searches_never_load_tiles(client, settings):
    settings.MAP_TILE_URL = TILES
    ClinicFactory(conditions=[condition("suicidal-ideation")])
    page = client.get("/clinics/?condition=suicidal-ideation").content.decode()
    assert "tiles.example.org" not in svg(page, "results-map")


def _csp_img_src(environment: dict) -> str:
    code = (
        "from config import settings; "
        "print(' '.join(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
    )
    env = {**os.environ, **environment}
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_content_security_policy_allows_no_other_image_host_by_default():
    environment = {"MAP_TILE_URL": ""}
    assert _csp_img_src(environment) == "'self' data:"


def test_content_security_policy_allows_the_tile_host_only_when_configured():
    assert _csp_img_src({"MAP_TILE_URL": TILES}) == "'self' data: https://tiles.example.org"


def test_outline_builder_drops_points_that_change_nothing():
    from clinics.management.commands.build_county_outlines import simplify

    assert simplify([(0, 0), (1, 0.0001), (2, 0), (2, 2)], 0.01) == [(0, 0), (2, 0), (2, 2)]
