"""A Spanish-speaking patient on a phone finds a clinic for depression near home and reads
about the treatment, all in Spanish."""

import datetime
import re
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles import services as article_services
from config.site import translations
from tests.browser.axe import assert_accessible
from tests.factories import (
    ArticleFactory,
    ClinicFactory,
    ClinicTreatmentFactory,
    OpeningHoursFactory,
    ReviewerFactory,
    condition,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def spanish_phone(browser, live_server):
    """A 375 px phone whose browser asks for Spanish (the address decides, not this)."""
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 375, "height": 812},
        is_mobile=True,
        locale="es-US",
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def clinic(transactional_db):
    clinic = ClinicFactory(
        name="Laguna Test Clinic",
        slug="laguna-test-clinic",
        zip_code="95823",
        conditions=[condition("depression")],
        last_verified_on=datetime.date(2026, 11, 2),
    )
    OpeningHoursFactory(clinic=clinic)
    ClinicTreatmentFactory(clinic=clinic, price_min=450, price_max=1200)
    ClinicFactory(name="Far Away Clinic", zip_code="96001", conditions=[condition("depression")])
    return clinic


@pytest.fixture
def spanish_article(transactional_db):
    article = ArticleFactory(
        title="Cómo actúa la ketamina en la depresión",
        slug="como-actua-la-ketamina",
        summary="Una explicación sencilla de lo que hace la ketamina en el cerebro.",
        body="## Qué es\n\nLa ketamina es un medicamento que se usa desde hace años.\n",
        language="es",
        conditions=[condition("depression")],
    )
    return article_services.article_seed_published(
        article=article,
        reviewer=ReviewerFactory(),
        reviewed_on=datetime.date(2026, 10, 1),
        publish_at=timezone.now() - datetime.timedelta(days=1),
    )


def english_ui_strings() -> list[str]:
    """The site's own English sentences and labels whose Spanish differs: none may show on
    a Spanish page. Strings with placeholders or markup are left out (their parts vary)."""
    po = translations.load_catalogue()
    found = []
    for entry in po:
        text = entry.msgid
        if entry.msgid_plural or "%" in text or "<" in text or "{" in text:
            continue
        if len(text.split()) >= 2 and entry.msgstr and entry.msgstr != text:
            found.append(text)
    return found


def assert_spanish(page, english: list[str]) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "es")
    shown = page.locator("body").inner_text()
    left = [text for text in english if text in shown]
    assert left == [], f"English left on {page.url}: {left}"
    switch = page.locator(".language-switch a")
    expect(switch).to_have_text("English")
    expect(switch).to_have_attribute("lang", "en")
    expect(switch).to_have_attribute("hreflang", "en")
    # The same page and search in English (empty parameters say nothing, so they go).
    address = urlsplit(page.url)
    query = urlencode([(k, v) for k, v in parse_qsl(address.query) if v])
    english_page = address.path.removeprefix("/es") + (f"?{query}" if query else "")
    expect(switch).to_have_attribute("href", english_page)


def test_spanish_phone_journey_from_home_to_an_article(spanish_phone, clinic, spanish_article):
    page = spanish_phone
    english = english_ui_strings()

    page.goto("/es/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Encuentre tratamiento con ketamina cerca de Sacramento"
    )
    expect(page.locator(".crisis")).to_contain_text("Llame o envíe un mensaje de texto al 988")
    assert_spanish(page, english)
    assert_accessible(page)

    page.get_by_role("navigation", name="Principal").get_by_role(
        "link", name="Buscar una clínica"
    ).click()
    page.wait_for_url(re.compile(r"/es/clinics/$"))
    page.get_by_label("Palabras de búsqueda").fill("depresión cerca de 95823")
    page.get_by_role("button", name="Mostrar clínicas").first.click()
    page.wait_for_url(re.compile(r"/es/clinics/\?q="))

    # The words became the depression filter and the place; nothing was left to match.
    expect(page.locator("#results-heading")).to_have_text(
        re.compile(r"^1 clínica que trata .+, a menos de 25 millas de 95823$")
    )
    expect(page.locator(".notice").filter(has_text="Se muestran clínicas")).to_contain_text(
        "cerca de 95823 (según sus palabras de búsqueda)"
    )
    expect(page.locator(".clinic-card h3")).to_have_text(["Laguna Test Clinic"])
    expect(page.locator(".clinic-card")).to_contain_text("Acepta pacientes nuevos")
    assert_spanish(page, english)
    assert_accessible(page)

    page.get_by_role("link", name="Laguna Test Clinic", exact=True).click()
    page.wait_for_url(re.compile(r"/es/clinics/laguna-test-clinic/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Laguna Test Clinic")
    expect(page.locator(".hours-table")).to_contain_text("Lunes")
    expect(page.locator(".hours-table")).to_contain_text("9:00 a.m.–5:00 p.m.")
    expect(page.get_by_role("main")).to_contain_text("$450–$1,200")
    expect(page.get_by_role("main")).to_contain_text("2 de noviembre de 2026")
    assert_spanish(page, english)
    assert_accessible(page)

    page.locator('.tag-list a[href="/es/conditions/depression/"]').click()
    page.wait_for_url(re.compile(r"/es/conditions/depression/$"))
    assert_spanish(page, english)
    assert_accessible(page)

    page.get_by_role("link", name="Cómo actúa la ketamina en la depresión").click()
    page.wait_for_url(re.compile(r"/es/articles/como-actua-la-ketamina/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Cómo actúa la ketamina en la depresión"
    )
    assert_spanish(page, english)
    assert_accessible(page)
