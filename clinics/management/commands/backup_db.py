import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clinics.management.pg_tools import libpq_args, libpq_env, pg_binary


class Command(BaseCommand):
    help = "Write a pg_dump (custom format) of the site's database to PATH."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        path.parent.mkdir(parents=True, exist_ok=True)
        command = [pg_binary("pg_dump"), "--format=custom", "--no-owner", f"--file={path}"]
        result = subprocess.run([*command, *libpq_args()], check=False, env=libpq_env())  # noqa: S603
        if result.returncode != 0:
            raise CommandError("pg_dump failed; see the message above.")
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path}"))
