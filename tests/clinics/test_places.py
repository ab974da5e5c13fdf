"""Sacramento neighbourhoods, nicknames and town typos resolve to places; nonsense does not."""

import re
import time

import pytest

from clinics import places
from clinics.geo import city_centroid, resolve_place, zip_centroid
from tests.factories import ClinicFactory

CARD_NAME = re.compile(r'class="clinic-card__name"><a href="[^"]+">([^<]+)</a>')


def result_names(response) -> list[str]:
    assert response.status_code == 200
    return CARD_NAME.findall(response.content.decode())


# --- Neighbourhoods and communities ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label", "zip_code"),
    [
        ("East Sacramento", "East Sacramento, Sacramento", "95819"),
        ("East Sac", "East Sacramento, Sacramento", "95819"),
        ("Midtown", "Midtown, Sacramento", "95816"),
        ("Downtown", "Downtown, Sacramento", "95814"),
        ("Land Park", "Land Park, Sacramento", "95818"),
        ("Curtis Park", "Curtis Park, Sacramento", "95818"),
        ("Oak Park", "Oak Park, Sacramento", "95817"),
        ("Natomas", "Natomas, Sacramento", "95834"),
        ("North Natomas", "North Natomas, Sacramento", "95835"),
        ("South Natomas", "South Natomas, Sacramento", "95833"),
        ("Pocket", "Pocket, Sacramento", "95831"),
        ("the Pocket", "Pocket, Sacramento", "95831"),
        ("Greenhaven", "Greenhaven, Sacramento", "95831"),
        ("Arden-Arcade", "Arden-Arcade, Sacramento", "95825"),
        ("Arden Arcade", "Arden-Arcade, Sacramento", "95825"),
        ("arden arcade, CA", "Arden-Arcade, Sacramento", "95825"),
        ("Cameron Park", "Cameron Park, CA", "95682"),
    ],
)
def test_neighbourhood_is_the_centroid_of_its_main_zip(text, label, zip_code):
    place = resolve_place(text)
    assert place.label == label
    assert (place.latitude, place.longitude) == zip_centroid(zip_code)


@pytest.mark.parametrize(
    "hood", places.NEIGHBOURHOODS, ids=[hood.name for hood in places.NEIGHBOURHOODS]
)
def test_every_listed_neighbourhood_and_alias_resolves_to_its_zip(hood):
    assert zip_centroid(hood.zip_code) is not None
    for name in (hood.name, *hood.aliases):
        place = resolve_place(name)
        assert place.label == hood.label
        assert (place.latitude, place.longitude) == zip_centroid(hood.zip_code)


def test_oak_park_is_sacramentos_not_the_ventura_county_town():
    """A neighbourhood wins over a town of the same name elsewhere in California."""
    assert city_centroid("Oak Park") is not None
    assert resolve_place("Oak Park").label == "Oak Park, Sacramento"


# --- Towns and nicknames ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Sacto", "Sacramento, CA"),
        ("Sac", "Sacramento, CA"),
        ("Sac Town", "Sacramento, CA"),
        ("sactown", "Sacramento, CA"),
        ("West Sac", "West Sacramento, CA"),
        ("EDH", "El Dorado Hills, CA"),
        ("Rancho", "Rancho Cordova, CA"),
    ],
)
def test_nicknames_resolve_to_their_town(text, label):
    assert resolve_place(text).label == label


@pytest.mark.parametrize("town", places.REGION_TOWNS)
def test_every_region_town_is_a_california_town_of_the_zipcodes_data(town):
    place = resolve_place(town)
    assert place.label == f"{town}, CA"
    assert (place.latitude, place.longitude) == pytest.approx(city_centroid(town)[1:])


@pytest.mark.parametrize("alias", places.TOWN_ALIASES)
def test_every_nickname_names_a_listed_town_and_no_real_town(alias):
    assert places.TOWN_ALIASES[alias] in places.REGION_TOWNS
    assert city_centroid(alias) is None


def test_town_typed_without_its_space_is_found():
    assert resolve_place("elkgrove").label == "Elk Grove, CA"
    assert resolve_place("eldoradohills").label == "El Dorado Hills, CA"


# --- Typos -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "label"),
    [
        ("Elk Grov", "Elk Grove, CA"),
        ("Elk Grive", "Elk Grove, CA"),
        ("Rosevile", "Roseville, CA"),
        ("Rosville", "Roseville, CA"),
        ("Sacremento", "Sacramento, CA"),
        ("Sacramneto", "Sacramento, CA"),  # two letters swapped
        ("folsum", "Folsom, CA"),
        ("Aubrn", "Auburn, CA"),
        ("Roklin", "Rocklin, CA"),
        ("Lincon", "Lincoln, CA"),
        ("Carmichel", "Carmichael, CA"),
        ("Citrus Hieghts", "Citrus Heights, CA"),
        ("Rancho Cordoba", "Rancho Cordova, CA"),
        ("Placervile", "Placerville, CA"),
        ("El Dorado Hils", "El Dorado Hills, CA"),
        ("Yuba Cty", "Yuba City, CA"),
        ("Lodie", "Lodi, CA"),
        ("Midtwn", "Midtown, Sacramento"),
        ("Natomsa", "Natomas, Sacramento"),
        ("San Fransisco", "San Francisco, CA"),  # any California town, not only nearby
    ],
)
def test_small_typo_of_a_place_name_resolves(typed, label):
    assert resolve_place(typed).label == label


def test_typo_equally_close_to_a_nearby_and_a_far_town_means_the_nearby_one():
    """Woodlane is one letter from Woodland (Yolo County) and Woodlake (Tulare County)."""
    assert resolve_place("Woodlane").label == "Woodland, CA"


@pytest.mark.parametrize(
    "typed",
    [
        "Kynwood",  # Kenwood or Lynwood: both one letter away
        "Eestsac",  # East or West Sacramento
    ],
)
def test_typo_equally_close_to_two_places_resolves_to_none(typed):
    assert resolve_place(typed) is None


@pytest.mark.parametrize(
    "text",
    ["Gotham", "zzz", "Atlantis", "Glt", "Davs", "qwertyuiop", "Xyzzy Town", "Paris, France"],
)
def test_nonsense_and_names_too_far_from_any_place_resolve_to_none(text):
    """Four letters or fewer must be exact ("Davs" is not Davis); longer ones allow a slip."""
    assert resolve_place(text) is None


def test_edit_distance_counts_added_dropped_changed_and_swapped_letters():
    assert places.edit_distance("folsom", "folsom", 2) == 0
    assert places.edit_distance("folsm", "folsom", 2) == 1
    assert places.edit_distance("folsomm", "folsom", 2) == 1
    assert places.edit_distance("folsum", "folsom", 2) == 1
    assert places.edit_distance("oflsom", "folsom", 2) == 1
    assert places.edit_distance("fulsum", "folsom", 1) == 2  # over the limit: limit + 1


def test_typo_look_up_needs_no_database_and_is_quick():
    resolve_place("Rosevile")  # the indexes are built once per process
    start = time.perf_counter()
    for _ in range(100):
        resolve_place("Citrus Hieghts")
    assert time.perf_counter() - start < 1.0


# --- The search page -------------------------------------------------------------------


@pytest.mark.django_db
def test_search_near_a_neighbourhood_lists_clinics_by_distance_from_it(client):
    ClinicFactory(name="Midtown Clinic", zip_code="95816")
    ClinicFactory(name="Folsom Clinic", zip_code="95630", city="Folsom")
    response = client.get("/clinics/", {"near": "Midtown", "radius": "5"})
    assert result_names(response) == ["Midtown Clinic"]
    assert "within 5 miles of Midtown, Sacramento" in response.content.decode()


@pytest.mark.django_db
def test_search_near_a_misspelt_town_uses_the_town(client):
    ClinicFactory(name="Folsom Clinic", zip_code="95630", city="Folsom")
    response = client.get("/clinics/", {"near": "folsum", "radius": "5"})
    assert result_names(response) == ["Folsom Clinic"]
    assert "within 5 miles of Folsom, CA" in response.content.decode()
