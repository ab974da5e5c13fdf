"""The public site in English at its usual addresses and in Spanish under /es/."""

import datetime
import functools
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from config.site import translations
from tests.factories import (
    ClinicFactory,
    ClinicTreatmentFactory,
    OpeningHoursFactory,
    condition,
    treatment,
)

SPANISH_PAGES = [
    "/es/",
    "/es/about/",
    "/es/editorial-policy/",
    "/es/how-results-are-ordered/",
    "/es/open-data/",
    "/es/clinics/",
    "/es/clinics/compare/",
    "/es/clinics/list-your-clinic/",
    "/es/articles/",
    "/es/conditions/depression/",
    "/es/treatments/spravato/",
]


def html_lang(body: str) -> str:
    return re.search(r'<html lang="([^"]+)"', body).group(1)


def alternates(body: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', body))


def switcher_links(body: str) -> list[tuple[str, str, str]]:
    """(href, lang, hreflang) of each link in the language switcher."""
    block = re.search(r'<ul class="language-switch">(.*?)</ul>', body, re.S).group(1)
    return re.findall(r'<a href="([^"]+)" lang="([^"]+)" hreflang="([^"]+)">', block)


@pytest.fixture
def clinic(db):
    clinic = ClinicFactory(
        name="Rio Clinic", slug="rio-clinic", conditions=[condition("depression")]
    )
    OpeningHoursFactory(clinic=clinic)
    return clinic


# --- Addresses and languages ----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", SPANISH_PAGES)
def test_spanish_pages_answer(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert html_lang(response.content.decode()) == "es"
    assert response["Content-Language"] == "es"


@pytest.mark.django_db
def test_english_pages_keep_their_addresses_and_say_lang_en(client):
    response = client.get("/clinics/")
    assert response.status_code == 200
    assert html_lang(response.content.decode()) == "en"


@pytest.mark.django_db
def test_spanish_clinic_page_answers_under_es(client, clinic):
    response = client.get("/es/clinics/rio-clinic/")
    assert response.status_code == 200
    assert "Rio Clinic" in response.content.decode()


@pytest.mark.django_db
def test_accept_language_does_not_change_an_english_page(client):
    """The language comes from the address only, so a cached page never mixes them."""
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    body = response.content.decode()
    assert html_lang(body) == "en"
    assert "Find ketamine treatment near Sacramento" in body
    assert "Encuentre tratamiento" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/es/", "/clinics/?condition=ptsd"])
def test_pages_do_not_vary_by_accept_language(client, path):
    """Shared caches need one copy of a page, not one per browser language."""
    assert "accept-language" not in client.get(path).get("Vary", "").lower()


@pytest.mark.django_db
def test_language_of_a_spanish_request_ends_with_it(client):
    client.get("/es/")
    assert translation.get_language() == "en"
    assert reverse("clinics:clinic_list") == "/clinics/"


@pytest.mark.django_db
def test_language_cookie_does_not_change_an_english_page(client):
    client.cookies["django_language"] = "es"
    assert html_lang(client.get("/").content.decode()) == "en"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/admin/login/", "/robots.txt", "/sitemap.xml", "/healthz", "/api/hsds/"]
)
def test_site_machinery_has_one_address_without_a_language(client, path):
    assert client.get(path).status_code == 200
    assert client.get("/es" + path).status_code == 404


@pytest.mark.django_db
def test_admin_stays_english_for_a_spanish_browser(client):
    body = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Log in" in body


@pytest.mark.django_db
def test_page_cache_keeps_each_language_apart(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    try:
        english = client.get("/").content.decode()
        spanish = client.get("/es/").content.decode()
        again = client.get("/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    finally:
        cache.clear()
    assert html_lang(english) == "en"
    assert html_lang(spanish) == "es"
    assert again == english


# --- The switcher and hreflang ---------------------------------------------------------


@pytest.mark.django_db
def test_switcher_keeps_the_page_and_its_query_string(client):
    body = client.get("/clinics/?condition=depression&near=95823").content.decode()
    assert switcher_links(body) == [
        ("/es/clinics/?condition=depression&amp;near=95823", "es", "es")
    ]


@pytest.mark.django_db
def test_switcher_on_a_spanish_page_leads_back_to_english(client):
    body = client.get("/es/clinics/?condition=depression&near=95823").content.decode()
    assert switcher_links(body) == [("/clinics/?condition=depression&amp;near=95823", "en", "en")]


@pytest.mark.django_db
def test_switcher_is_on_a_page_not_found(client):
    body = client.get("/es/no-such-page/").content.decode()
    assert switcher_links(body) == [("/no-such-page/", "en", "en")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/about/",
        "/clinics/",
        "/clinics/rio-clinic/",
        "/conditions/depression/",
        "/treatments/spravato/",
        "/articles/",
    ],
)
def test_main_pages_name_both_languages_and_a_default(client, clinic, settings, path):
    site = settings.SITE_URL
    for shown in (path, "/es" + path):
        links = alternates(client.get(shown).content.decode())
        assert links == {
            "en": site + path,
            "es": site + "/es" + path,
            "x-default": site + path,
        }


@pytest.mark.django_db
def test_search_alternates_keep_the_search_but_not_the_page_number(client, settings):
    links = alternates(client.get("/es/clinics/?condition=ptsd&page=2").content.decode())
    assert links["en"] == settings.SITE_URL + "/clinics/?condition=ptsd"
    assert links["es"] == settings.SITE_URL + "/es/clinics/?condition=ptsd"


# --- What Spanish pages say ----------------------------------------------------------------


@pytest.mark.django_db
def test_one_clinic_reads_singular_in_spanish(client):
    ClinicTreatmentFactory(clinic=ClinicFactory(), treatment=treatment("telehealth"))
    body = client.get("/es/treatments/telehealth/").content.decode()
    assert "1 clínica del directorio ofrece" in body


@pytest.mark.django_db
def test_five_clinics_read_plural_in_spanish(client):
    for _ in range(5):
        ClinicTreatmentFactory(clinic=ClinicFactory(), treatment=treatment("telehealth"))
    body = client.get("/es/treatments/telehealth/").content.decode()
    assert "5 clínicas del directorio ofrecen" in body


@pytest.mark.django_db
def test_search_summary_agrees_with_the_count_in_spanish(client):
    ClinicFactory(conditions=[condition("anxiety")])
    body = client.get("/es/clinics/?condition=anxiety").content.decode()
    assert re.search(r"1 clínica que trata \w+", body)


@pytest.mark.django_db
def test_spanish_crisis_panel_keeps_the_same_links(client):
    body = client.get("/es/clinics/?condition=suicidal-ideation").content.decode()
    panel = body[body.index('id="get-help"') :]
    assert "Obtenga ayuda ahora" in panel
    assert '<a class="crisis-action" href="tel:988">Llame al 988</a>' in panel
    assert '<a class="crisis-action" href="sms:988">Envíe un mensaje de texto al 988</a>' in panel
    assert 'href="https://988lifeline.org/chat/" rel="noreferrer"' in panel
    assert "oprima 2" in panel
    assert "Las clínicas de este directorio no son servicios de emergencia." in panel


@pytest.mark.django_db
def test_spanish_crisis_banner_says_call_or_text_988(client):
    body = client.get("/es/").content.decode()
    assert 'Llame o envíe un mensaje de texto al <a href="tel:988">988</a>' in body
    assert 'href="/es/about/#get-help"' in body


@pytest.mark.django_db
def test_spanish_clinic_page_writes_dates_and_times_for_spanish_readers(client, clinic):
    clinic.last_verified_on = datetime.date(2026, 11, 26)
    clinic.save()
    body = client.get("/es/clinics/rio-clinic/").content.decode()
    assert "26 de noviembre de 2026" in body
    assert "9:00 a.m.–5:00 p.m." in body
    assert "Lunes" in body


@pytest.mark.django_db
def test_spanish_prices_group_thousands_as_in_the_us(client, clinic):
    ClinicTreatmentFactory(clinic=clinic, price_min=1200, price_max=1500)
    body = client.get("/es/clinics/rio-clinic/").content.decode()
    assert "$1,200–$1,500" in body


@pytest.mark.django_db
def test_spanish_form_errors_are_spanish(client, clinic):
    response = client.post("/es/clinics/rio-clinic/report/", {"category": ""})
    assert "Elija qué está mal en esta ficha." in response.content.decode()


def test_spanish_words_for_a_place_leave_no_search_words_behind():
    """ "depresión cerca de 95823": the condition and the place, nothing left to match."""
    from clinics.vocabulary import interpret_search_words

    found = interpret_search_words("depresión cerca de 95823")
    assert (found.conditions, found.near, found.remaining_text) == (("depression",), "95823", "")


# --- The catalogue --------------------------------------------------------------------------


@functools.cache
def all_problems() -> tuple[str, ...]:
    # Reading every source takes a moment: once for all the checks below.
    return tuple(translations.problems())


def catalogue_problems(kind: str) -> list[str]:
    return [problem for problem in all_problems() if kind in problem]


def test_catalogue_holds_every_string_of_the_sources():
    assert catalogue_problems("not in the catalogue") == []


def test_catalogue_holds_no_string_the_sources_dropped():
    assert catalogue_problems("no longer in the sources") == []


def test_every_string_is_translated_and_none_is_fuzzy():
    assert catalogue_problems("untranslated") + catalogue_problems("fuzzy") == []


def test_translations_keep_the_placeholders_of_their_strings():
    assert catalogue_problems("placeholders differ") == []


def test_no_string_is_used_both_with_and_without_a_plural():
    assert catalogue_problems("with and without a plural") == []


def test_committed_mo_is_the_compiled_po():
    assert catalogue_problems("is not the compiled") == []


def test_templates_are_read_as_makemessages_reads_them():
    source = (
        "{% load i18n %}{% translate 'Call' context 'phone' %}\n"
        "{% blocktranslate count counter=n trimmed %}\n  {{ counter }} clinic\n"
        "{% plural %}\n  {{ counter }} clinics\n{% endblocktranslate %}\n"
        '{{ day|date:_("F j, Y") }}'
    )
    found = [(m.context, m.msgid, m.plural) for _, m in translations.template_messages(source)]
    assert found == [
        ("phone", "Call", ""),
        ("", "%(counter)s clinic", "%(counter)s clinics"),
        ("", "F j, Y", ""),
    ]


def test_python_is_read_for_every_gettext_function():
    source = (
        "a = _('One')\nb = gettext_lazy('Two' ' words')\n"
        "c = ngettext('%(n)s day', '%(n)s days', n)\nd = pgettext('menu', 'Open')\n"
        "e = gettext(variable)\n"
    )
    found = [(m.context, m.msgid, m.plural) for _, m in translations.python_messages(source)]
    assert sorted(found) == [
        ("", "%(n)s day", "%(n)s days"),
        ("", "One", ""),
        ("", "Two words", ""),
        ("menu", "Open", ""),
    ]


def test_update_keeps_translations_and_leaves_new_strings_empty(tmp_path, settings):
    settings.LOCALE_PATHS = [tmp_path]
    old = {("", "Kept"): translations.Message("Kept"), ("", "Gone"): translations.Message("Gone")}
    translations.update_catalogue(messages=old)
    po = translations.load_catalogue()
    po.find("Kept").msgstr = "Conservado"
    po.find("Gone").msgstr = "Ido"
    po.save()

    new = {("", "Kept"): translations.Message("Kept"), ("", "New"): translations.Message("New")}
    counts = translations.update_catalogue(messages=new)

    po = translations.load_catalogue()
    assert counts == {"kept": 1, "added": 1, "dropped": 1}
    assert {entry.msgid: entry.msgstr for entry in po} == {"Kept": "Conservado", "New": ""}


def test_compiled_catalogue_translates_at_run_time():
    with translation.override("es"):
        assert translation.gettext("Find a clinic") == "Buscar una clínica"
        assert reverse("clinics:clinic_list") == "/es/clinics/"
