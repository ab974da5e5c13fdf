from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clinics.models import Clinic


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
        if if_empty and Clinic.objects.exists():
            self.stdout.write("Demo data already present; leaving it as it is.")
            return
        from articles.demo import seed_article_accounts, seed_articles
        from clinics.demo import seed_clinics
        from clinics.demo_accounts import seed_accounts

        with transaction.atomic():
            clinics = seed_clinics()
            accounts = seed_accounts() + seed_article_accounts()
            articles = seed_articles()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {clinics} clinics, {articles} articles (all fictional)."
            )
        )
        if accounts:
            self.stdout.write("")
            self.stdout.write("Demo accounts (passwords are shown only this once):")
            for role, username, password, note in accounts:
                self.stdout.write(f"  {role:<18} {username:<22} {password:<22}  {note}")
            self.stdout.write("")
