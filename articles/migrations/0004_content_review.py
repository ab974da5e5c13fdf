"""Medical reviews of condition and treatment pages, and the editorial groups' rights to them."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

from articles.roles import sync_workflow_groups


def grant_group_permissions(apps, schema_editor):
    sync_workflow_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_article_published_classification"),
        # Only needs the condition and treatment tables.
        ("clinics", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentReview",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("reviewed_on", models.DateField(blank=True, null=True)),
                ("next_review_due", models.DateField(blank=True, null=True)),
                (
                    "reviewed_text",
                    models.TextField(
                        blank=True, help_text="The page text as the reviewer approved it."
                    ),
                ),
                (
                    "reviewed_sources",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="The sources as the reviewer approved them.",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "condition",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="content_review",
                        to="clinics.condition",
                    ),
                ),
                (
                    "reviewer",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="content_reviews",
                        to="articles.reviewer",
                    ),
                ),
                (
                    "treatment",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="content_review",
                        to="clinics.treatment",
                    ),
                ),
            ],
            options={
                "verbose_name": "condition or treatment review",
                "ordering": ["condition__sort_order", "treatment__sort_order", "pk"],
            },
        ),
        migrations.CreateModel(
            name="ContentSource",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0)),
                (
                    "authors",
                    models.CharField(
                        blank=True, help_text="e.g. “Berman RM, et al.”", max_length=500
                    ),
                ),
                ("title", models.CharField(max_length=500)),
                (
                    "source",
                    models.CharField(blank=True, help_text="Journal or publisher.", max_length=300),
                ),
                ("year", models.PositiveSmallIntegerField(blank=True, null=True)),
                (
                    "doi",
                    models.CharField(
                        blank=True,
                        max_length=200,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^10\\.\\d{4,9}/\\S+$",
                                "Enter a DOI such as 10.1056/NEJMoa1234567 (without https://doi.org/).",
                            )
                        ],
                        verbose_name="DOI",
                    ),
                ),
                ("url", models.URLField(blank=True, max_length=500, verbose_name="URL")),
                (
                    "review",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sources",
                        to="articles.contentreview",
                    ),
                ),
            ],
            options={
                "verbose_name": "source",
                "ordering": ["order", "pk"],
                "abstract": False,
            },
        ),
        migrations.AddConstraint(
            model_name="contentreview",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("condition__isnull", False), ("treatment__isnull", True)),
                    models.Q(("condition__isnull", True), ("treatment__isnull", False)),
                    _connector="OR",
                ),
                name="content_review_one_page",
            ),
        ),
        migrations.AddConstraint(
            model_name="contentreview",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("reviewed_on__isnull", True), ("reviewer__isnull", True)),
                    models.Q(("reviewed_on__isnull", False), ("reviewer__isnull", False)),
                    _connector="OR",
                ),
                name="content_review_signed_with_date",
            ),
        ),
        migrations.AddConstraint(
            model_name="contentreview",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("next_review_due__isnull", True),
                    ("reviewed_on__isnull", True),
                    ("next_review_due__gt", models.F("reviewed_on")),
                    _connector="OR",
                ),
                name="content_review_next_after_review",
            ),
        ),
        migrations.RunPython(grant_group_permissions, migrations.RunPython.noop),
    ]
