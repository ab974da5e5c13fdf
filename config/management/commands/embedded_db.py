from django.core.management.base import BaseCommand, CommandError

from config.site import embedded_db


class Command(BaseCommand):
    help = (
        "Start, stop or show the embedded PostgreSQL server in var/pgdata "
        "(used when DATABASE_URL is unset)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["start", "stop", "status", "url"])
        parser.add_argument(
            "--database", default=embedded_db.DEFAULT_DATABASE, help="Database name for `url`."
        )

    def handle(self, *args, action, database, **options):
        if action == "start":
            embedded_db.ensure_running()
            self.stdout.write(f"Embedded PostgreSQL running; data in {embedded_db.pgdata_path()}")
        elif action == "stop":
            stopped = embedded_db.stop()
            self.stdout.write("Embedded PostgreSQL stopped." if stopped else "It was not running.")
        elif action == "status":
            running = embedded_db.is_running()
            self.stdout.write("running" if running else "stopped")
            if not running:
                raise CommandError("Embedded PostgreSQL is not running.", returncode=3)
        else:
            self.stdout.write(embedded_db.uri(database=database))
