import datetime, importlib, json
import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from axe_playwright_python.sync_playwright import Axe
from clinics.models import OpeningHours
from tests.factories import ClinicFactory, OpeningHoursFactory, clinic_staff_user, ClinicTreatmentFactory, ProblemReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

@pytest.fixture
def roles(transactional_db):
    if not Group.objects.filter(name="Clinic staff").exists():
        ContentType.objects.clear_cache()
        importlib.import_module("clinics.migrations.0004_roles").create_roles(apps, None)

def test_explore(roles, page):
    own = ClinicFactory(name="Juniper Ketamine Care", slug="juniper-ketamine-care")
    OpeningHoursFactory(clinic=own, weekday=1, opens=datetime.time(9), closes=datetime.time(17))
    ClinicTreatmentFactory(clinic=own)
    rep = ProblemReportFactory(clinic=own)
    clinic_staff_user(own, username="juniper-staff")
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("juniper-staff")
    page.get_by_label("Password").fill("correct-horse-battery-9")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    axe = Axe()
    out = {}
    for w in (375, 1280):
        page.set_viewport_size({"width": w, "height": 900})
        for url in ["/admin/", "/admin/clinics/clinic/", f"/admin/clinics/clinic/{own.pk}/change/", "/admin/clinics/problemreport/", f"/admin/clinics/problemreport/{rep.pk}/change/", f"/admin/clinics/clinic/{own.pk}/history/"]:
            page.goto(url)
            r = axe.run(page, options={"resultTypes": ["violations"]})
            out[f"{w} {url}"] = [(v["id"], v["impact"], len(v["nodes"]), [n["target"] for n in v["nodes"]][:6]) for v in r.response["violations"]]
            page.screenshot(path=f"/tmp/w9/{w}-{url.strip('/').replace('/','_')}.png", full_page=True)
    json.dump(out, open("/tmp/w9/axe.json", "w"), indent=1)
