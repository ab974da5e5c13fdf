"""Public treatment pages (/treatments/<slug>/): plain, sourced safety information, the FDA's
compounded-ketamine warning where it applies, and links to and from clinic pages."""

import re

import pytest
import textstat
from django.template.loader import render_to_string
from django.utils.html import strip_tags

from clinics import reference_data
from clinics.models import Treatment
from tests.factories import ClinicFactory, ClinicTreatmentFactory, treatment

pytestmark = pytest.mark.django_db

MAX_GRADE = 8
TEXT_FIELDS = ("description", "what_to_expect", "safety_notes")
PAGES = reference_data.TREATMENT_PAGES
FDA_WARNING = "FDA warning about compounded and at-home ketamine"
MEDWATCH = (
    "https://www.fda.gov/safety/medwatch-fda-safety-information-and-adverse-event-reporting-program"
)


def page(client, slug: str) -> str:
    response = client.get(f"/treatments/{slug}/")
    assert response.status_code == 200
    return response.content.decode()


# --- The texts ----------------------------------------------------------------------------


@pytest.mark.parametrize("slug", PAGES)
@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_treatment_text_reads_at_grade_8_or_below(slug, field):
    grade = textstat.flesch_kincaid_grade(PAGES[slug][field])
    assert grade <= MAX_GRADE, f"{slug}.{field} reads at grade {grade:.1f}"


@pytest.mark.parametrize("slug", PAGES)
def test_treatment_texts_name_secure_sources(slug):
    sources = PAGES[slug]["sources"]
    assert sources
    assert all(source["url"].startswith("https://") and source["title"] for source in sources)


def test_migrated_database_holds_the_reference_texts():
    """Migrations 0010 and 0012 wrote what clinics.reference_data says, field by field."""
    stored = {
        row["slug"]: row
        for row in Treatment.objects.values(
            "slug", *TEXT_FIELDS, "sources", "requires_rems", "fda_compounding_warning"
        )
    }
    for slug, texts in PAGES.items():
        assert {key: stored[slug][key] for key in texts} == texts, slug


@pytest.mark.parametrize(
    "include", ["clinics/includes/fda_ketamine_warning.html", "includes/get_help_box.html"]
)
def test_safety_boxes_read_at_grade_8_or_below(include):
    html = render_to_string(include)
    # The warning's title is quoted as the FDA wrote it; the grade is for our own words.
    html = re.sub(r'<p class="source">.*?</p>', "", html, flags=re.S)
    text = " ".join(
        line.strip() if line.strip()[-1:] in ".:!?" else f"{line.strip()}."
        for line in strip_tags(html).splitlines()
        if line.strip()
    )
    assert textstat.flesch_kincaid_grade(text) <= MAX_GRADE


@pytest.mark.parametrize("slug", ["oral-sublingual", "telehealth"])
def test_oral_and_telehealth_descriptions_state_the_fda_warning(slug):
    description = treatment(slug).description
    assert "October 2023 the FDA warned" in description
    assert "bladder problems" in description
    assert "not FDA-approved to treat any mental health condition" in description
    assert treatment(slug).fda_compounding_warning


# --- The page -----------------------------------------------------------------------------


def test_page_shows_the_texts_help_box_reporting_and_sources(client):
    html = page(client, "iv-infusion")

    iv = treatment("iv-infusion")
    assert "What a session is like" in html
    assert iv.what_to_expect in html
    assert "Get help right away" in html
    assert 'href="tel:988"' in html and 'href="tel:911"' in html
    assert MEDWATCH in html and "1-800-FDA-1088" in html
    assert "https://doi.org/10.1056/NEJMoa2302399" in html


@pytest.mark.parametrize("slug", ["oral-sublingual", "telehealth"])
def test_oral_and_telehealth_pages_show_the_fda_warning_with_its_source(client, slug):
    html = page(client, slug)

    assert FDA_WARNING in html
    assert "bladder and urinary problems" in html
    assert "not FDA-approved to treat any mental health condition" in html
    assert "October 10, 2023" in html
    assert 'href="https://www.fda.gov/drugs/human-drug-compounding"' in html


def test_infusion_page_has_no_compounding_warning(client):
    assert FDA_WARNING not in page(client, "iv-infusion")


def test_spravato_page_explains_the_rems_rule(client):
    html = page(client, "spravato")

    assert '<abbr title="Risk Evaluation and Mitigation Strategy">REMS</abbr>' in html
    assert "requires Spravato to be given and watched at a certified clinic" in html
    assert "at least 2 hours" in html


def test_page_links_to_the_search_for_clinics_offering_it(client):
    ClinicTreatmentFactory(treatment=treatment("kap"))
    ClinicTreatmentFactory(treatment=treatment("kap"), clinic=ClinicFactory(status="closed"))

    html = page(client, "kap")

    assert "1 clinic in the directory lists" in html
    assert 'href="/clinics/?treatment=kap"' in html


def test_unknown_treatment_is_not_found(client):
    assert client.get("/treatments/no-such-thing/").status_code == 404


def test_page_queries_are_fixed(client, django_assert_num_queries):
    for _ in range(3):
        ClinicTreatmentFactory(treatment=treatment("kap"))
    # The treatment, the count of clinics offering it, and its medical review notice.
    with django_assert_num_queries(3):
        client.get("/treatments/kap/")


def test_sitemap_lists_every_treatment_page(client):
    sitemap = client.get("/sitemap.xml").content.decode()

    for slug in PAGES:
        assert f"/treatments/{slug}/</loc>" in sitemap


# --- Links and warnings on clinic pages and search cards ----------------------------------


def test_clinic_page_links_each_treatment_to_its_page(client):
    offer = ClinicTreatmentFactory(treatment=treatment("kap"))

    html = client.get(offer.clinic.get_absolute_url()).content.decode()

    assert 'href="/treatments/kap/"' in html


def test_clinic_page_offering_oral_ketamine_shows_the_fda_warning(client):
    offer = ClinicTreatmentFactory(treatment=treatment("oral-sublingual"))

    html = client.get(offer.clinic.get_absolute_url()).content.decode()

    assert FDA_WARNING in html
    assert "https://www.fda.gov/drugs/human-drug-compounding" in html


def test_clinic_page_offering_only_infusions_has_no_fda_warning(client):
    offer = ClinicTreatmentFactory(treatment=treatment("iv-infusion"))

    assert FDA_WARNING not in client.get(offer.clinic.get_absolute_url()).content.decode()


def test_search_card_links_treatment_names_to_their_pages(client):
    ClinicTreatmentFactory(treatment=treatment("telehealth"))

    html = client.get("/clinics/").content.decode()

    assert 'href="/treatments/telehealth/">Telehealth consultations</a>' in html
