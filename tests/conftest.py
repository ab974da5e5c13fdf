import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing with the production hasher makes every sign-in slow; tests need not pay it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Tests see freshly rendered pages; tests/site/test_page_cache.py turns the cache on."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _no_hsds_rate_limit(settings):
    """Tests may call the open data API freely; the tests of the limit set one."""
    settings.HSDS_RATE_LIMIT = 0


@pytest.fixture
def page_cache_on(settings):
    """The page cache on for one test, empty before and after it."""
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, django_db_keepdb):
    """With --reuse-db, leave the test database holding the migrations' rows.

    A transactional test ends by emptying every table, and the next --reuse-db run
    would take that empty database as the state serialized_rollback restores (no
    reference data, no role groups). So a kept database gets its snapshot back.
    """
    yield
    if not django_db_keepdb:
        return
    from django.core.management import call_command
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            snapshot = getattr(connection, "_test_serialized_contents", None)
            if snapshot is None:
                continue
            call_command(
                "flush",
                database=connection.alias,
                interactive=False,
                inhibit_post_migrate=True,
                verbosity=0,
            )
            connection.creation.deserialize_db_from_string(snapshot)
            # The rows came back with their ids; move each id sequence past them, or the
            # next run's first insert would collide with a restored row.
            from django.apps import apps
            from django.core.management.color import no_style

            models = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed]
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)
