"""Remind clinic staff of listings nobody has checked for a year. Meant for a daily cron."""

from django.core.management.base import BaseCommand

from clinics import services


class Command(BaseCommand):
    help = (
        "Email each clinic's staff when its listing has been neither verified by the "
        "directory nor confirmed by the clinic for 12 months. A clinic is reminded at most "
        f"once every {services.STALE_REMINDER_INTERVAL.days} days; running it again the same "
        "day sends nothing twice."
    )

    def handle(self, *args, **options):
        reminded = services.stale_listing_reminders_send()
        self.stdout.write(f"Reminded the staff of {reminded} clinic(s).")
