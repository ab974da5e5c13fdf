"""Anonymous public pages are cached briefly, one entry per page, and any edit shows at once."""

import datetime
import logging

import pytest
from django.core.cache import cache, caches
from django.db import connection, transaction
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import services as article_services
from clinics.models import Clinic
from config.site import page_cache
from tests.factories import (
    ArticleFactory,
    ClinicFactory,
    ReviewerFactory,
    TopicFactory,
    UserFactory,
    condition,
)

JUNK = "utm_source=newsletter&x=123&fbclid=abc"


def bumps(callbacks) -> int:
    return sum(callback is page_cache._bump_generation for callback in callbacks)


# --- Serving and invalidating -------------------------------------------------------


@pytest.mark.django_db
def test_second_anonymous_visit_is_served_without_rendering(
    client, page_cache_on, django_assert_max_num_queries
):
    clinic = ClinicFactory(name="Cached Clinic")
    client.get(clinic.get_absolute_url())
    # One cache read (generation and page together); no clinic queries.
    with django_assert_max_num_queries(1):
        response = client.get(clinic.get_absolute_url())
    assert response.status_code == 200
    assert "Cached Clinic" in response.content.decode()


# These tests commit, as the site does: in a test wrapped in one transaction the first
# write's bump would be the only one, run never. serialized_rollback puts back the
# migrations' reference data that the flush afterwards removes.
committing = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@committing
def test_saving_a_clinic_shows_the_change_immediately(client, page_cache_on):
    clinic = ClinicFactory(name="Before Rename Clinic")
    assert "Before Rename Clinic" in client.get(clinic.get_absolute_url()).content.decode()
    clinic.description = "Now open on Saturdays."
    clinic.save()
    assert "Now open on Saturdays." in client.get(clinic.get_absolute_url()).content.decode()


@committing
def test_changing_a_clinics_conditions_refreshes_search_results(client, page_cache_on):
    clinic = ClinicFactory(name="Relinked Clinic")
    url = reverse("clinics:clinic_list") + "?condition=ocd"
    assert "Relinked Clinic" not in client.get(url).content.decode()
    clinic.conditions.add(condition("ocd"))
    assert "Relinked Clinic" in client.get(url).content.decode()


@committing
def test_pages_stay_cached_until_the_edit_commits(client, page_cache_on):
    """A page rendered before the commit cannot show the edit, so the bump waits for it."""
    clinic = ClinicFactory(description="Old words.")
    client.get(clinic.get_absolute_url())
    with transaction.atomic():
        Clinic.objects.filter(pk=clinic.pk).update(description="New words.")
        clinic.save(update_fields=["name"])
        assert "Old words." in client.get(clinic.get_absolute_url()).content.decode()
    assert "New words." in client.get(clinic.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_lost_generation_makes_every_page_stale(client, page_cache_on):
    """Culled, evicted or flushed: a new generation never matches a page stored before."""
    clinic = ClinicFactory(description="Old words.")
    client.get(clinic.get_absolute_url())
    Clinic.objects.filter(pk=clinic.pk).update(description="New words.")
    cache.delete(page_cache.GENERATION_KEY)
    assert "New words." in client.get(clinic.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_signed_in_staff_always_get_a_fresh_page(client, page_cache_on):
    clinic = ClinicFactory(name="Fresh Clinic", description="Old words.")
    client.get(clinic.get_absolute_url())
    # A bulk update sends no signal, so the anonymous copy stays cached...
    Clinic.objects.filter(pk=clinic.pk).update(description="New words.")
    assert "Old words." in client.get(clinic.get_absolute_url()).content.decode()
    # ...but a signed-in member of staff is never served from the cache.
    client.force_login(UserFactory(is_staff=True))
    assert "New words." in client.get(clinic.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_error_pages_are_not_cached(client, page_cache_on):
    assert client.get("/clinics/no-such-clinic/").status_code == 404
    ClinicFactory(slug="no-such-clinic", name="Arrived Later Clinic")
    assert client.get("/clinics/no-such-clinic/").status_code == 200


@pytest.mark.django_db
def test_cache_can_be_turned_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    clinic = ClinicFactory(description="Old words.")
    client.get(clinic.get_absolute_url())
    Clinic.objects.filter(pk=clinic.pk).update(description="New words.")
    assert "New words." in client.get(clinic.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_pages_are_rendered_when_redis_cannot_be_reached(client, settings, caplog):
    settings.PAGE_CACHE_SECONDS = 60
    # Nothing listens on port 1.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    clinic = ClinicFactory(name="Still Shown Clinic")
    with caplog.at_level(logging.WARNING, logger="config.site.page_cache"):
        response = client.get(clinic.get_absolute_url())
    assert response.status_code == 200
    assert "Still Shown Clinic" in response.content.decode()
    assert [record.getMessage().split(" (")[0] for record in caplog.records] == [
        "Page cache unavailable, rendering without it"
    ]


# --- One bump per transaction -------------------------------------------------------


@pytest.mark.django_db
def test_a_transaction_bumps_the_generation_once(page_cache_on, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        clinic = ClinicFactory()
        clinic.conditions.add(condition("ocd"), condition("ptsd"))
        ClinicFactory()
        ArticleFactory(topics=[TopicFactory()])
    assert bumps(callbacks) == 1


@pytest.mark.django_db
def test_a_rolled_back_savepoint_does_not_swallow_the_bump_of_a_later_write(
    page_cache_on, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        try:
            with transaction.atomic():
                ClinicFactory()
                raise RuntimeError("undo this clinic")
        except RuntimeError:
            pass
        ClinicFactory()
    assert bumps(callbacks) == 1


@pytest.mark.django_db
def test_writes_do_not_touch_the_cache_when_it_is_off(settings, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_SECONDS = 0
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ClinicFactory()
    assert bumps(callbacks) == 0
    assert cache.get(page_cache.GENERATION_KEY) is None


# --- The key: the parameters the view reads -----------------------------------------


@pytest.fixture
def directory():
    """Enough clinics and articles for a second page of results, so pages carry page links."""
    ocd = condition("ocd")
    clinics = [ClinicFactory(conditions=[ocd]) for _ in range(21)]
    reviewer = ReviewerFactory()
    topic = TopicFactory()
    articles = [
        article_services.article_seed_published(
            article=ArticleFactory(topics=[topic]),
            reviewer=reviewer,
            reviewed_on=timezone.localdate() - datetime.timedelta(days=7),
            publish_at=timezone.now() - datetime.timedelta(hours=1),
        )
        for _ in range(11)
    ]
    return {"clinic": clinics[0], "article": articles[0], "topic": topic}


def public_urls(directory) -> list[str]:
    return [
        "/?",
        "/clinics/?condition=ocd&near=95816&q=ketamine&page=1",
        "/clinics/?condition=ocd&condition=ptsd&accepting=on",
        directory["clinic"].get_absolute_url() + "?",
        "/conditions/ocd/?near=95816",
        f"/articles/?topic={directory['topic'].slug}",
        directory["article"].get_absolute_url() + "?",
    ]


@pytest.mark.django_db
def test_unknown_parameters_leave_every_public_page_unchanged(client, directory):
    """Rendered afresh (the cache is off): what the view makes ignores junk parameters,
    page links included, so a cached copy can be shared with the clean address."""
    for url in public_urls(directory):
        clean = client.get(url)
        assert clean.status_code == 200, url
        assert client.get(f"{url}&{JUNK}").content == clean.content, url


@pytest.mark.django_db
def test_parameter_order_and_empty_values_leave_the_search_unchanged(client, directory):
    clean = client.get("/clinics/?condition=ocd&condition=ptsd&near=95816")
    shuffled = client.get("/clinics/?near=95816&q=&condition=ptsd&radius=&condition=ocd")
    assert shuffled.content == clean.content


@pytest.mark.django_db
def test_junk_and_reordered_parameters_share_one_cache_entry(
    client, page_cache_on, django_assert_max_num_queries
):
    ClinicFactory(conditions=[condition("ocd")])
    client.get("/clinics/?condition=ocd&near=95816")
    with django_assert_max_num_queries(1):
        response = client.get(f"/clinics/?{JUNK}&near=95816&q=&condition=ocd")
    assert response.status_code == 200


@pytest.mark.django_db
def test_each_page_of_results_has_its_own_entry(client, page_cache_on, directory):
    first = client.get("/clinics/?condition=ocd")
    second = client.get("/clinics/?condition=ocd&page=2")
    assert 'rel="prev"' not in first.content.decode()
    assert 'rel="prev"' in second.content.decode()


def test_the_key_keeps_known_names_drops_empty_values_and_sorts():
    names = frozenset({"q", "condition", "page"})
    query = QueryDict("x=1&page=2&condition=ptsd&q=&condition=anxiety&condition=ptsd")
    assert page_cache.canonical_query(query, names) == "condition=anxiety&condition=ptsd&page=2"


# --- The database cache backend -----------------------------------------------------


@pytest.fixture
def db_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "config.site.db_cache.DatabaseCache",
            "LOCATION": "django_cache",
            "OPTIONS": {"MAX_ENTRIES": 20, "CULL_FREQUENCY": 2, "CULL_EVERY": 10},
        }
    }
    caches["default"].clear()
    yield caches["default"]
    caches["default"].clear()


def cache_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_cache")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_a_database_cache_write_is_one_statement_without_counting_the_table(db_cache):
    with CaptureQueriesContext(connection) as queries:
        db_cache.set("page:one", "first")
        db_cache.set("page:one", "second")
    assert len(queries) == 2
    assert not any("COUNT(" in query["sql"] for query in queries)
    assert db_cache.get("page:one") == "second"


@pytest.mark.django_db
def test_database_cache_add_keeps_a_live_entry_and_replaces_an_expired_one(db_cache):
    assert db_cache.add("key", "first", timeout=60)
    assert not db_cache.add("key", "second", timeout=60)
    assert db_cache.get("key") == "first"
    db_cache.set("old", "stale", timeout=-1)
    assert db_cache.add("old", "fresh", timeout=60)
    assert db_cache.get("old") == "fresh"


@pytest.mark.django_db
def test_database_cache_touch_extends_only_a_live_entry(db_cache):
    db_cache.set("key", "value", timeout=60)
    assert db_cache.touch("key", timeout=None)
    assert not db_cache.touch("missing")


@pytest.mark.django_db
def test_database_cache_culls_every_few_writes(db_cache):
    for number in range(60):
        db_cache.set(f"key-{number}", number, timeout=60)
    # MAX_ENTRIES 20, checked every 10th write: never more than 20 + 10 rows.
    assert cache_rows() <= 30
    assert db_cache.get("key-59") == 59


@pytest.mark.django_db
def test_database_cache_cull_removes_expired_entries_first(db_cache):
    for number in range(9):
        db_cache.set(f"old-{number}", number, timeout=-1)
    db_cache.set("live", "kept", timeout=60)  # the 10th write culls
    assert cache_rows() == 1
    assert db_cache.get("live") == "kept"
