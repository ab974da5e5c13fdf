"""Which search words express crisis (clinics.crisis), and what is left to search by."""

import pytest
from django.http import QueryDict

from clinics.crisis import (
    CRISIS_EXPRESSIONS,
    expresses_crisis,
    is_crisis_condition,
    normalise,
    search_without_crisis_words,
    without_crisis_expressions,
)

CRISIS_TEXTS = [
    # Suicide, misspelt and in context.
    "suicide",
    "Suicide",
    "SUICIDAL",
    "suicidal thoughts",
    "sucide",
    "suicdal",
    "suiside",
    "suicde",
    "suisidal",
    "suicidio",
    "suicida",
    "sewer slide",
    "unalive",
    # Killing oneself.
    "kill myself",
    "i want to kill myself",
    "kill my self",
    "killmyself",
    "kms",
    "KMS elk grove",
    # Wanting to die.
    "i want to die",
    "I WANT TO DIE",
    "i want to dieeee",
    "wanna die",
    "i just want 2 die",
    "wish i was dead",
    "better off dead",
    # Ending one's life.
    "end my life",
    "how to end it all",
    "take my own life",
    # No reason to live.
    "no reason to live",
    "nothing to live for",
    "don't want to live",
    "don’t want to live anymore",
    "i can't go on",
    # Self-harm.
    "self harm",
    "self-harm",
    "selfharm",
    "self injury",
    "cutting myself",
    "hurt myself",
    "i keep hurting myself",
    "overdose",
    "overdoze",
    # Crisis and emergency help.
    "crisis",
    "Crisis!!",
    "crisis line sacramento",
    "emergency",
    "emergencies",
    "911",
    "988",
    "suicide hotline",
    # Spanish, with and without accents.
    "quiero morir",
    "quiero morirme",
    "me quiero morir",
    "matarme",
    "me quiero matar",
    "no quiero vivir",
    "no quiero seguir viviendo",
    "hacerme daño",
    "hacerme dano",
    "quitarme la vida",
    "autolesión",
    "autolesion",
    "sobredosis",
    "crisis en español",
    "emergencia",
    "EMERGENCIA",
    "ayúdame",
    "no tengo razón para vivir",
    # Hidden among other words and punctuation.
    "ptsd... i want to die",
    "depression, suicidal, folsom",
    "ketamine for suicidal ideation",
]

ORDINARY_TEXTS = [
    "ketamine depression",
    "Elk Grove",
    "anxiety",
    "ptsd",
    "spravato",
    "iv infusion",
    "treatment resistant depression",
    "postpartum depression",
    "bipolar",
    "chronic pain",
    "medi-cal",
    "self-pay",
    "cutting edge care",
    "i want to diet",
    "emergence reactions",
    "overdue bill",
    "dietitian",
    "studied",
    "Folsom",
    "Davis",
    "ansiedad",
    "depresión",
    "esketamine nasal spray",
    "spanish speaking",
    "",
]


@pytest.mark.parametrize("text", CRISIS_TEXTS)
def test_expression_of_crisis_is_recognised(text):
    assert expresses_crisis(text)


@pytest.mark.parametrize("text", ORDINARY_TEXTS)
def test_ordinary_search_words_are_not_taken_for_crisis(text):
    assert not expresses_crisis(text)


@pytest.mark.parametrize("expression", CRISIS_EXPRESSIONS)
def test_every_listed_expression_is_recognised_as_written(expression):
    """A typo in the list itself (or an entry that normalises to nothing) would never match."""
    assert expresses_crisis(expression)


def test_normalising_folds_case_accents_apostrophes_punctuation_and_repeats():
    assert normalise("  No QUIERO vivír… don’t   self-harm!!!  nooooo ") == (
        "no quiero vivir dont self harm no"
    )


def test_matching_is_by_whole_words():
    assert not expresses_crisis("crisisx")
    assert not expresses_crisis("xcrisis")


def test_crisis_expressions_are_removed_and_other_words_kept():
    assert without_crisis_expressions("Kill myself, Elk Grove") == "elk grove"


def test_nothing_is_left_when_the_words_are_all_crisis():
    assert without_crisis_expressions("quiero morirme") == ""


def test_a_misspelt_crisis_word_is_removed_too():
    assert without_crisis_expressions("suicdal folsom") == "folsom"


def test_search_without_crisis_words_keeps_every_other_parameter():
    query = QueryDict("q=i+want+to+die+davis&condition=ptsd&condition=ocd&near=95816")
    cleaned = search_without_crisis_words(query)
    assert cleaned.getlist("q") == ["i davis"]
    assert cleaned.getlist("condition") == ["ptsd", "ocd"]
    assert cleaned["near"] == "95816"
    assert query["q"] == "i want to die davis"  # the request's own query is untouched


def test_search_without_crisis_words_drops_leftovers_the_search_would_ignore():
    assert search_without_crisis_words(QueryDict("q=i+want+to+die")).getlist("q") == [""]


def test_suicidal_ideation_is_a_crisis_condition():
    assert is_crisis_condition(["ptsd", "suicidal-ideation"])
    assert not is_crisis_condition(["ptsd", "depression"])
