"""Load organizations, locations and services from HSDS 3.0 data as draft clinics.

    python manage.py import_hsds export.ndjson --dry-run
    python manage.py import_hsds path/to/datapackage/

See clinics/hsds/packages.py for the files it reads, and clinics/hsds/importer.py for
what it takes from them and how records are matched.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clinics.hsds.importer import hsds_package_import
from clinics.hsds.packages import PackageError, read_package


class Command(BaseCommand):
    help = (
        "Import an HSDS 3.0 package (JSON, ndjson, or a tabular data package's "
        "datapackage.json or folder) as draft clinics for a directory admin to review."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="A .json/.ndjson file or a data package.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be created, updated and skipped; write nothing.",
        )

    def handle(self, *args, path: Path, dry_run: bool, **options):
        try:
            organizations = read_package(path)
        except PackageError as error:
            raise CommandError(str(error)) from None
        report = hsds_package_import(organizations=organizations, dry_run=dry_run)
        for outcome in report.outcomes:
            why = f": {'; '.join(outcome.reasons)}" if outcome.reasons else ""
            self.stdout.write(f"{outcome.action:8} {outcome.name} ({outcome.record}){why}")
        for record, messages in report.errors.items():
            for message in messages:
                self.stderr.write(f"error    {record}: {message}")
        summary = (
            f"{report.count('created')} created, {report.count('updated')} updated, "
            f"{report.count('skipped')} skipped, {len(report.errors)} with errors"
        )
        if report.errors:
            raise CommandError(f"Nothing was imported: fix the errors above. ({summary})")
        if dry_run:
            self.stdout.write(f"Dry run, nothing written: {summary}.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported as drafts: {summary}."))
