"""Old clinic addresses get a table of their own, filled from the clinic history.

Until now the clinic page found a renamed clinic by searching its history rows, so
pruning history would have broken old links. The fill gives every old slug the
answer that search gave: the clinic that had the slug last, if it still exists and
no clinic uses the slug today.
"""

import django.db.models.deletion
from django.db import migrations, models


def fill_from_history(apps, schema_editor):
    Clinic = apps.get_model("clinics", "Clinic")
    HistoricalClinic = apps.get_model("clinics", "HistoricalClinic")
    ClinicSlugRedirect = apps.get_model("clinics", "ClinicSlugRedirect")
    current_slugs = dict(Clinic.objects.values_list("pk", "slug"))
    in_use = set(current_slugs.values())
    last_holder = {}
    rows = HistoricalClinic.objects.order_by("history_date", "history_id").values_list("slug", "id")
    for slug, clinic_id in rows.iterator(chunk_size=5000):
        last_holder[slug] = clinic_id
    ClinicSlugRedirect.objects.bulk_create(
        (
            ClinicSlugRedirect(old_slug=slug, clinic_id=clinic_id)
            for slug, clinic_id in last_holder.items()
            if slug not in in_use and clinic_id in current_slugs
        ),
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("clinics", "0005_cache_table"),
    ]

    operations = [
        migrations.CreateModel(
            name="ClinicSlugRedirect",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("old_slug", models.SlugField(max_length=200, unique=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "clinic",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="slug_redirects",
                        to="clinics.clinic",
                    ),
                ),
            ],
            options={
                "verbose_name": "old clinic address",
                "verbose_name_plural": "old clinic addresses",
                "ordering": ["old_slug"],
            },
        ),
        migrations.RunPython(fill_from_history, migrations.RunPython.noop),
    ]
