"""Migration 0010: offerings of Spravato without REMS certification are hidden, not deleted.

Runs the real migration on a database taken back to the migration before it, then
forward again; serialized_rollback puts back the rows other tests expect.
"""

import pytest

from tests.clinics.migration_helpers import before, migrate, migrate_to_latest, old_clinic

MIGRATION = "0010_rems_listing"
BEFORE = before(MIGRATION)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def offerings_before_the_rule():
    """Three clinics as they were before the rule: two list Spravato, one uncertified."""
    old = migrate(BEFORE)
    Treatment = old.get_model("clinics", "Treatment")
    ClinicTreatment = old.get_model("clinics", "ClinicTreatment")
    spravato = Treatment.objects.get(slug="spravato")
    iv = Treatment.objects.get(slug="iv-infusion")
    made = {}
    for n, (slug, treatment, certified) in enumerate(
        [("uncertified", spravato, False), ("certified", spravato, True), ("iv-only", iv, False)]
    ):
        clinic = old_clinic(old, slug, n)
        made[slug] = ClinicTreatment.objects.create(
            clinic=clinic, treatment=treatment, rems_certified=certified, price_min=500
        ).pk
    yield made
    migrate_to_latest()


def test_migration_hides_uncertified_spravato_and_keeps_everything_else(
    offerings_before_the_rule,
):
    new = migrate([("clinics", MIGRATION)])
    ClinicTreatment = new.get_model("clinics", "ClinicTreatment")

    rows = {
        slug: ClinicTreatment.objects.values("is_listed", "hidden_reason", "price_min").get(pk=pk)
        for slug, pk in offerings_before_the_rule.items()
    }

    assert rows["uncertified"] == {
        "is_listed": False,
        "hidden_reason": "rems_not_recorded",
        "price_min": 500,
    }
    assert rows["certified"] == {"is_listed": True, "hidden_reason": "", "price_min": 500}
    assert rows["iv-only"] == {"is_listed": True, "hidden_reason": "", "price_min": 500}
    assert new.get_model("clinics", "Treatment").objects.get(slug="spravato").requires_rems
