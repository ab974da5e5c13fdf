"""Abbreviations are explained where they appear: <abbr title> plus visible plain words."""

import pytest
from django.template import Context, Template

from clinics.templatetags.glossary import explain_terms
from tests.factories import ClinicFactory, ClinicTreatmentFactory, treatment

IV = '<abbr title="intravenous">IV</abbr> <span class="term-gloss">(into a vein)</span>'


def test_explain_terms_marks_the_abbreviation_and_says_what_it_means():
    assert explain_terms("IV infusion") == f"{IV} infusion"


def test_explain_terms_explains_a_term_once_per_text():
    assert explain_terms("IV or IV") == f'{IV} or <abbr title="intravenous">IV</abbr>'


def test_explain_terms_adds_no_gloss_where_the_text_already_says_it():
    assert explain_terms("Ketamine-assisted psychotherapy (KAP)") == (
        'Ketamine-assisted psychotherapy (<abbr title="ketamine-assisted psychotherapy">KAP</abbr>)'
    )


def test_explain_terms_leaves_other_words_alone():
    assert explain_terms("IVY and images") == "IVY and images"


def test_explain_terms_escapes_the_text():
    assert explain_terms("<b>IM</b>") == (
        '&lt;b&gt;<abbr title="intramuscular">IM</abbr> '
        '<span class="term-gloss">(into a muscle)</span>&lt;/b&gt;'
    )


def test_term_tag_renders_the_abbreviation_and_its_meaning():
    html = Template('{% load glossary %}{% term "HSA/FSA" %}').render(Context())

    assert html == (
        '<abbr title="health savings account or flexible spending account">HSA/FSA</abbr> '
        '<span class="term-gloss">(health savings or flexible spending accounts)</span>'
    )


@pytest.mark.django_db
def test_clinic_page_explains_rems_hsa_fsa_and_treatment_abbreviations(client):
    clinic = ClinicFactory()
    ClinicTreatmentFactory(clinic=clinic, treatment=treatment("iv-infusion"))
    ClinicTreatmentFactory(clinic=clinic, treatment=treatment("im-injection"))
    ClinicTreatmentFactory(clinic=clinic, treatment=treatment("spravato"))

    html = client.get(clinic.get_absolute_url()).content.decode()

    assert IV in html
    assert '<abbr title="intramuscular">IM</abbr> <span class="term-gloss">(into a muscle)' in html
    assert '<abbr title="Risk Evaluation and Mitigation Strategy">REMS</abbr>' in html
    assert "(the FDA safety program that requires Spravato to be given and watched" in html
    assert "(health savings or flexible spending accounts)" in html


@pytest.mark.django_db
def test_search_filter_labels_and_help_explain_the_abbreviations(client):
    html = client.get("/clinics/").content.decode()

    assert IV in html
    assert '<abbr title="ketamine-assisted psychotherapy">KAP</abbr>' in html
    assert "the FDA safety program that requires Spravato to be given and watched" in html
