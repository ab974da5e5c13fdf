"""Settings for several app servers: the shared Redis cache and PgBouncer's transaction mode."""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
PRINT_SETTINGS = """
import json
from config import settings
database = settings.DATABASES["default"]
print(json.dumps({
    "cache": settings.CACHES["default"]["BACKEND"],
    "location": settings.CACHES["default"]["LOCATION"],
    "options": database["OPTIONS"].get("options"),
    "server_side_cursors_off": database.get("DISABLE_SERVER_SIDE_CURSORS", False),
}))
"""
OWN = ("CACHE_URL", "DJANGO_DB_TRANSACTION_POOLING", "DJANGO_ENV", "DJANGO_ALLOW_ASYNC_UNSAFE")


def settings_with(**env) -> dict:
    environment = {key: value for key, value in os.environ.items() if key not in OWN}
    environment.update(DATABASE_URL="postgres://app@db.internal:6432/directory", **env)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_cache_is_a_database_table_by_default():
    found = settings_with()
    assert found["cache"] == "config.site.db_cache.DatabaseCache"
    assert found["location"] == "django_cache"


def test_cache_url_moves_the_cache_to_redis():
    found = settings_with(CACHE_URL="redis://cache.internal:6379/0")
    assert found["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert found["location"] == "redis://cache.internal:6379/0"


def test_every_connection_sets_the_trigram_threshold_by_default():
    found = settings_with()
    assert found["options"] == "-c pg_trgm.word_similarity_threshold=0.5"
    assert not found["server_side_cursors_off"]


def test_transaction_pooling_sends_no_startup_options_and_no_server_side_cursors():
    found = settings_with(DJANGO_DB_TRANSACTION_POOLING="1")
    assert found["options"] is None
    assert found["server_side_cursors_off"]
