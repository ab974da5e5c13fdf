"""backup_db and restore_db: every connection setting reaches pg_dump/pg_restore, passwords
never appear on their command line, dumps are private, and a real round trip works."""

import os
import stat
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import dj_database_url
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from psycopg.conninfo import conninfo_to_dict

from clinics.models import Clinic
from config.management.commands.backup_db import dump_command
from config.site.pg_tools import (
    ConnectionSettingsError,
    _candidates,
    _major_version,
    libpq_connection,
    pg_binary,
)
from tests.factories import ClinicFactory

BASE_DIR = Path(__file__).resolve().parent.parent.parent
committing = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def connection_for(url: str) -> tuple[dict, dict]:
    """(libpq parameters, environment) the tools get for this DATABASE_URL."""
    conninfo, env = libpq_connection(dj_database_url.parse(url))
    return conninfo_to_dict(conninfo), env


# --- Which settings reach the tools -------------------------------------------------------


def test_host_and_port_from_the_query_string_reach_the_tools():
    params, _ = connection_for("postgresql://site@/directory?host=/var/run/postgresql&port=5433")

    assert params == {
        "host": "/var/run/postgresql",
        "port": "5433",
        "dbname": "directory",
        "user": "site",
    }


def test_host_in_the_address_wins_over_the_query_string_as_for_django():
    params, _ = connection_for("postgresql://site@db.internal:6432/directory?host=/elsewhere")

    assert (params["host"], params["port"]) == ("db.internal", "6432")


def test_ssl_settings_reach_the_tools():
    params, _ = connection_for(
        "postgresql://site@db.internal/directory?sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem"
    )

    assert params["sslmode"] == "verify-full"
    assert params["sslrootcert"] == "/etc/ssl/ca.pem"


def test_password_travels_in_the_environment_never_on_the_command_line():
    settings_dict = dj_database_url.parse("postgresql://site:p%40ss-w0rd@db.internal/directory")

    conninfo, env = libpq_connection(settings_dict)

    assert env["PGPASSWORD"] == "p@ss-w0rd"
    assert "p@ss-w0rd" not in conninfo
    assert "password" not in conninfo_to_dict(conninfo)


def test_settings_only_django_understands_are_left_out():
    settings_dict = dj_database_url.parse("postgresql://site@db.internal/directory")
    settings_dict["OPTIONS"] = {
        "isolation_level": 2,
        "server_side_binding": True,
        "connect_timeout": 5,
        "options": "-c pg_trgm.word_similarity_threshold=0.5",
    }

    params = conninfo_to_dict(libpq_connection(settings_dict)[0])

    assert "isolation_level" not in params and "server_side_binding" not in params
    assert params["connect_timeout"] == "5"
    assert params["options"] == "-c pg_trgm.word_similarity_threshold=0.5"


def test_a_client_key_passphrase_is_refused_rather_than_put_on_the_command_line():
    with pytest.raises(ConnectionSettingsError, match="sslpassword"):
        connection_for("postgresql://site@db.internal/directory?sslkey=/k.pem&sslpassword=x")


@pytest.mark.django_db
def test_dump_leaves_out_the_cache_table_rows():
    command = dump_command(Path("site.dump"), "dbname=directory")

    assert '--exclude-table-data="django_cache"' in command


def test_client_tools_of_the_servers_major_version_are_preferred():
    """A newer pg_restore sends settings an older server does not know."""
    majors = {_major_version(tool) for tool in _candidates("pg_restore")}

    for major in majors:
        assert _major_version(Path(pg_binary("pg_restore", major * 10000 + 1))) == major


# --- Against the test database ------------------------------------------------------------


def query_string_url() -> str:
    """The test database's URL with host and port as query parameters (as embedded_db prints)."""
    params = connection.settings_dict
    credentials = quote(params["USER"] or "", safe="")
    if params["PASSWORD"]:
        credentials += ":" + quote(params["PASSWORD"], safe="")
    host = quote(params["HOST"] or "localhost", safe="")
    return f"postgresql://{credentials}@/{params['NAME']}?host={host}&port={params['PORT'] or 5432}"


@committing
def test_backup_reaches_a_database_given_by_query_parameters_and_is_private(tmp_path):
    dump = tmp_path / "backups" / "site.dump"
    env = {**os.environ, "DATABASE_URL": query_string_url(), "DJANGO_ENV": "development"}

    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "backup_db", str(dump)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600
    assert stat.S_IMODE(dump.parent.stat().st_mode) == 0o700
    assert [path.name for path in dump.parent.iterdir()] == ["site.dump"]


@committing
def test_restore_brings_back_the_backed_up_rows(tmp_path):
    ClinicFactory(slug="backed-up-clinic")
    dump = tmp_path / "site.dump"
    call_command("backup_db", str(dump))
    Clinic.objects.filter(slug="backed-up-clinic").delete()
    ClinicFactory(slug="added-after-the-backup")

    call_command("restore_db", str(dump), "--yes")

    slugs = set(Clinic.objects.values_list("slug", flat=True))
    assert "backed-up-clinic" in slugs
    assert "added-after-the-backup" not in slugs


@committing
def test_restore_starts_with_an_empty_page_cache(tmp_path):
    cache.set("a-cached-page", "stale page", 600)
    dump = tmp_path / "site.dump"
    call_command("backup_db", str(dump))

    call_command("restore_db", str(dump), "--yes")

    assert cache.get("a-cached-page") is None
    cache.set("a-cached-page", "works", 600)
    assert cache.get("a-cached-page") == "works"
