import os
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from config.site.pg_tools import ConnectionSettingsError, cache_tables, libpq_connection, pg_binary

# A dump holds every account's password hash and the sign-in log: owner only.
OWNER_ONLY = 0o077


def _exact_name(table: str) -> str:
    """A pg_dump pattern that matches this one table name literally."""
    return '"{}"'.format(table.replace('"', '""'))


def dump_command(path: Path, conninfo: str) -> list[str]:
    return [
        pg_binary("pg_dump", connection.pg_version),
        "--format=custom",
        "--no-owner",
        f"--file={path}",
        # The cached pages are rebuilt on demand; restoring old ones would only serve stale pages.
        *(f"--exclude-table-data={_exact_name(table)}" for table in cache_tables()),
        f"--dbname={conninfo}",
    ]


class Command(BaseCommand):
    help = "Write a pg_dump (custom format) of the site's database to PATH, readable by you only."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        try:
            conninfo, env = libpq_connection()
        except ConnectionSettingsError as exc:
            raise CommandError(str(exc)) from exc
        if not path.parent.exists():
            path.parent.mkdir(mode=0o700, parents=True)
        # Written under a temporary name created 0600, and renamed when complete, so the
        # path never holds a half-written or world-readable dump.
        partial = path.with_name(f".{path.name}.partial")
        partial.unlink(missing_ok=True)
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        try:
            result = subprocess.run(  # noqa: S603
                dump_command(partial, conninfo), check=False, env=env, umask=OWNER_ONLY
            )
            if result.returncode != 0:
                raise CommandError("pg_dump failed; see the message above.")
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path}"))
