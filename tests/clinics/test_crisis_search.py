"""Crisis-aware search: help comes first, no dead end, and nothing of it is kept."""

import logging

import pytest
from django.db import connection

from tests.clinics.test_queries import SEARCH_QUERIES_EMPTY, SEARCH_QUERIES_WITHOUT_WORDS
from tests.factories import ClinicFactory, CrisisResourceFactory, condition

pytestmark = pytest.mark.django_db

I_WANT_TO_DIE = "/clinics/?q=i+want+to+die"
PANEL = 'id="get-help"'
TAP_LINKS = [
    'href="tel:988"',
    'href="sms:988"',
    'href="https://988lifeline.org/chat/"',
    'href="tel:911"',
]

# The crisis search below, once the search index is current: the search as typed (which
# matches nothing), the same search without the crisis words, and the panel's local
# crisis services.
CRISIS_SEARCH_QUERIES = SEARCH_QUERIES_EMPTY + SEARCH_QUERIES_WITHOUT_WORDS + 1


@pytest.fixture
def clinics():
    ClinicFactory(name="Alder Clinic", conditions=[condition("depression")])
    ClinicFactory(
        name="Birch Clinic",
        zip_code="95630",
        city="Folsom",
        conditions=[condition("suicidal-ideation")],
    )


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- What the page shows -------------------------------------------------------------


def test_crisis_words_open_the_page_with_the_help_panel_before_filters_and_results(client, clinics):
    body = page(client, I_WANT_TO_DIE)
    assert body.index("<h1>") < body.index(PANEL)
    assert body.index(PANEL) < body.index('id="search-heading"')
    assert body.index(PANEL) < body.index('id="results-heading"')


@pytest.mark.parametrize("link", TAP_LINKS)
def test_help_panel_has_call_text_chat_and_emergency_links(client, clinics, link):
    assert link in page(client, I_WANT_TO_DIE).split(PANEL)[1]


def test_help_panel_gives_veterans_spanish_and_relay_options_and_the_emergency_note(
    client, clinics
):
    body = page(client, I_WANT_TO_DIE)
    assert "Veterans: call 988, then press 1." in body
    assert "Español: llame al 988 y oprima 2" in body
    assert "Deaf or hard of hearing: use your preferred relay service or dial 711, then 988." in (
        body
    )
    assert "The clinics listed here are not emergency services." in body
    assert "press 3" not in body.casefold()


def test_chat_link_sends_no_referrer(client, clinics):
    body = page(client, I_WANT_TO_DIE)
    assert 'href="https://988lifeline.org/chat/" rel="noreferrer"' in body


def test_crisis_words_that_match_nothing_show_every_clinic_and_say_why(client, clinics):
    body = page(client, I_WANT_TO_DIE)
    assert "0 clinics" not in body
    assert "2 clinics" in body
    assert "Alder Clinic" in body and "Birch Clinic" in body
    assert "Your words about suicide, self-harm or crisis were not used to match clinics" in body


def test_crisis_search_shows_no_error_about_the_words_left_over(client, clinics):
    body = page(client, I_WANT_TO_DIE)
    assert "couldn't be used" not in body.replace("&#x27;", "'")
    assert "errorlist" not in body


def test_other_words_beside_crisis_words_still_narrow_the_search(client, clinics):
    body = page(client, "/clinics/?q=kill+myself+birch")
    assert "Birch Clinic" in body
    assert "Alder Clinic" not in body


def test_crisis_search_with_no_clinic_left_explains_instead_of_a_bare_count(client, clinics):
    body = page(client, "/clinics/?q=quiero+morir&condition=ocd")
    assert body.index(PANEL) < body.index("No clinics match all of your choices.")
    assert "Remove “OCD”" in body


def test_crisis_words_that_match_clinics_list_them_under_the_panel(client, clinics):
    body = page(client, "/clinics/?q=suicidal")
    assert "Birch Clinic" in body
    assert "were not used to match clinics" not in body
    assert body.index(PANEL) < body.index("Birch Clinic")


def test_choosing_suicidal_ideation_shows_the_panel(client, clinics):
    body = page(client, "/clinics/?condition=suicidal-ideation")
    assert PANEL in body
    assert 'class="crisis__get-help" href="#get-help"' in body


def test_ordinary_search_has_no_panel_and_help_link_leads_to_about_page(client, clinics):
    body = page(client, "/clinics/?q=depression")
    assert PANEL not in body
    assert 'class="crisis__get-help" href="/about/#get-help"' in body


def test_suicidal_ideation_page_opens_with_the_panel(client, clinics):
    body = page(client, "/conditions/suicidal-ideation/")
    assert body.index("<h1>") < body.index(PANEL) < body.index('class="prose"')
    assert "The clinics listed here are not emergency services." in body


def test_other_condition_pages_have_no_panel(client, clinics):
    assert PANEL not in page(client, "/conditions/depression/")


def test_about_page_holds_the_panel_the_help_link_leads_to(client):
    body = page(client, "/about/")
    assert PANEL in body
    assert 'href="/about/#get-help"' in body


def test_panel_lists_active_local_services_in_their_order(client, clinics):
    CrisisResourceFactory(name="Second Line", sort_order=2, phone="916-555-0202")
    CrisisResourceFactory(name="First Line", sort_order=1, languages=["en", "es"])
    CrisisResourceFactory(name="Hidden Line", is_active=False)
    body = page(client, I_WANT_TO_DIE)
    assert body.index("First Line") < body.index("Second Line")
    assert 'href="tel:+19165550202"' in body
    assert "Languages: English, Spanish" in body
    assert "Hidden Line" not in body


def test_about_page_lists_active_local_services(client):
    CrisisResourceFactory(name="County Crisis Line")
    assert "County Crisis Line" in page(client, "/about/")


def test_crisis_search_runs_a_fixed_number_of_queries(client, clinics, django_assert_num_queries):
    client.get("/clinics/")  # the index is current from here on
    with django_assert_num_queries(CRISIS_SEARCH_QUERIES):
        client.get(I_WANT_TO_DIE)


# --- Nothing is kept ------------------------------------------------------------------


def test_crisis_search_is_sent_no_store_and_no_referrer(client, clinics):
    response = client.get(I_WANT_TO_DIE)
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_ordinary_search_stays_cacheable(client, clinics):
    response = client.get("/clinics/?q=depression")
    assert "no-store" not in response.get("Cache-Control", "")


def cache_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM django_cache")
        return cursor.fetchone()[0]


def test_crisis_search_leaves_no_entry_in_the_page_cache(client, clinics, page_cache_on):
    client.get("/clinics/?q=depression")
    before = cache_rows()
    assert before == 2  # the generation token and that page: the cache is on
    client.get(I_WANT_TO_DIE)
    client.get(I_WANT_TO_DIE)
    client.get("/clinics/?condition=suicidal-ideation")
    assert cache_rows() == before


def test_no_log_line_carries_the_crisis_words(client, clinics, caplog):
    caplog.set_level(logging.DEBUG)
    client.get(I_WANT_TO_DIE)
    client.get("/clinics/?q=me+quiero+matar+folsom")
    logged = caplog.text + " ".join(str(record.args) for record in caplog.records)
    for words in ("want to die", "want+to+die", "quiero", "matar"):
        assert words not in logged
