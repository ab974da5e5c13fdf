"""Compile locale/es/LC_MESSAGES/django.po into the django.mo Django reads, without GNU gettext."""

from django.core.management.base import BaseCommand

from config.site import translations


class Command(BaseCommand):
    help = "Compile the Spanish .po into its .mo with polib (commit both files)."

    def handle(self, *args, **options):
        path = translations.compile_catalogue()
        self.stdout.write(f"Wrote {path}.")
