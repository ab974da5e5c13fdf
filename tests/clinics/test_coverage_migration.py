"""Migration 0016: each existing offering starts covered by its clinic's accepted plans.

Runs the real migration on a database taken back to the migration before it, then
forward again; serialized_rollback puts back the rows other tests expect.
"""

import pytest

from tests.clinics.migration_helpers import migrate, migrate_to_latest, old_clinic

BEFORE = [("clinics", "0015_hours_exceptions_closure_coverage")]
MIGRATION = [("clinics", "0016_offering_coverage_and_search_triggers")]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def offerings_before():
    """A clinic accepting Medi-Cal and Kaiser with two offerings, and one accepting none."""
    old = migrate(BEFORE)
    Treatment = old.get_model("clinics", "Treatment")
    InsurancePlan = old.get_model("clinics", "InsurancePlan")
    ClinicTreatment = old.get_model("clinics", "ClinicTreatment")
    made = {}
    for n, (slug, plans) in enumerate([("insured", ["medi-cal", "kaiser"]), ("self-pay", [])]):
        clinic = old_clinic(old, slug, n)
        clinic.insurance_plans.set(InsurancePlan.objects.filter(slug__in=plans))
        for treatment in ("iv-infusion", "kap"):
            offering = ClinicTreatment.objects.create(
                clinic=clinic, treatment=Treatment.objects.get(slug=treatment)
            )
            made[(slug, treatment)] = offering.pk
    yield made
    migrate_to_latest()


def test_each_offering_is_covered_by_its_clinics_plans(offerings_before):
    new = migrate(MIGRATION)
    ClinicTreatment = new.get_model("clinics", "ClinicTreatment")

    covered = {
        key: sorted(
            ClinicTreatment.objects.get(pk=pk).insurance_plans.values_list("slug", flat=True)
        )
        for key, pk in offerings_before.items()
    }

    assert covered == {
        ("insured", "iv-infusion"): ["kaiser", "medi-cal"],
        ("insured", "kap"): ["kaiser", "medi-cal"],
        ("self-pay", "iv-infusion"): [],
        ("self-pay", "kap"): [],
    }
