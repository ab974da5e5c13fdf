"""Remind medical reviewers of reviews coming due. Meant for a daily cron; safe to rerun."""

from django.core.management.base import BaseCommand

from articles import services


class Command(BaseCommand):
    help = (
        "Email each medical reviewer about live articles and condition or treatment page "
        f"reviews due within {services.REVIEW_DUE_WITHIN.days} days. Running it again the "
        "same day sends nothing twice."
    )

    def handle(self, *args, **options):
        sent = services.review_reminders_send()
        self.stdout.write(f"Sent {sent} review reminder(s).")
