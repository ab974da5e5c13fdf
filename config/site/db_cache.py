"""Django's database cache, without counting the whole table on every write.

django.core.cache.backends.db.DatabaseCache runs ``SELECT COUNT(*)`` on the cache
table before every ``set()`` and ``add()``, to decide whether to cull, then a
``SELECT`` and an ``UPDATE`` or ``INSERT`` in a transaction of their own. The page
cache writes on every miss, and PostgreSQL counts by visiting every row, so every
write scans the whole table (about a millisecond at 20,000 pages, growing with the
table, and competing with the searches for the same cores).

Here a write is one upsert (``INSERT … ON CONFLICT``). Every ``CULL_EVERY``-th
write through a cache connection (Django opens one per thread) deletes the expired
rows (the ``expires`` column is indexed) and only then counts, culling by Django's
own rule (``MAX_ENTRIES``, ``CULL_FREQUENCY``) if the table is still too full. So
the table can run over ``MAX_ENTRIES`` by at most ``CULL_EVERY`` writes per thread.
"""

from __future__ import annotations

import base64
import itertools
import pickle
from datetime import UTC, datetime

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router
from django.utils.timezone import now as tz_now


class DatabaseCache(DjangoDatabaseCache):
    def __init__(self, table, params):
        super().__init__(table, params)
        self._cull_every = max(1, int(params.get("OPTIONS", {}).get("CULL_EVERY", 100)))
        self._writes = itertools.count(1)

    def _base_set(self, mode, key, value, timeout=DEFAULT_TIMEOUT):
        timeout = self.get_backend_timeout(timeout)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        now = tz_now().replace(microsecond=0)
        if timeout is None:
            expires = datetime.max.replace(tzinfo=UTC)
        else:
            expires = datetime.fromtimestamp(timeout, tz=UTC)
        expires = connection.ops.adapt_datetimefield_value(expires.replace(microsecond=0))

        with connection.cursor() as cursor:
            if mode == "touch":
                cursor.execute(
                    f"UPDATE {table} SET expires = %s WHERE cache_key = %s AND expires >= %s",  # noqa: S608 - the table name is ours
                    [expires, key, now],
                )
                return cursor.rowcount > 0
            if next(self._writes) % self._cull_every == 0:
                self._cull_now(db, cursor, table, now)
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            # `add` replaces only an entry that has expired, as in Django's backend.
            only_if_expired = f" WHERE {table}.expires < %s" if mode == "add" else ""
            cursor.execute(
                f"INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s) "  # noqa: S608 - the table name is ours
                "ON CONFLICT (cache_key) DO UPDATE "
                f"SET value = EXCLUDED.value, expires = EXCLUDED.expires{only_if_expired} "
                "RETURNING 1",
                [key, encoded, expires] + ([now] if mode == "add" else []),
            )
            return cursor.fetchone() is not None

    def _cull_now(self, db, cursor, table, now) -> None:
        cursor.execute(f"DELETE FROM {table} WHERE expires < %s", [now])  # noqa: S608 - our table
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - the table name is ours
        count = cursor.fetchone()[0]
        if count > self._max_entries:
            self._cull(db, cursor, now, count)
