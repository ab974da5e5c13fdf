"""Migration 0010: offerings of Spravato without REMS certification are hidden, not deleted.

Runs the real migration on a database taken back to the migration before it, then
forward again; serialized_rollback puts back the rows other tests expect.
"""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

MIGRATION = "0010_rems_listing"
BEFORE = [
    ("clinics", name)
    for app, name in importlib.import_module(
        f"clinics.migrations.{MIGRATION}"
    ).Migration.dependencies
    if app == "clinics"
]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def offerings_before_the_rule():
    """Three clinics as they were before the rule: two list Spravato, one uncertified."""
    old = migrate(BEFORE)
    Clinic = old.get_model("clinics", "Clinic")
    Treatment = old.get_model("clinics", "Treatment")
    ClinicTreatment = old.get_model("clinics", "ClinicTreatment")
    spravato = Treatment.objects.get(slug="spravato")
    iv = Treatment.objects.get(slug="iv-infusion")
    made = {}
    for n, (slug, treatment, certified) in enumerate(
        [("uncertified", spravato, False), ("certified", spravato, True), ("iv-only", iv, False)]
    ):
        clinic = Clinic.objects.create(
            name=slug,
            slug=slug,
            street_address="1 Main Street",
            city="Sacramento",
            zip_code="95816",
            phone=f"+1916555{n:04d}",
        )
        made[slug] = ClinicTreatment.objects.create(
            clinic=clinic, treatment=treatment, rems_certified=certified, price_min=500
        ).pk
    yield made
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


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
