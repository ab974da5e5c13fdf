"""Condition summaries and treatment descriptions read at a US 8th-grade level or below.

They are the first words a patient reads about a condition or a treatment, so they are
held to the same Flesch-Kincaid grade as the demo articles. They are checked in
clinics.reference_data, which tests/clinics/test_reference_data.py holds equal to what
the migrations loaded.
"""

import pytest
import textstat

from clinics import reference_data

MAX_GRADE = 8


def by_slug(items):
    return pytest.mark.parametrize(
        "text", [text for _, _, text in items], ids=[s for s, _, _ in items]
    )


@by_slug(reference_data.CONDITIONS)
def test_condition_summary_reads_at_grade_8_or_below(text):
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= MAX_GRADE, f"reads at grade {grade:.1f}: {text}"


@by_slug(reference_data.TREATMENTS)
def test_treatment_description_reads_at_grade_8_or_below(text):
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= MAX_GRADE, f"reads at grade {grade:.1f}: {text}"


def test_suicidal_thoughts_summary_claims_no_more_than_the_evidence():
    """Studies saw suicidal thoughts ease for days after one infusion; none showed that
    ketamine prevents suicide, so the summary must not say it "reduces" them for good."""
    summary = {slug: text for slug, _, text in reference_data.CONDITIONS}["suicidal-ideation"]
    assert "within hours" not in summary
    assert "No study has shown that ketamine prevents suicide." in summary
    assert "988" in summary
