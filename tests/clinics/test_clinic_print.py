"""A clinic page prints cleanly: a hint (or, with JavaScript, a button) and print styles."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import ClinicFactory

pytestmark = pytest.mark.django_db

STATIC = Path(settings.BASE_DIR) / "static"


def print_styles() -> str:
    css = (STATIC / "css" / "site.css").read_text()
    return re.search(r"@media print \{(.*?)\n\}", css, re.S).group(1)


def test_clinic_page_tells_how_to_print_it(client):
    page = client.get(ClinicFactory().get_absolute_url()).content.decode()

    assert "use your browser's Print command" in page


def test_the_print_button_script_is_our_own_and_deferred(client):
    page = client.get(ClinicFactory().get_absolute_url()).content.decode()

    assert '<script src="/static/js/print.js" defer></script>' in page
    assert "window.print()" in (STATIC / "js" / "print.js").read_text()


def test_print_styles_hide_navigation_filters_and_the_hint():
    hidden = print_styles().split("{ display: none !important; }")[0]

    for selector in (".site-header nav", ".search-form", ".search-panel", ".print-hint"):
        assert selector in hidden


def test_print_styles_keep_one_plain_988_line():
    styles = print_styles()

    assert ".crisis__more" in styles and ".crisis__get-help" in styles
    assert ".crisis { background: none; color: #000;" in styles


def test_print_shows_where_the_booking_link_goes(client):
    clinic = ClinicFactory(booking_url="https://book.example.org/")
    page = client.get(clinic.get_absolute_url()).content.decode()

    assert 'class="print-url" href="https://book.example.org/"' in page
    assert 'a.print-url::after { content: " (" attr(href) ")"' in print_styles()
