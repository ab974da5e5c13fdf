"""Insurance with a treatment in search means that plan covers that treatment there.

Without a treatment, `insurance` keeps its clinic-level meaning (the clinic accepts the
plan). With one or more treatments, a clinic matches when some chosen plan covers some
chosen treatment it lists (ClinicTreatment.insurance_plans); `self-pay` then means the
clinic takes self-pay and lists one of them. Facet counts follow the same rule.
"""

import pytest
from django.http import QueryDict

from clinics.filters import SELF_PAY, ClinicFilter
from clinics.models import ClinicTreatment
from clinics.search import facet_counts
from tests.factories import ClinicFactory, ClinicTreatmentFactory, insurance, treatment

pytestmark = pytest.mark.django_db


def offer(clinic, slug, plans=(), **kwargs):
    offering = ClinicTreatmentFactory(clinic=clinic, treatment=treatment(slug), **kwargs)
    offering.insurance_plans.set([insurance(plan) for plan in plans])
    return offering


@pytest.fixture
def clinics():
    """Three clinics that all accept Medi-Cal, and differ in what it covers."""
    spravato_covered = ClinicFactory(
        name="Spravato Covered", self_pay=False, insurance_plans=[insurance("medi-cal")]
    )
    offer(spravato_covered, "spravato", ["medi-cal"])
    offer(spravato_covered, "iv-infusion")  # self-pay only
    infusion_covered = ClinicFactory(
        name="Infusion Covered", self_pay=False, insurance_plans=[insurance("medi-cal")]
    )
    offer(infusion_covered, "iv-infusion", ["medi-cal"])
    self_pay = ClinicFactory(
        name="Self Pay Only", self_pay=True, insurance_plans=[insurance("medi-cal")]
    )
    offer(self_pay, "iv-infusion")
    return {"spravato": spravato_covered, "infusion": infusion_covered, "self_pay": self_pay}


def search(**params) -> ClinicFilter:
    data = QueryDict(mutable=True)
    for key, value in params.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    return ClinicFilter(data)


def names(found: ClinicFilter) -> list[str]:
    """The page's answer (the index) after checking the SQL definition agrees."""
    from_index = [clinic.name for clinic in found.results()[:100]]
    assert sorted(from_index) == sorted(found.qs.values_list("name", flat=True))
    return from_index


def test_plan_without_treatment_means_the_clinic_accepts_it(clinics):
    assert names(search(insurance="medi-cal")) == [
        "Infusion Covered",
        "Self Pay Only",
        "Spravato Covered",
    ]


def test_plan_with_treatment_needs_the_plan_to_cover_that_treatment(clinics):
    assert names(search(insurance="medi-cal", treatment="iv-infusion")) == ["Infusion Covered"]


def test_a_plan_covering_another_treatment_does_not_match(clinics):
    assert names(search(insurance="medi-cal", treatment="spravato")) == ["Spravato Covered"]


def test_any_chosen_plan_covering_any_chosen_treatment_matches(clinics):
    found = search(insurance=["medi-cal", "aetna"], treatment=["spravato", "iv-infusion"])
    assert names(found) == ["Infusion Covered", "Spravato Covered"]


def test_self_pay_with_treatment_means_self_pay_and_offers_it(clinics):
    assert names(search(insurance=SELF_PAY, treatment="iv-infusion")) == ["Self Pay Only"]
    assert names(search(insurance=SELF_PAY, treatment="spravato")) == []


def test_self_pay_or_a_plan_with_treatment(clinics):
    found = search(insurance=[SELF_PAY, "medi-cal"], treatment="iv-infusion")
    assert names(found) == ["Infusion Covered", "Self Pay Only"]


def test_coverage_of_a_hidden_offering_does_not_count(clinics):
    clinic = ClinicFactory(name="Hidden Spravato", insurance_plans=[insurance("aetna")])
    offer(
        clinic,
        "spravato",
        ["aetna"],
        rems_certified=False,
        is_listed=False,
        hidden_reason=ClinicTreatment.HiddenReason.REMS_NOT_RECORDED,
    )
    assert names(search(insurance="aetna", treatment="spravato")) == []


def test_insurance_counts_under_a_treatment_use_coverage(clinics):
    counts = facet_counts(search(treatment="iv-infusion"))["insurance"]
    assert counts["medi-cal"] == 1
    assert counts[SELF_PAY] == 1


def test_treatment_counts_under_a_plan_use_coverage(clinics):
    counts = facet_counts(search(insurance="medi-cal"))["treatment"]
    assert counts == {"spravato": 1, "iv-infusion": 1}


def test_treatment_counts_under_a_plan_and_a_treatment_are_what_ticking_gives(clinics):
    counts = facet_counts(search(insurance="medi-cal", treatment="spravato"))["treatment"]
    assert counts == {"spravato": 1, "iv-infusion": 1}


def test_card_names_only_the_plans_covering_the_chosen_treatment(clinics):
    clinics["infusion"].insurance_plans.add(insurance("aetna"))
    found = search(insurance=["medi-cal", "aetna"], treatment="iv-infusion")
    [card] = found.results()[:20]
    assert card.matching_plans == [insurance("medi-cal").name]
