"""Anonymous public pages are cached briefly, and any edit shows at once."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import ClinicFactory, UserFactory


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_second_anonymous_visit_is_served_without_rendering(
    client, page_cache, django_assert_max_num_queries
):
    clinic = ClinicFactory(name="Cached Clinic")
    client.get(clinic.get_absolute_url())
    # One cache read (generation and page together); no clinic queries.
    with django_assert_max_num_queries(1):
        response = client.get(clinic.get_absolute_url())
    assert response.status_code == 200
    assert "Cached Clinic" in response.content.decode()


@pytest.mark.django_db
def test_saving_a_clinic_shows_the_change_immediately(client, page_cache):
    clinic = ClinicFactory(name="Before Rename Clinic")
    assert "Before Rename Clinic" in client.get(clinic.get_absolute_url()).content.decode()
    clinic.description = "Now open on Saturdays."
    clinic.save()
    assert "Now open on Saturdays." in client.get(clinic.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_changing_a_clinics_conditions_refreshes_search_results(client, page_cache):
    from tests.factories import condition

    clinic = ClinicFactory(name="Relinked Clinic")
    url = reverse("clinics:clinic_list") + "?condition=ocd"
    assert "Relinked Clinic" not in client.get(url).content.decode()
    clinic.conditions.add(condition("ocd"))
    assert "Relinked Clinic" in client.get(url).content.decode()


@pytest.mark.django_db
def test_signed_in_staff_always_get_a_fresh_page(client, page_cache):
    from clinics.models import Clinic

    clinic = ClinicFactory(name="Fresh Clinic", description="Old words.")
    client.get(clinic.get_absolute_url())
    # A bulk update sends no signal, so the anonymous copy stays cached...
    Clinic.objects.filter(pk=clinic.pk).update(description="New words.")
    assert "Old words." in client.get(clinic.get_absolute_url()).content.decode()
    # ...but a signed-in member of staff is never served from the cache.
    client.force_login(UserFactory(is_staff=True))
    assert "New words." in client.get(clinic.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_error_pages_are_not_cached(client, page_cache):
    assert client.get("/clinics/no-such-clinic/").status_code == 404
    ClinicFactory(slug="no-such-clinic", name="Arrived Later Clinic")
    assert client.get("/clinics/no-such-clinic/").status_code == 200


@pytest.mark.django_db
def test_cache_can_be_turned_off(client, settings):
    from clinics.models import Clinic

    settings.PAGE_CACHE_SECONDS = 0
    clinic = ClinicFactory(description="Old words.")
    client.get(clinic.get_absolute_url())
    Clinic.objects.filter(pk=clinic.pk).update(description="New words.")
    assert "New words." in client.get(clinic.get_absolute_url()).content.decode()
