"""A version number for the search index (clinics/search_index.py), bumped by triggers.

Each process keeps its own in-memory index of listed clinics and rebuilds it when
this number changes. Triggers see every write (the ORM, bulk inserts, `update()`,
raw SQL, TRUNCATE), inside the writer's transaction, so a reader never sees the new
number without the data. The value comes from a sequence, which never hands out a
number twice, so a rolled-back transaction's number can never come back and match
an index built while it was open.

A writing transaction holds the version row until it commits, so writes to these
tables queue behind each other; the directory's writes are short admin saves.
"""

from django.db import migrations

TABLES = [
    "clinics_clinic",
    "clinics_clinic_conditions",
    "clinics_clinic_insurance_plans",
    "clinics_clinictreatment",
    "clinics_openinghours",
    "clinics_condition",
    "clinics_treatment",
    "clinics_insuranceplan",
]

CREATE = """
CREATE SEQUENCE clinics_search_version_seq;
CREATE TABLE clinics_search_version (
    id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    value bigint NOT NULL
);
INSERT INTO clinics_search_version (value) VALUES (nextval('clinics_search_version_seq'));
CREATE FUNCTION clinics_search_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE clinics_search_version SET value = nextval('clinics_search_version_seq');
    RETURN NULL;
END
$$;
""" + "".join(  # noqa: S608 - the table names are the constants above
    f"CREATE TRIGGER {table}_search_version "
    f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
    "FOR EACH STATEMENT EXECUTE FUNCTION clinics_search_version_bump();\n"
    for table in TABLES
)

DROP = "".join(f"DROP TRIGGER {table}_search_version ON {table};\n" for table in TABLES) + (
    "DROP FUNCTION clinics_search_version_bump();\n"
    "DROP TABLE clinics_search_version;\n"
    "DROP SEQUENCE clinics_search_version_seq;\n"
)


class Migration(migrations.Migration):
    dependencies = [("clinics", "0006_clinic_slug_redirects")]

    operations = [migrations.RunSQL(CREATE, DROP)]
