"""Indexes for the public search (issue 3).

Trigram GIN indexes serve the typo-tolerant word matching on name and city
(`%>` / word_similarity); descriptions, which are long, use English full-text
search (stemmed, so "ketamin" still finds "ketamine"); the (latitude, longitude)
B-tree from 0001 serves the distance search's bounding box.

The search treats a word as matching when pg_trgm's word_similarity is at least
0.5 (the extension's default, 0.6, misses two-letter typos such as "sacremento").
The threshold is a setting, so it is stored as this database's default (new
connections pick it up) and set for the migrating session too. Without the
privilege to alter the database the migration still succeeds, with a notice,
and search is only a little less forgiving.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

SET_WORD_SIMILARITY_THRESHOLD = """
DO $$
BEGIN
    EXECUTE format(
        'ALTER DATABASE %I SET pg_trgm.word_similarity_threshold = 0.5', current_database()
    );
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'Could not set pg_trgm.word_similarity_threshold for the database.';
END
$$;
SET pg_trgm.word_similarity_threshold = 0.5;
"""

RESET_WORD_SIMILARITY_THRESHOLD = """
DO $$
BEGIN
    EXECUTE format(
        'ALTER DATABASE %I RESET pg_trgm.word_similarity_threshold', current_database()
    );
EXCEPTION WHEN insufficient_privilege THEN
    NULL;
END
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("clinics", "0002_extensions_and_reference_data")]

    operations = [
        migrations.RunSQL(SET_WORD_SIMILARITY_THRESHOLD, RESET_WORD_SIMILARITY_THRESHOLD),
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
