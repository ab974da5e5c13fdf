"""`manage.py seed_demo` loads each app's demo data through its AppConfig."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from clinics.models import Clinic
from tests.factories import ClinicFactory

pytestmark = pytest.mark.django_db


def seed_demo(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_seed_demo_loads_clinics_then_articles_and_shows_new_accounts_in_that_order():
    output = seed_demo()
    assert re.search(
        r"Demo data ready: \d+ clinics, \d+ articles, \d+ page reviews \(all fictional\)\.",
        output,
    )
    assert Clinic.objects.filter(is_demo=True).exists()
    assert Article.objects.filter(is_demo=True).exists()
    usernames = re.findall(r"^  .{18} (\S+)", output, flags=re.MULTILINE)
    assert usernames.index("demo-admin") < usernames.index("demo-writer")


def test_seed_demo_if_empty_leaves_a_directory_with_clinics_alone():
    ClinicFactory()
    assert "already present" in seed_demo("--if-empty")
    assert not Article.objects.exists()


def test_seed_demo_is_refused_in_production_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="never loaded in production"):
        seed_demo()
