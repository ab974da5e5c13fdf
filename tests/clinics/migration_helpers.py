"""Run a real clinics migration against rows made in the schema before it.

Tests that use these need `@pytest.mark.django_db(transaction=True, serialized_rollback=True)`:
migrating back and forth commits, and serialized_rollback puts back the rows other tests expect.
"""

import importlib

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def before(migration: str) -> list[tuple[str, str]]:
    """The clinics migrations `migration` depends on: the state to take the database back to."""
    module = importlib.import_module(f"clinics.migrations.{migration}")
    return [("clinics", name) for app, name in module.Migration.dependencies if app == "clinics"]


def migrate(targets):
    """Migrate to `targets` and return the historical models of that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest() -> None:
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def old_clinic(apps, slug: str, n: int):
    """A clinic row in the historical schema `apps`, named by its slug; `n` keeps phones apart."""
    return apps.get_model("clinics", "Clinic").objects.create(
        name=slug,
        slug=slug,
        street_address="1 Main Street",
        city="Sacramento",
        zip_code="95816",
        phone=f"+1916555{n:04d}",
    )
