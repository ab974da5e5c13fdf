"""Search words that name a place, condition, treatment, insurance plan or language act as
that filter, when the visitor did not set it; the page says what it understood."""

import re

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from clinics import crisis, places, reference_data, vocabulary
from clinics.models import Language
from clinics.vocabulary import interpret_search_words, understand_search_words
from tests.factories import ClinicFactory, ClinicTreatmentFactory, condition, treatment

# --- Reading the words -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "implied", "rest"),
    [
        ("ptsd 95816", {"near": ["95816"], "condition": ["ptsd"]}, ""),
        ("spravato elk grove", {"near": ["Elk Grove"], "treatment": ["spravato"]}, ""),
        (
            "esketamine near east sac",
            {"near": ["East Sacramento"], "treatment": ["spravato"]},
            "near",
        ),
        ("Nasal spray Oak Park", {"near": ["Oak Park"], "treatment": ["spravato"]}, ""),
        ("iv infusion", {"treatment": ["iv-infusion"]}, ""),
        ("IV", {"treatment": ["iv-infusion"]}, ""),
        ("ketamine infusions", {"treatment": ["iv-infusion"]}, ""),
        ("KAP therapy", {"treatment": ["kap"]}, ""),
        ("Spanish speaking", {"language": ["es"]}, ""),
        ("español", {"language": ["es"]}, ""),
        ("espanol", {"language": ["es"]}, ""),
        ("se habla español", {"language": ["es"]}, ""),
        ("Vietnamese", {"language": ["vi"]}, ""),
        ("farsi", {"language": ["fa"]}, ""),
        ("Medi-Cal", {"insurance": ["medi-cal"]}, ""),
        ("medi cal", {"insurance": ["medi-cal"]}, ""),
        ("MediCal", {"insurance": ["medi-cal"]}, ""),
        ("Kaiser insurance", {"insurance": ["kaiser"]}, ""),
        ("medicare tricare", {"insurance": ["medicare", "tricare"]}, ""),
        ("out of pocket", {"insurance": ["self-pay"]}, ""),
        ("depression", {"condition": ["depression"]}, ""),
        ("anxiety", {"condition": ["anxiety"]}, ""),
        ("OCD", {"condition": ["ocd"]}, ""),
        ("postpartum depression", {"condition": ["postpartum-depression"]}, ""),
        ("treatment resistant depression", {"condition": ["treatment-resistant-depression"]}, ""),
        ("depresión", {"condition": ["depression"]}, ""),
        ("ansiedad", {"condition": ["anxiety"]}, ""),
        ("estrés postraumático", {"condition": ["ptsd"]}, ""),
        ("depresión posparto", {"condition": ["postpartum-depression"]}, ""),
        ("ptsd depression", {"condition": ["ptsd", "depression"]}, ""),
        ("elk grove ca", {"near": ["Elk Grove"]}, ""),
        ("elkgrove", {"near": ["Elk Grove"]}, ""),
        ("sac town", {"near": ["Sacramento"]}, ""),
        ("95816-1234", {"near": ["95816"]}, ""),
        ("calm spravato sacto", {"near": ["Sacramento"], "treatment": ["spravato"]}, "calm"),
    ],
)
def test_words_naming_a_place_or_filter_value_imply_that_filter(text, implied, rest):
    found = interpret_search_words(text)
    assert found.parameters() == implied
    assert found.remaining_text == rest


@pytest.mark.parametrize(
    ("text", "implied", "rest"),
    [
        ("depresión", {"condition": ["depression"]}, ""),
        ("Depresión mayor", {"condition": ["depression"]}, ""),
        (
            "depresión resistente al tratamiento",
            {"condition": ["treatment-resistant-depression"]},
            "",
        ),
        ("ansiedad", {"condition": ["anxiety"]}, ""),
        ("ataques de pánico", {"condition": ["anxiety"]}, ""),
        ("estrés postraumático", {"condition": ["ptsd"]}, ""),
        ("estrés post-traumático", {"condition": ["ptsd"]}, ""),
        ("TEPT", {"condition": ["ptsd"]}, ""),
        ("trastorno obsesivo-compulsivo", {"condition": ["ocd"]}, ""),
        ("trastorno bipolar", {"condition": ["bipolar-depression"]}, ""),
        ("depresión después del parto", {"condition": ["postpartum-depression"]}, ""),
        ("dolor crónico", {"condition": ["chronic-pain"]}, ""),
        ("tratamiento para la ansiedad", {"condition": ["anxiety"]}, "para la"),
        ("infusión", {"treatment": ["iv-infusion"]}, ""),
        ("infusiones de ketamina", {"treatment": ["iv-infusion"]}, ""),
        ("infusión intravenosa", {"treatment": ["iv-infusion"]}, ""),
        ("espray nasal", {"treatment": ["spravato"]}, ""),
        ("spray nasal", {"treatment": ["spravato"]}, ""),
        ("esketamina", {"treatment": ["spravato"]}, ""),
        ("inyecciones", {"treatment": ["im-injection"]}, ""),
        ("tabletas", {"treatment": ["oral-sublingual"]}, ""),
        ("terapia asistida por ketamina", {"treatment": ["kap"]}, ""),
        ("telesalud", {"treatment": ["telehealth"]}, ""),
        ("consulta por video", {"treatment": ["telehealth"]}, ""),
        ("Medi-Cal aseguranza", {"insurance": ["medi-cal"]}, ""),
        ("sin seguro", {"insurance": ["self-pay"]}, ""),
        ("pago en efectivo", {"insurance": ["self-pay"]}, ""),
        ("español", {"language": ["es"]}, ""),
        ("castellano", {"language": ["es"]}, ""),
        ("habla español", {"language": ["es"]}, ""),
        (
            "ansiedad espray nasal medi-cal español elk grove",
            {
                "near": ["Elk Grove"],
                "condition": ["anxiety"],
                "treatment": ["spravato"],
                "insurance": ["medi-cal"],
                "language": ["es"],
            },
            "",
        ),
    ],
)
def test_spanish_words_imply_their_filter(text, implied, rest):
    found = interpret_search_words(text)
    assert found.parameters() == implied
    assert found.remaining_text == rest


@pytest.mark.parametrize(
    "text",
    [
        "medical",  # an ordinary word, not Medi-Cal
        "medical director",
        "im",  # "I'm" typed without its apostrophe, not an IM injection
        "ketamine",  # every clinic here offers ketamine
        "sutter",  # a county and a hospital system, not the Sutter Health Plus plan
        "capitol calm",
        "sacremento",  # a misspelt town stays a word: the text match forgives it
        "fresno",  # a town far from Sacramento stays a word, matched as text as before
        "99999",  # not a ZIP code
        "davis folsom",  # two places: not ours to choose
        "spanish vietnamese",  # two languages: the same
    ],
)
def test_words_that_imply_no_filter_stay_search_words(text):
    found = interpret_search_words(text)
    assert found.parameters() == {}
    assert found.remaining_text == text


def test_words_of_a_parameter_the_visitor_set_stay_search_words():
    found = interpret_search_words("ptsd folsom", keep={"near"})
    assert found.parameters() == {"condition": ["ptsd"]}
    assert found.remaining_text == "folsom"


def test_a_value_the_filter_does_not_offer_stays_a_search_word():
    found = interpret_search_words("ptsd ocd", allowed={"condition": {"ocd": "OCD"}})
    assert found.parameters() == {"condition": ["ocd"]}
    assert found.remaining_text == "ptsd"


def test_a_place_in_the_words_comes_with_its_coordinates_and_label():
    place = interpret_search_words("midtown").place
    assert place.label == "Midtown, Sacramento"


def test_words_left_over_keep_their_accents_and_case():
    assert interpret_search_words("Peña Clinic spravato").remaining_text == "Peña Clinic"


@pytest.mark.parametrize("expression", crisis.CRISIS_EXPRESSIONS)
def test_crisis_words_are_never_taken_as_filters(expression):
    """clinics.crisis reads them; a filter made of them would hide them from the text."""
    assert interpret_search_words(expression).parameters() == {}


# --- The lists -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parameter", "known"),
    [
        ("condition", {slug for slug, _, _ in reference_data.CONDITIONS}),
        ("treatment", {slug for slug, _ in reference_data.TREATMENT_NAMES}),
        ("insurance", {slug for slug, _ in reference_data.INSURANCE_PLANS} | {"self-pay"}),
        ("language", set(Language.values)),
    ],
)
def test_every_listed_value_is_one_the_filter_offers(parameter, known):
    assert set(vocabulary.WORDS[parameter]) <= known


def test_no_word_is_listed_under_two_values():
    listed = [
        places.key(word)
        for values in vocabulary.WORDS.values()
        for words in values.values()
        for word in words
    ]
    assert len(vocabulary.PHRASES) == len(set(listed))


def test_no_filter_word_is_also_a_place_name():
    assert not {" ".join(phrase) for phrase in vocabulary.PHRASES} & set(places.LOCAL_NAMES)


# --- Applying them to a search's data --------------------------------------------------

LABELS = {
    "condition": {"ptsd": "PTSD", "depression": "Depression"},
    "treatment": {"spravato": "Esketamine (Spravato) nasal spray"},
    "insurance": {"medi-cal": "Medi-Cal", "self-pay": "Self-pay (no insurance)"},
    "language": dict(Language.choices),
}


def test_implied_filters_are_added_to_the_data_and_described():
    data, understood = understand_search_words(
        QueryDict("q=ptsd+spravato+medi-cal+spanish+elk+grove"), LABELS
    )
    assert data.getlist("condition") == ["ptsd"]
    assert data.getlist("treatment") == ["spravato"]
    assert data.getlist("insurance") == ["medi-cal"]
    assert data["language"] == "es"
    assert data["near"] == "Elk Grove"
    assert data["q"] == ""
    assert understood == (
        "treating PTSD, offering Esketamine (Spravato) nasal spray, accepting Medi-Cal, "
        "where staff speak Spanish, near Elk Grove, CA"
    )


def test_a_parameter_the_visitor_set_is_never_overwritten():
    data, understood = understand_search_words(
        QueryDict("q=ptsd+folsom&near=95816&condition=depression"), LABELS
    )
    assert data["near"] == "95816"
    assert data.getlist("condition") == ["depression"]
    assert data["q"] == "ptsd folsom"
    assert understood == ""


def test_search_words_with_nothing_to_imply_leave_the_data_as_it_was():
    original = QueryDict("q=St.+Mary%27s+calm&sort=relevance")
    data, understood = understand_search_words(original, LABELS)
    assert data is original
    assert understood == ""


def test_only_filler_left_over_empties_the_words_and_their_relevance_sort():
    data, _ = understand_search_words(QueryDict("q=spravato+near+the&sort=relevance"), LABELS)
    assert data["q"] == ""
    assert data["sort"] == ""


def test_self_pay_is_described_in_plain_words():
    _, understood = understand_search_words(QueryDict("q=self-pay"), LABELS)
    assert understood == "taking patients who pay for themselves"


@pytest.mark.parametrize("words", ["ptsd " + "x" * 200, "ptsd null\x00byte"])
def test_words_the_search_box_refuses_are_left_for_its_message(words):
    original = QueryDict(mutable=True)
    original["q"] = words
    data, understood = understand_search_words(original, LABELS)
    assert data is original
    assert understood == ""


# --- The search page -------------------------------------------------------------------

CARD_NAME = re.compile(r'class="clinic-card__name"><a href="[^"]+">([^<]+)</a>')


def result_names(response) -> list[str]:
    assert response.status_code == 200
    return CARD_NAME.findall(response.content.decode())


@pytest.fixture
def clinics():
    """Spravato in Elk Grove and in Redding, infusions in Elk Grove, PTSD in East Sacramento."""
    grove = ClinicFactory(name="Grove Spravato Clinic", zip_code="95624", city="Elk Grove")
    ClinicTreatmentFactory(clinic=grove, treatment=treatment("spravato"))
    drip = ClinicFactory(
        name="Grove Drip Clinic",
        zip_code="95758",
        city="Elk Grove",
        description="Ketamine infusions; we explain how ketamine and esketamine differ.",
    )
    ClinicTreatmentFactory(clinic=drip, treatment=treatment("iv-infusion"))
    far = ClinicFactory(name="Shasta Spravato Clinic", zip_code="96001", city="Redding")
    ClinicTreatmentFactory(clinic=far, treatment=treatment("spravato"))
    ClinicFactory(name="Fab Forty Clinic", zip_code="95819", conditions=[condition("ptsd")])


# All but Redding's are within 25 miles of Elk Grove.
EVERY_CLINIC_NEAR_ELK_GROVE = ["Fab Forty Clinic", "Grove Drip Clinic", "Grove Spravato Clinic"]


@pytest.mark.django_db
def test_treatment_and_town_in_the_words_search_that_treatment_near_that_town(client, clinics):
    response = client.get("/clinics/?q=spravato+elk+grove")
    assert result_names(response) == ["Grove Spravato Clinic"]
    assert (
        "Showing clinics offering Esketamine (Spravato) nasal spray, near Elk Grove, CA "
        "(from your search words)."
    ) in response.content.decode()


@pytest.mark.django_db
def test_the_form_shows_the_search_as_understood(client, clinics):
    page = client.get("/clinics/?q=spravato+elk+grove").content.decode()
    assert re.search(r'name="near" value="Elk Grove"', page)
    assert re.search(r'value="spravato" id="treatment-spravato" checked', page)
    assert not re.search(r'name="q" value="', page)


@pytest.mark.django_db
def test_esketamine_means_spravato_not_every_clinic_mentioning_ketamine(client, clinics):
    names = result_names(client.get("/clinics/?q=esketamine"))
    assert names == ["Grove Spravato Clinic", "Shasta Spravato Clinic"]


@pytest.mark.django_db
def test_condition_and_zip_in_the_words(client, clinics):
    response = client.get("/clinics/?q=ptsd+95816")
    assert result_names(response) == ["Fab Forty Clinic"]
    assert "within 25 miles of 95816" in response.content.decode()


@pytest.mark.django_db
def test_the_visitors_own_place_wins_over_a_place_in_the_words(client, clinics):
    response = client.get("/clinics/?q=spravato+folsom&near=95624")
    # "folsom" stays a word, matched as text: no clinic near Elk Grove is in Folsom.
    assert result_names(response) == []
    page = response.content.decode()
    assert "within 25 miles of 95624" in page
    assert "Showing clinics offering Esketamine (Spravato) nasal spray (from your search" in page


@pytest.mark.django_db
def test_words_implying_filters_give_the_same_page_as_the_filters(client, clinics):
    implied = "/clinics/?q=spravato+elk+grove"
    explicit = "/clinics/?treatment=spravato&near=Elk+Grove"
    client.get(explicit)  # the search index is current from here on
    with CaptureQueriesContext(connection) as explicit_queries:
        explicit_names = result_names(client.get(explicit))
    with CaptureQueriesContext(connection) as implied_queries:
        implied_names = result_names(client.get(implied))
    assert implied_names == explicit_names
    assert len(implied_queries) == len(explicit_queries)


@pytest.mark.django_db
def test_relevance_sort_with_every_word_taken_as_a_filter_gives_no_error(client, clinics):
    response = client.get("/clinics/?q=spravato&sort=relevance")
    assert "errorlist" not in response.content.decode()
    assert result_names(response) == ["Grove Spravato Clinic", "Shasta Spravato Clinic"]


@pytest.mark.django_db
def test_dropping_an_implied_filter_does_not_bring_its_words_back(client, clinics):
    response = client.get("/clinics/?q=kap+elk+grove")
    link = re.search(r'href="(/clinics/\?[^"]*)">Remove “[^”]*KAP', response.content.decode())
    url = link.group(1).replace("&amp;", "&")
    assert "q=" not in url
    assert sorted(result_names(client.get(url))) == EVERY_CLINIC_NEAR_ELK_GROVE


@pytest.mark.django_db
def test_crisis_words_beside_a_place_still_open_the_help_panel(client, clinics):
    response = client.get("/clinics/?q=kill+myself+elk+grove")
    page = response.content.decode()
    assert 'id="get-help"' in page
    assert "no-store" in response["Cache-Control"]
    assert sorted(result_names(response)) == EVERY_CLINIC_NEAR_ELK_GROVE
