"""The embedded PostgreSQL starts from nothing, keeps its data, and can be re-attached."""

import psycopg
import pytest

from config import embedded_db


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
