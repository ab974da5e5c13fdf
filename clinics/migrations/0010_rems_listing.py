"""Spravato only at REMS-certified clinics, as a rule the database keeps.

Spravato (esketamine) may only be given in a setting certified under its REMS, the FDA
safety program. Treatments that need this say so (`Treatment.requires_rems`, set here
for Spravato), and a publicly listed offering of such a treatment must be certified.

Offerings that already broke the rule are hidden, not deleted (`is_listed` false, with
the reason), so the clinic's price and notes survive until its certification is
recorded; the admin warns about them.

Why a trigger: the rule joins two tables (the offering's `rems_certified` and
`is_listed`, the treatment's `requires_rems`), which a CHECK constraint cannot see. A
copy of `requires_rems` on every offering, kept true by a composite foreign key with
ON UPDATE CASCADE, would let a CHECK do it, but then every writer (the admin, the CSV
import, bulk inserts, factories) must carry the copy. The triggers keep the rule in one
place and see every write: the ORM, `update()`, bulk inserts and raw SQL.

Two writers racing (one lists an uncertified offering while another makes its
treatment require REMS) cannot both pass: the offering's check locks the treatment
row FOR SHARE, which the treatment's UPDATE must wait for, and each check then reads
the other's committed row.
"""

from django.db import migrations, models

REMS_TREATMENTS = ["spravato"]

CREATE_TRIGGERS = """
CREATE FUNCTION clinics_clinictreatment_rems_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    needs_rems boolean;
BEGIN
    IF NEW.is_listed AND NOT NEW.rems_certified THEN
        SELECT requires_rems INTO needs_rems FROM clinics_treatment
        WHERE id = NEW.treatment_id FOR SHARE;
        IF needs_rems THEN
            RAISE EXCEPTION USING
                ERRCODE = 'check_violation',
                CONSTRAINT = 'clinic_treatment_rems_certified',
                MESSAGE = 'A treatment that requires REMS certification can only be listed '
                    'by a REMS-certified clinic (clinic ' || NEW.clinic_id || ', treatment '
                    || NEW.treatment_id || ').';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER clinics_clinictreatment_rems_check
BEFORE INSERT OR UPDATE OF is_listed, rems_certified, treatment_id ON clinics_clinictreatment
FOR EACH ROW EXECUTE FUNCTION clinics_clinictreatment_rems_check();

CREATE FUNCTION clinics_treatment_rems_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.requires_rems AND EXISTS (
        SELECT 1 FROM clinics_clinictreatment
        WHERE treatment_id = NEW.id AND is_listed AND NOT rems_certified
    ) THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation',
            CONSTRAINT = 'clinic_treatment_rems_certified',
            MESSAGE = 'Clinics list this treatment without REMS certification; record their '
                'certification or remove the treatment from them first (treatment '
                || NEW.id || ').';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER clinics_treatment_rems_check
AFTER UPDATE OF requires_rems ON clinics_treatment
FOR EACH ROW EXECUTE FUNCTION clinics_treatment_rems_check();
"""

DROP_TRIGGERS = """
DROP TRIGGER clinics_treatment_rems_check ON clinics_treatment;
DROP FUNCTION clinics_treatment_rems_check();
DROP TRIGGER clinics_clinictreatment_rems_check ON clinics_clinictreatment;
DROP FUNCTION clinics_clinictreatment_rems_check();
"""


def hide_uncertified_offerings(apps, schema_editor):
    """Hide the offerings the rule refuses, then mark the treatments that need REMS."""
    ClinicTreatment = apps.get_model("clinics", "ClinicTreatment")
    Treatment = apps.get_model("clinics", "Treatment")
    ClinicTreatment.objects.filter(
        treatment__slug__in=REMS_TREATMENTS, rems_certified=False, is_listed=True
    ).update(is_listed=False, hidden_reason="rems_not_recorded")
    Treatment.objects.filter(slug__in=REMS_TREATMENTS).update(requires_rems=True)


class Migration(migrations.Migration):
    dependencies = [("clinics", "0009_plain_condition_summaries")]

    operations = [
        migrations.AddField(
            model_name="treatment",
            name="requires_rems",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Only clinics certified under this medicine's REMS (an FDA safety "
                    "program) may list it, as for Spravato. The database refuses a listed, "
                    "uncertified offering."
                ),
                verbose_name="requires REMS certification",
            ),
        ),
        migrations.AddField(
            model_name="clinictreatment",
            name="is_listed",
            field=models.BooleanField(
                default=True,
                editable=False,
                help_text="Hidden offerings are left out of every public page, search and price.",
                verbose_name="shown to the public",
            ),
        ),
        migrations.AddField(
            model_name="clinictreatment",
            name="hidden_reason",
            field=models.CharField(
                blank=True,
                choices=[("rems_not_recorded", "REMS certification not recorded")],
                editable=False,
                max_length=30,
            ),
        ),
        migrations.AddField(
            model_name="historicalclinictreatment",
            name="is_listed",
            field=models.BooleanField(
                default=True,
                editable=False,
                help_text="Hidden offerings are left out of every public page, search and price.",
                verbose_name="shown to the public",
            ),
        ),
        migrations.AddField(
            model_name="historicalclinictreatment",
            name="hidden_reason",
            field=models.CharField(
                blank=True,
                choices=[("rems_not_recorded", "REMS certification not recorded")],
                editable=False,
                max_length=30,
            ),
        ),
        migrations.AddConstraint(
            model_name="clinictreatment",
            constraint=models.CheckConstraint(
                condition=models.Q(is_listed=True, hidden_reason="")
                | (models.Q(is_listed=False) & ~models.Q(hidden_reason="")),
                name="clinic_treatment_hidden_has_reason",
            ),
        ),
        # Going back, the columns go: nothing to undo.
        migrations.RunPython(hide_uncertified_offerings, migrations.RunPython.noop),
        migrations.RunSQL(CREATE_TRIGGERS, DROP_TRIGGERS),
    ]
