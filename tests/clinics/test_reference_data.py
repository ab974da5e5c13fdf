"""clinics.reference_data: the live copy of the lists migration 0002 loaded."""

import pytest

from clinics import reference_data
from clinics.models import Condition, InsurancePlan, Treatment

pytestmark = pytest.mark.django_db


def snapshot() -> tuple[list, list, list]:
    return (
        list(Condition.objects.order_by("sort_order").values_list("slug", "name", "summary")),
        list(Treatment.objects.order_by("sort_order").values_list("slug", "name", "description")),
        list(InsurancePlan.objects.order_by("sort_order").values_list("slug", "name")),
    )


def expected() -> tuple[list, list, list]:
    return (
        reference_data.CONDITIONS,
        reference_data.TREATMENTS,
        reference_data.INSURANCE_PLANS,
    )


def test_lists_match_what_the_migration_loaded():
    """The migrated test database holds exactly these lists, in this order."""
    assert snapshot() == expected()


def test_loading_refills_emptied_tables():
    Condition.objects.all().delete()
    Treatment.objects.all().delete()
    InsurancePlan.objects.all().delete()

    reference_data.load_reference_data()

    assert snapshot() == expected()


def every_column() -> tuple[list, list, list]:
    return tuple(
        list(model.objects.order_by("pk").values_list())
        for model in (Condition, Treatment, InsurancePlan)
    )


def test_loading_again_changes_no_row():
    before = every_column()
    reference_data.load_reference_data()
    assert every_column() == before
