"""Bring locale/es/LC_MESSAGES/django.po in step with the sources, without GNU gettext."""

from django.core.management.base import BaseCommand

from config.site import translations


class Command(BaseCommand):
    help = (
        "Rewrite the Spanish .po to hold exactly the translatable strings of the templates "
        "and Python code, keeping existing translations (new strings are left empty)."
    )

    def handle(self, *args, **options):
        counts = translations.update_catalogue()
        path = translations.catalogue_path()
        self.stdout.write(
            f"{path}: {counts['kept']} kept, {counts['added']} new (to translate), "
            f"{counts['dropped']} dropped."
        )
        untranslated = [p for p in translations.problems() if p.startswith("untranslated")]
        if untranslated:
            self.stdout.write(f"{len(untranslated)} string(s) still need a Spanish translation.")
