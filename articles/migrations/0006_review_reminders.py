"""What reminders of due medical reviews were mailed (manage.py send_review_reminders)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_article_version"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReviewReminder",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("due_on", models.DateField(help_text="The review date the reminder was about.")),
                ("sent_on", models.DateField()),
                ("sent_to", models.TextField(help_text="The addresses it went to, one per line.")),
                (
                    "article",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="review_reminders",
                        to="articles.article",
                    ),
                ),
                (
                    "content_review",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="review_reminders",
                        to="articles.contentreview",
                    ),
                ),
            ],
            options={
                "ordering": ["-sent_on"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("article__isnull", False), ("content_review__isnull", True)),
                            models.Q(("article__isnull", True), ("content_review__isnull", False)),
                            _connector="OR",
                        ),
                        name="review_reminder_one_item",
                    ),
                    models.UniqueConstraint(
                        fields=("article", "sent_on"), name="review_reminder_article_once_a_day"
                    ),
                    models.UniqueConstraint(
                        fields=("content_review", "sent_on"), name="review_reminder_page_once_a_day"
                    ),
                ],
            },
        ),
    ]
