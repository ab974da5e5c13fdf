"""Load every app's fictional demo data.

The command names no app. An app with demo data gives its AppConfig a
``seed_demo()`` method that creates or updates its rows and returns
``(counts, accounts)``: ``counts`` maps a plural noun to how many rows exist
(``{"clinics": 26}``), ``accounts`` lists ``(role, username, password, note)``
for each demo account created just now. Apps are seeded in INSTALLED_APPS
order. An app may also define ``has_content()``; ``--if-empty`` does nothing
when any app says it already has content.
"""

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load the fictional demo data (clinics, demo accounts, articles). Idempotent: "
        "running it again updates the same rows. Refused in production mode."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the directory already has clinics (used by `make run`).",
        )

    def handle(self, *args, if_empty: bool, **options):
        if not settings.DEMO_MODE:
            raise CommandError("Demo data is never loaded in production mode.")
        seeders = [config for config in apps.get_app_configs() if hasattr(config, "seed_demo")]
        if if_empty and any(
            config.has_content() for config in seeders if hasattr(config, "has_content")
        ):
            self.stdout.write("Demo data already present; leaving it as it is.")
            return

        counts: dict[str, int] = {}
        accounts: list[tuple[str, str, str, str]] = []
        with transaction.atomic():
            for config in seeders:
                app_counts, app_accounts = config.seed_demo()
                counts.update(app_counts)
                accounts += app_accounts
        summary = ", ".join(f"{count} {noun}" for noun, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {summary} (all fictional)."))
        if accounts:
            self.stdout.write("")
            self.stdout.write("Demo accounts (passwords are shown only this once):")
            for role, username, password, note in accounts:
                self.stdout.write(f"  {role:<18} {username:<22} {password:<22}  {note}")
            self.stdout.write("")
