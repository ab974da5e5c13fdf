"""Insurance coverage per treatment, course prices, the consultation fee and the one price
a search card may state."""

import re

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from clinics.models import Clinic, ClinicTreatment, HeadlinePrice
from clinics.resources import ClinicResource, parse_coverage
from tests.clinics.admin_helpers import clinic_post_data
from tests.factories import (
    ClinicFactory,
    ClinicTreatmentFactory,
    clinic_staff_user,
    insurance,
    treatment,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinic():
    """Medi-Cal and Kaiser cover Spravato; IV infusion is self-pay only."""
    clinic = ClinicFactory(
        name="Coverage Clinic",
        slug="coverage-clinic",
        insurance_plans=[insurance("medi-cal"), insurance("kaiser")],
    )
    ClinicTreatmentFactory(clinic=clinic, treatment=treatment("iv-infusion"))
    spravato = ClinicTreatmentFactory(
        clinic=clinic, treatment=treatment("spravato"), price_min=None, price_max=None
    )
    spravato.insurance_plans.set([insurance("medi-cal"), insurance("kaiser")])
    return clinic


def coverage_rows(page: str) -> dict[str, str]:
    """The clinic page's coverage table as {treatment words: plans cell}."""
    table = re.search(r'<table class="coverage-table">(.*?)</table>', page, re.S).group(1)
    cells = re.findall(r'<th scope="row">(.*?)</th>\s*<td>(.*?)</td>', table, re.S)
    return {re.sub(r"<[^>]+>", "", name): plans for name, plans in cells}


def offering(clinic, slug) -> ClinicTreatment:
    return clinic.clinic_treatments.get(treatment__slug=slug)


# --- The clinic page ------------------------------------------------------------------


def test_clinic_page_lists_the_plans_covering_each_treatment(client, clinic):
    rows = coverage_rows(client.get(clinic.get_absolute_url()).content.decode())

    assert rows["Esketamine (Spravato) nasal spray"] == "Medi-Cal, Kaiser Permanente"


def test_clinic_page_says_self_pay_only_for_a_treatment_no_plan_covers(client, clinic):
    rows = coverage_rows(client.get(clinic.get_absolute_url()).content.decode())

    assert rows["IV (into a vein) infusion"] == "Self-pay only"


def test_a_treatment_without_plans_at_a_clinic_without_self_pay_says_ask(client, clinic):
    Clinic.objects.filter(pk=clinic.pk).update(self_pay=False)

    rows = coverage_rows(client.get(clinic.get_absolute_url()).content.decode())

    assert rows["IV (into a vein) infusion"] == "Ask the clinic"


def test_clinic_page_shows_the_course_price_and_consultation_fee(client, clinic):
    ClinicTreatment.objects.filter(pk=offering(clinic, "iv-infusion").pk).update(
        course_price=2400, course_sessions=6
    )
    Clinic.objects.filter(pk=clinic.pk).update(consult_fee=250)

    page = client.get(clinic.get_absolute_url()).content.decode()

    assert "<td>$2,400 for 6 sessions</td>" in page
    assert "<dt>Consultation fee</dt><dd>$250 " in page


# --- The admin --------------------------------------------------------------------------


def test_staff_tick_the_plans_covering_an_offering(client, clinic):
    client.force_login(clinic_staff_user(clinic))
    data = clinic_post_data(clinic)
    iv_row = next(
        key.rsplit("-", 1)[0]
        for key, value in data.items()
        if key.endswith("-treatment") and value == str(treatment("iv-infusion").pk)
    )
    data[f"{iv_row}-insurance_plans"] = [str(insurance("kaiser").pk)]

    response = client.post(f"/admin/clinics/clinic/{clinic.pk}/change/", data)

    assert response.status_code == 302
    assert list(offering(clinic, "iv-infusion").insurance_plans.all()) == [insurance("kaiser")]
    assert offering(clinic, "spravato").insurance_plans.count() == 2


def test_the_plan_checkboxes_of_an_offering_are_grouped_under_a_legend(client, clinic):
    client.force_login(clinic_staff_user(clinic))

    page = client.get(f"/admin/clinics/clinic/{clinic.pk}/change/").content.decode()

    assert '<legend class="visually-hidden">Insurance plans that cover this treatment' in page
    assert 'for="id_clinic_treatments-0-insurance_plans_0"' in page


# --- CSV ----------------------------------------------------------------------------------


def exported_row(clinic) -> dict:
    dataset = ClinicResource().export(queryset=Clinic.objects.filter(pk=clinic.pk))
    return dict(zip(dataset.headers, dataset[0], strict=True))


def import_row(row: dict, dry_run: bool = False):
    dataset = tablib.Dataset(list(row.values()), headers=list(row))
    return ClinicResource().import_data(dataset, dry_run=dry_run)


def row_errors(result) -> str:
    return " ".join(str(error) for row in result.invalid_rows for error in row.error_dict.values())


def test_export_writes_coverage_per_treatment(clinic):
    assert exported_row(clinic)["coverage"] == "iv-infusion:;spravato:kaiser|medi-cal"


def test_import_sets_the_plans_of_the_named_treatments(clinic):
    row = exported_row(clinic)
    row["coverage"] = "iv-infusion:kaiser"

    result = import_row(row)

    assert not result.has_errors()
    assert list(offering(clinic, "iv-infusion").insurance_plans.all()) == [insurance("kaiser")]


def test_import_leaves_treatments_it_does_not_name_alone(clinic):
    row = exported_row(clinic)
    row["coverage"] = "iv-infusion:kaiser"

    import_row(row)

    assert offering(clinic, "spravato").insurance_plans.count() == 2


def test_import_with_nothing_after_the_colon_makes_a_treatment_self_pay_only(clinic):
    row = exported_row(clinic)
    row["coverage"] = "spravato:"

    import_row(row)

    assert not offering(clinic, "spravato").insurance_plans.exists()


def test_import_refuses_coverage_for_a_treatment_the_clinic_does_not_offer(clinic):
    row = exported_row(clinic)
    row["coverage"] = "kap:kaiser"

    result = import_row(row, dry_run=True)

    assert "does not offer: kap" in row_errors(result)


def test_import_refuses_an_unknown_plan(clinic):
    row = exported_row(clinic)
    row["coverage"] = "spravato:acme-health"

    result = import_row(row, dry_run=True)

    assert "Unknown insurance plan slug(s) in coverage: acme-health" in row_errors(result)


def test_import_covers_a_treatment_added_in_the_same_row(clinic):
    row = exported_row(clinic)
    row["treatments"] = "iv-infusion|kap|spravato"
    row["coverage"] = "kap:medi-cal"

    result = import_row(row)

    assert not result.has_errors()
    assert list(offering(clinic, "kap").insurance_plans.all()) == [insurance("medi-cal")]


def test_reimporting_an_export_with_coverage_skips_the_row(clinic):
    result = import_row(exported_row(clinic))

    assert result.totals["skip"] == 1


def test_a_row_that_changes_only_coverage_is_not_skipped(clinic):
    row = exported_row(clinic)
    row["coverage"] = "iv-infusion:medi-cal"

    result = import_row(row)

    assert result.totals["update"] == 1


def test_coverage_that_is_not_treatment_colon_plans_is_explained():
    with pytest.raises(ValueError, match="treatment:plan|plan"):
        parse_coverage("spravato medi-cal")


# --- Course prices --------------------------------------------------------------------------


def test_a_course_price_without_its_number_of_sessions_is_refused_in_words(clinic):
    row = offering(clinic, "iv-infusion")
    row.course_price = 2400

    with pytest.raises(ValidationError, match="how many sessions"):
        row.full_clean()


def test_a_course_price_without_its_number_of_sessions_is_refused_by_the_database(clinic):
    with pytest.raises(IntegrityError), transaction.atomic():
        ClinicTreatment.objects.filter(clinic=clinic).update(course_price=2400)


# --- The honest card price ------------------------------------------------------------------


def headline(clinic, slug=None) -> HeadlinePrice | None:
    return Clinic.objects.with_detail_data().get(pk=clinic.pk).headline_price(slug)


def sql_headline(clinic, slugs=()) -> HeadlinePrice | None:
    data = Clinic.objects.with_headline_price(slugs).get(pk=clinic.pk).headline
    return None if data is None else HeadlinePrice(data["treatment_name"], data["price_min"])


def test_headline_price_is_the_main_treatments_price_per_session(clinic):
    assert str(headline(clinic)) == "IV infusion from $400 a session"


def test_headline_price_is_the_searched_treatments_even_without_a_price(clinic):
    assert headline(clinic, "spravato") == HeadlinePrice("Esketamine (Spravato) nasal spray", None)


def test_headline_price_skips_a_main_treatment_without_a_price():
    clinic = ClinicFactory()
    ClinicTreatmentFactory(
        clinic=clinic, treatment=treatment("spravato"), price_min=None, price_max=None
    )
    ClinicTreatmentFactory(clinic=clinic, treatment=treatment("kap"), price_min=300)

    assert headline(clinic).treatment_name == "Ketamine-assisted psychotherapy (KAP)"


def test_headline_price_is_never_a_cheaper_telehealth_visit_or_the_consult_fee():
    clinic = ClinicFactory(consult_fee=100)
    ClinicTreatmentFactory(clinic=clinic, treatment=treatment("telehealth"), price_min=75)
    ClinicTreatmentFactory(clinic=clinic, treatment=treatment("iv-infusion"), price_min=450)

    assert headline(clinic) == HeadlinePrice("IV infusion", 450)


def test_a_clinic_listing_no_treatment_has_no_headline_price():
    clinic = ClinicFactory()

    assert headline(clinic) is None
    assert sql_headline(clinic) is None


@pytest.mark.parametrize("slug", [None, "iv-infusion", "spravato", "kap"])
def test_the_sql_headline_price_follows_the_same_rule(clinic, slug):
    ClinicTreatmentFactory(clinic=clinic, treatment=treatment("telehealth"), price_min=75)

    assert sql_headline(clinic, [slug] if slug else []) == headline(clinic, slug)
