"""The embedded PostgreSQL starts from nothing, keeps its data, and can be re-attached.

A test run stops the server afterwards only if that run started it.
"""

import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from config.site import embedded_db
from tests.site.test_settings import run_manage

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def pgdata(tmp_path):
    path = tmp_path / "pgdata"
    yield path
    embedded_db.stop(path)


def connect(config: dict) -> psycopg.Connection:
    return psycopg.connect(
        host=config["HOST"],
        port=config["PORT"],
        user="postgres",
        dbname=config["NAME"],
        autocommit=True,
    )


def test_embedded_server_starts_keeps_data_and_restarts(pgdata):
    config = embedded_db.ensure_running(pgdata, database="journey")
    with connect(config) as conn:
        conn.execute("CREATE TABLE note (body text)")
        conn.execute("INSERT INTO note VALUES ('kept')")
    assert embedded_db.stop(pgdata) is True
    assert embedded_db.is_running(pgdata) is False

    config = embedded_db.ensure_running(pgdata, database="journey")
    with connect(config) as conn:
        assert conn.execute("SELECT body FROM note").fetchone() == ("kept",)


def test_second_caller_attaches_to_the_running_server(pgdata):
    first = embedded_db.ensure_running(pgdata, database="journey")
    second = embedded_db.ensure_running(pgdata, database="journey")
    assert first == second
    with connect(second) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)


def test_embedded_server_ships_the_extensions_the_site_needs(pgdata):
    config = embedded_db.ensure_running(pgdata, database="journey")
    with connect(config) as conn:
        for extension in ("pg_trgm", "unaccent", "cube", "earthdistance"):
            conn.execute(f"CREATE EXTENSION IF NOT EXISTS {extension}")


def test_embedded_server_listens_on_no_tcp_port(pgdata):
    config = embedded_db.ensure_running(pgdata, database="journey")
    assert config["HOST"].startswith("/")


def start_in_another_process(pgdata) -> None:
    subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import sys, pathlib; from config.site import embedded_db; "
            "embedded_db.ensure_running(pathlib.Path(sys.argv[1]))",
            str(pgdata),
        ],
        cwd=BASE_DIR,
        check=True,
        timeout=120,
    )


def test_a_run_stops_the_server_it_started(pgdata):
    embedded_db.ensure_running(pgdata, database="journey")
    assert embedded_db.stop_if_started_here(pgdata, environ={}) is True
    assert embedded_db.is_running(pgdata) is False


def test_a_run_leaves_a_server_it_only_attached_to(pgdata):
    """Someone else's server (say, the one behind `make run`) keeps running."""
    start_in_another_process(pgdata)
    embedded_db.ensure_running(pgdata, database="journey")
    assert embedded_db.stop_if_started_here(pgdata, environ={}) is False
    assert embedded_db.is_running(pgdata) is True


def test_keep_embedded_db_keeps_the_server_a_run_started(pgdata):
    embedded_db.ensure_running(pgdata, database="journey")
    assert embedded_db.stop_if_started_here(pgdata, environ={"KEEP_EMBEDDED_DB": "1"}) is False
    assert embedded_db.is_running(pgdata) is True


def test_make_check_leaves_no_server_behind(pgdata):
    """`make check` and `make test` set EMBEDDED_DB_STOP_IF_STARTED=1 for every command."""
    result = run_manage(
        "check",
        env_overrides={"EMBEDDED_PGDATA": str(pgdata), "EMBEDDED_DB_STOP_IF_STARTED": "1"},
        remove=("DATABASE_URL", "KEEP_EMBEDDED_DB"),
    )
    assert result.returncode == 0, result.stderr
    assert embedded_db.is_running(pgdata) is False
