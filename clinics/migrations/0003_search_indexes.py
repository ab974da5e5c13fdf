"""Indexes for the public search (issue 3).

Trigram GIN indexes serve the typo-tolerant word matching on name and city
(`%>` / word_similarity); descriptions, which are long, use English full-text
search (stemmed, so "ketamin" still finds "ketamine"); the (latitude, longitude)
B-tree from 0001 serves the distance search's bounding box.

The typo threshold (pg_trgm.word_similarity_threshold = 0.5) is a per-connection
setting, passed by config/settings.py when each connection opens.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("clinics", "0002_extensions_and_reference_data")]

    operations = [
        migrations.AddIndex(
            model_name="clinic",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["name"], name="clinic_name_trgm", opclasses=["gin_trgm_ops"]
            ),
        ),
        migrations.AddIndex(
            model_name="clinic",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["city"], name="clinic_city_trgm", opclasses=["gin_trgm_ops"]
            ),
        ),
        migrations.AddIndex(
            model_name="clinic",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.search.SearchVector("description", config="english"),
                name="clinic_description_fts",
            ),
        ),
        migrations.AddIndex(
            model_name="clinic",
            index=models.Index(
                fields=["accepting_new_patients", "status"], name="clinic_accepting_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="clinic",
            index=models.Index(
                condition=models.Q(("status", "closed"), _negated=True),
                fields=["name", "id"],
                name="clinic_listed_name_idx",
            ),
        ),
    ]
