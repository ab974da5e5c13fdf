import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from config.site.pg_tools import ConnectionSettingsError, libpq_connection, pg_binary


def restore_command(path: Path, conninfo: str) -> list[str]:
    return [
        pg_binary("pg_restore", connection.pg_version),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        f"--dbname={conninfo}",
        str(path),
    ]


class Command(BaseCommand):
    help = "Restore a backup made by backup_db, replacing the current data. Stop the site first."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, path: Path, yes: bool, **options):
        if not path.exists():
            raise CommandError(f"No such backup file: {path}")
        try:
            conninfo, env = libpq_connection()
        except ConnectionSettingsError as exc:
            raise CommandError(str(exc)) from exc
        if not yes and input("This replaces all data in the database. Type 'yes': ") != "yes":
            raise CommandError("Restore cancelled.")
        result = subprocess.run(restore_command(path, conninfo), check=False, env=env)  # noqa: S603
        if result.returncode != 0:
            raise CommandError("pg_restore failed; see the message above.")
        self.stdout.write(self.style.SUCCESS(f"Restored {path}"))
