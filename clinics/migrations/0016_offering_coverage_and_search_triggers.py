"""Coverage per treatment starts from what the site said before, and search sees new tables.

Until now a clinic's insurance plans applied to everything it offers: a search for
Aetna and IV infusion found every clinic that accepts Aetna and offers IV infusion.
Each existing offering is therefore given its clinic's plans, so no listing says more
or less than it did; clinics then untick the plans that do not cover a treatment
(the demo data, clinics/demo.py, shows the usual pattern: Spravato covered, IV
infusion often self-pay only).

The search index (clinics/search_index.py) reads holiday and special hours, and will
read coverage, so writes to those tables bump its version like the others (0007).
"""

from django.db import migrations

COPY_CLINIC_PLANS = """
INSERT INTO clinics_clinictreatment_insurance_plans (clinictreatment_id, insuranceplan_id)
SELECT offering.id, accepted.insuranceplan_id
FROM clinics_clinictreatment offering
JOIN clinics_clinic_insurance_plans accepted ON accepted.clinic_id = offering.clinic_id
ON CONFLICT DO NOTHING;
"""

TABLES = ["clinics_hoursexception", "clinics_clinictreatment_insurance_plans"]

CREATE_TRIGGERS = "".join(
    f"CREATE TRIGGER {table}_search_version "
    f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
    "FOR EACH STATEMENT EXECUTE FUNCTION clinics_search_version_bump();\n"
    for table in TABLES
)
DROP_TRIGGERS = "".join(f"DROP TRIGGER {table}_search_version ON {table};\n" for table in TABLES)


class Migration(migrations.Migration):
    dependencies = [("clinics", "0015_hours_exceptions_closure_coverage")]

    operations = [
        migrations.RunSQL(COPY_CLINIC_PLANS, migrations.RunSQL.noop),
        migrations.RunSQL(CREATE_TRIGGERS, DROP_TRIGGERS),
    ]
