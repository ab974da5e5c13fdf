import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clinics.management.pg_tools import libpq_args, libpq_env, pg_binary


class Command(BaseCommand):
    help = "Restore a backup made by backup_db, replacing the current data. Stop the site first."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, path: Path, yes: bool, **options):
        if not path.exists():
            raise CommandError(f"No such backup file: {path}")
        if not yes and input("This replaces all data in the database. Type 'yes': ") != "yes":
            raise CommandError("Restore cancelled.")
        command = [
            pg_binary("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *libpq_args(dbname_flag=True),
            str(path),
        ]
        result = subprocess.run(command, check=False, env=libpq_env())  # noqa: S603
        if result.returncode != 0:
            raise CommandError("pg_restore failed; see the message above.")
        self.stdout.write(self.style.SUCCESS(f"Restored {path}"))
