"""Several app servers share one PostgreSQL and one Redis page cache (CACHE_URL).

Two real gunicorn servers run against the test database and the machine's Redis
(127.0.0.1:6379, database 5, flushed before and after); an edit made anywhere must
show on both at once.
"""

import pytest
import redis

from clinics.models import Clinic
from tests.factories import ClinicFactory
from tests.site.live_server import gunicorn

REDIS_URL = "redis://127.0.0.1:6379/5"
NO_REDIS_MESSAGE = (
    "NO REDIS REACHABLE at 127.0.0.1:6379: the two-server page cache test was SKIPPED. "
    "Start one with `redis-server --port 6379`."
)


@pytest.fixture
def shared_redis(settings):
    """This process uses the same Redis as the servers, so its saves reach them."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.flushdb()
    except redis.exceptions.RedisError:
        pytest.skip(NO_REDIS_MESSAGE)
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    settings.PAGE_CACHE_SECONDS = 60
    yield client
    client.flushdb()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_edit_shows_at_once_on_every_server(shared_redis, tmp_path):
    clinic = ClinicFactory(description="Walk-ins on Mondays.")
    page = clinic.get_absolute_url()
    shared = {"CACHE_URL": REDIS_URL, "DJANGO_PAGE_CACHE_SECONDS": "60"}
    with (
        gunicorn(tmp_path, name="a", **shared) as server_a,
        gunicorn(tmp_path, name="b", **shared) as server_b,
    ):
        for server in (server_a, server_b):
            assert "Walk-ins on Mondays." in server.get(page)[2]
        assert shared_redis.dbsize() >= 2  # the generation and the page

        # A write that sends no signal changes nothing: both serve the one shared copy.
        Clinic.objects.filter(pk=clinic.pk).update(description="Closed on Mondays.")
        for server in (server_a, server_b):
            assert "Walk-ins on Mondays." in server.get(page)[2]

        # A real save (as the admin or a service makes) reaches both servers at once.
        clinic.refresh_from_db()
        clinic.save()
        for server in (server_b, server_a):
            body = server.get(page)[2]
            assert "Closed on Mondays." in body
            assert "Walk-ins on Mondays." not in body
