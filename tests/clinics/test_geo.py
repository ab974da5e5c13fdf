"""ZIP and city centroids, great-circle distance and the radius edge."""

import math

import pytest

from clinics.geo import EARTH_RADIUS_MILES, haversine_miles, resolve_place, zip_centroid
from clinics.models import Clinic
from tests.factories import ClinicFactory

EAST_SAC = zip_centroid("95816")


def miles_north(lat: float, miles: float) -> float:
    """The latitude `miles` due north: along a meridian the distance is exact."""
    return lat + math.degrees(miles / EARTH_RADIUS_MILES)


def test_zip_centroids_come_from_the_zipcodes_data():
    assert zip_centroid("95816") == pytest.approx((38.5728, -121.4675))
    assert zip_centroid("95630") == pytest.approx((38.6709, -121.1529))
    assert zip_centroid("00000") is None
    assert zip_centroid("9581") is None


@pytest.mark.parametrize(
    ("zip_a", "zip_b", "low", "high"),
    [
        ("95816", "95630", 17.5, 19.5),  # East Sacramento to Folsom
        ("95816", "95616", 13.0, 15.5),  # to Davis
        ("95816", "95624", 10.0, 12.5),  # to Elk Grove
        ("95816", "95816", 0.0, 0.0),
    ],
)
def test_distance_between_known_zip_pairs(zip_a, zip_b, low, high):
    a, b = zip_centroid(zip_a), zip_centroid(zip_b)
    assert low <= haversine_miles(*a, *b) <= high


def test_one_degree_of_latitude_is_about_69_miles():
    assert haversine_miles(38.0, -121.0, 39.0, -121.0) == pytest.approx(69.09, abs=0.01)


def test_resolve_place_accepts_zip_plus_four_and_city_spellings():
    assert resolve_place("95816-1234").label == "95816"
    assert resolve_place("  folsom ").label == "Folsom, CA"
    assert resolve_place("Folsom, CA").label == "Folsom, CA"
    assert resolve_place("Elk Grove, California").label == "Elk Grove, CA"


def test_city_centre_is_the_mean_of_its_delivery_zips():
    place = resolve_place("Folsom")
    # Folsom has one delivery ZIP (95630); the PO-box ZIP is not averaged in.
    assert (place.latitude, place.longitude) == pytest.approx(zip_centroid("95630"))


@pytest.mark.parametrize("text", ["", "   ", "00000", "Atlantis", "12", "Paris, France", "€€€"])
def test_resolve_place_returns_none_for_unknown_places(text):
    assert resolve_place(text) is None


@pytest.mark.django_db
def test_sql_distance_matches_the_python_haversine():
    folsom = ClinicFactory(zip_code="95630")
    found = Clinic.objects.near(*EAST_SAC, 25).get(pk=folsom.pk)
    expected = haversine_miles(*EAST_SAC, folsom.latitude, folsom.longitude)
    assert found.distance_miles == pytest.approx(expected, abs=1e-6)


@pytest.mark.django_db
def test_radius_edge_just_inside_and_just_outside():
    lat, lng = EAST_SAC
    inside = ClinicFactory(latitude=miles_north(lat, 9.98), longitude=lng)
    outside = ClinicFactory(latitude=miles_north(lat, 10.02), longitude=lng)
    found = set(Clinic.objects.near(lat, lng, 10).values_list("pk", flat=True))
    assert inside.pk in found
    assert outside.pk not in found


@pytest.mark.django_db
def test_bounding_box_does_not_cut_off_the_circle_east_and_west():
    lat, lng = EAST_SAC
    # 24.9 miles due east: the box is wider in degrees of longitude than latitude.
    dlng = math.degrees(24.9 / (EARTH_RADIUS_MILES * math.cos(math.radians(lat))))
    east = ClinicFactory(latitude=lat, longitude=lng + dlng)
    assert Clinic.objects.near(lat, lng, 25).filter(pk=east.pk).exists()


@pytest.mark.django_db
def test_clinic_without_coordinates_is_never_near():
    clinic = ClinicFactory(zip_code="00000", latitude=None, longitude=None)
    assert clinic.latitude is None
    assert not Clinic.objects.near(*EAST_SAC, 100).filter(pk=clinic.pk).exists()
