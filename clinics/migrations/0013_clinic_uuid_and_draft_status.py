"""Open data: a stable identifier for every clinic, and the "draft" status of imports.

The identifier is added empty, given a random UUID per clinic in SQL (one value per
row: a callable default in AddField would give every row the same one), then made
required and unique. History rows take their clinic's identifier; rows of clinics
deleted since get one per clinic, so a clinic's history stays one identity.
"""

import uuid

from django.db import migrations, models

STATUS_CHOICES = [
    ("listed", "Listed"),
    ("temporarily_closed", "Temporarily closed"),
    ("closed", "Closed"),
    ("draft", "Draft (imported, awaiting review)"),
]

FILL_IDENTIFIERS = """
UPDATE clinics_clinic SET uuid = gen_random_uuid();
UPDATE clinics_historicalclinic AS h SET uuid = c.uuid FROM clinics_clinic AS c WHERE h.id = c.id;
UPDATE clinics_historicalclinic AS h SET uuid = gone.uuid
  FROM (
    SELECT id, gen_random_uuid() AS uuid
    FROM (SELECT DISTINCT id FROM clinics_historicalclinic WHERE uuid IS NULL) AS ids
  ) AS gone
  WHERE h.id = gone.id AND h.uuid IS NULL;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("clinics", "0012_treatment_pages"),
    ]

    operations = [
        migrations.AddField(
            model_name="clinic",
            name="uuid",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name="historicalclinic",
            name="uuid",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunSQL(FILL_IDENTIFIERS, reverse_sql=migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="clinic",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                unique=True,
                verbose_name="open data identifier",
            ),
        ),
        migrations.AlterField(
            model_name="historicalclinic",
            name="uuid",
            field=models.UUIDField(
                db_index=True,
                default=uuid.uuid4,
                editable=False,
                verbose_name="open data identifier",
            ),
        ),
        migrations.RemoveConstraint(model_name="clinic", name="clinic_status_valid"),
        migrations.AlterField(
            model_name="clinic",
            name="status",
            field=models.CharField(choices=STATUS_CHOICES, default="listed", max_length=20),
        ),
        migrations.AlterField(
            model_name="historicalclinic",
            name="status",
            field=models.CharField(choices=STATUS_CHOICES, default="listed", max_length=20),
        ),
        migrations.AddConstraint(
            model_name="clinic",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status__in", ["listed", "temporarily_closed", "closed", "draft"])
                ),
                name="clinic_status_valid",
            ),
        ),
    ]
