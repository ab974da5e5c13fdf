"""Permission matrix: role × admin action × own/other clinic.

"own" is clinic A, where the clinic staff account is a member; "other" is clinic B.
Directory admins and superusers may reach both. Every refusal must leave the
database exactly as it was.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model

from clinics.models import Clinic, ClinicMembership, ClinicTreatment, ProblemReport
from tests.clinics.admin_helpers import clinic_post_data, db_snapshot
from tests.factories import (
    ClinicFactory,
    ClinicTreatmentFactory,
    OpeningHoursFactory,
    ProblemReportFactory,
    clinic_staff_user,
    directory_admin_user,
    role_user,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "clinic_staff", "directory_admin", "superuser", "plain_staff"]
OK, REDIRECT, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404


@pytest.fixture
def clinics():
    own = ClinicFactory(name="Own Clinic", slug="own-clinic", description="Before.")
    other = ClinicFactory(name="Other Clinic", slug="other-clinic", description="Before.")
    for clinic in (own, other):
        OpeningHoursFactory(clinic=clinic)
        ClinicTreatmentFactory(clinic=clinic)
        ProblemReportFactory(clinic=clinic)
        # A second version, so the history has something to restore.
        clinic.description = "Current."
        clinic.save()
    return {"own": own, "other": other}


def login_as(client, role, clinics):
    if role == "anonymous":
        return None
    if role == "clinic_staff":
        user = clinic_staff_user(clinics["own"], username="staff-a")
    elif role == "directory_admin":
        user = directory_admin_user(username="dir-admin")
    elif role == "superuser":
        user = get_user_model().objects.create_superuser("root", "root@example.org", "x" * 16)
    else:
        user = role_user(None, username="plain-staff")
    client.force_login(user)
    return user


def request(client, method, url, data=None):
    if method == "GET":
        return client.get(url, data or {})
    return client.post(url, data or {})


# --- Actions that name one clinic -------------------------------------------------


def change_get(clinic):
    return "GET", f"/admin/clinics/clinic/{clinic.pk}/change/", None


def change_post(clinic):
    data = clinic_post_data(clinic, description="Changed by the test.")
    return "POST", f"/admin/clinics/clinic/{clinic.pk}/change/", data


def inline_add_hours(clinic):
    hours = [
        {"weekday": row.weekday, "opens": row.opens, "closes": row.closes}
        for row in clinic.opening_hours.all()
    ] + [{"weekday": 5, "opens": "10:00", "closes": "14:00"}]
    return (
        "POST",
        f"/admin/clinics/clinic/{clinic.pk}/change/",
        clinic_post_data(clinic, hours=hours),
    )


def inline_edit_treatment(clinic):
    row = clinic.clinic_treatments.get()
    treatments = [{"id": row.pk, "treatment": row.treatment_id, "price_min": 1, "price_max": 2}]
    data = clinic_post_data(clinic, treatments=treatments)
    return "POST", f"/admin/clinics/clinic/{clinic.pk}/change/", data


def delete_get(clinic):
    return "GET", f"/admin/clinics/clinic/{clinic.pk}/delete/", None


def delete_post(clinic):
    return "POST", f"/admin/clinics/clinic/{clinic.pk}/delete/", {"post": "yes"}


def history_get(clinic):
    return "GET", f"/admin/clinics/clinic/{clinic.pk}/history/", None


def _oldest_version(clinic):
    return clinic.history.order_by("history_date").first()


def history_detail_get(clinic):
    version = _oldest_version(clinic)
    return "GET", f"/admin/clinics/clinic/{clinic.pk}/history/{version.history_id}/", None


def revert_post(clinic):
    version = _oldest_version(clinic)
    data = clinic_post_data(clinic, description=version.description)
    return "POST", f"/admin/clinics/clinic/{clinic.pk}/history/{version.history_id}/", data


def report_change_get(clinic):
    report = clinic.problem_reports.get()
    return "GET", f"/admin/clinics/problemreport/{report.pk}/change/", None


def report_change_post(clinic):
    report = clinic.problem_reports.get()
    data = {"status": "resolved", "staff_notes": "Fixed."}
    return "POST", f"/admin/clinics/problemreport/{report.pk}/change/", data


def changelist_filter_tamper(clinic):
    return "GET", "/admin/clinics/clinic/", {"id__exact": clinic.pk}


def action_verify(clinic):
    data = {"action": "mark_verified", "_selected_action": [clinic.pk]}
    return "POST", "/admin/clinics/clinic/", data


def action_confirm(clinic):
    data = {"action": "confirm_accuracy", "_selected_action": [clinic.pk]}
    return "POST", "/admin/clinics/clinic/", data


# Expected status per role: (anonymous, clinic_staff, directory_admin, superuser, plain_staff).
A, S, D, U, P = range(5)
PER_CLINIC = {
    "change GET": (
        change_get,
        {"own": (302, 200, 200, 200, 404), "other": (302, 404, 200, 200, 404)},
    ),
    "change POST": (
        change_post,
        {"own": (302, 302, 302, 302, 404), "other": (302, 404, 302, 302, 404)},
    ),
    "inline add hours": (
        inline_add_hours,
        {"own": (302, 302, 302, 302, 404), "other": (302, 404, 302, 302, 404)},
    ),
    "inline edit treatment": (
        inline_edit_treatment,
        {"own": (302, 302, 302, 302, 404), "other": (302, 404, 302, 302, 404)},
    ),
    "delete GET": (
        delete_get,
        {"own": (302, 403, 200, 200, 404), "other": (302, 404, 200, 200, 404)},
    ),
    "delete POST": (
        delete_post,
        {"own": (302, 403, 302, 302, 404), "other": (302, 404, 302, 302, 404)},
    ),
    "history": (
        history_get,
        {"own": (302, 200, 200, 200, 404), "other": (302, 404, 200, 200, 404)},
    ),
    "history detail": (
        history_detail_get,
        {"own": (302, 200, 200, 200, 404), "other": (302, 404, 200, 200, 404)},
    ),
    "revert POST": (
        revert_post,
        {"own": (302, 403, 302, 302, 404), "other": (302, 404, 302, 302, 404)},
    ),
    "report change GET": (
        report_change_get,
        {"own": (302, 200, 200, 200, 404), "other": (302, 404, 200, 200, 404)},
    ),
    "report change POST": (
        report_change_post,
        {"own": (302, 403, 302, 302, 404), "other": (302, 404, 302, 302, 404)},
    ),
    "changelist filter by id": (
        changelist_filter_tamper,
        {"own": (302, 403, 200, 200, 403), "other": (302, 403, 200, 200, 403)},
    ),
    "action mark verified": (
        action_verify,
        # Staff lack the action: Django answers "No action selected" (302), nothing changes.
        {"own": (302, 302, 302, 302, 403), "other": (302, 403, 302, 302, 403)},
    ),
    "action confirm accurate": (
        action_confirm,
        {"own": (302, 302, 302, 302, 403), "other": (302, 403, 302, 302, 403)},
    ),
}

# Which of the successful per-clinic requests are expected to change the database.
WRITES = {
    "change POST",
    "inline add hours",
    "inline edit treatment",
    "delete POST",
    "revert POST",
    "report change POST",
    "action mark verified",
    "action confirm accurate",
}
# Requests that succeed without changing anything for this role.
NO_CHANGE_FOR = {
    ("action mark verified", "clinic_staff"),
    ("action confirm accurate", "directory_admin"),
    ("action confirm accurate", "superuser"),
}

PER_CLINIC_CASES = [
    pytest.param(action, target, role, expected[target][index], id=f"{action}-{target}-{role}")
    for action, (_, expected) in PER_CLINIC.items()
    for target in ("own", "other")
    for index, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("action", "target", "role", "expected"), PER_CLINIC_CASES)
def test_per_clinic_matrix(client, clinics, action, target, role, expected):
    login_as(client, role, clinics)
    method, url, data = PER_CLINIC[action][0](clinics[target])
    before = db_snapshot()

    response = request(client, method, url, data)

    assert response.status_code == expected, getattr(response, "context_data", None)
    if role == "anonymous":
        assert response.url.startswith("/admin/login/")
    after = db_snapshot()
    if expected in (FORBIDDEN, NOT_FOUND) or role == "anonymous":
        assert after == before
    elif action in WRITES and (action, role) not in NO_CHANGE_FOR:
        assert after != before
    elif action not in WRITES or (action, role) in NO_CHANGE_FOR:
        assert after == before


# --- Actions that do not name a clinic ------------------------------------------------

GLOBAL = {
    "clinic changelist": ("GET", "/admin/clinics/clinic/", None, (302, 200, 200, 200, 403)),
    "clinic add GET": ("GET", "/admin/clinics/clinic/add/", None, (302, 403, 200, 200, 403)),
    "clinic add POST": (
        "POST",
        "/admin/clinics/clinic/add/",
        {"name": "Sneaky", "slug": "sneaky"},
        (302, 403, 200, 200, 403),
    ),
    "autocomplete clinic": (
        "GET",
        "/admin/autocomplete/",
        {"app_label": "clinics", "model_name": "clinicmembership", "field_name": "clinic"},
        (302, 403, 200, 200, 403),
    ),
    "membership changelist": (
        "GET",
        "/admin/clinics/clinicmembership/",
        None,
        (302, 403, 200, 200, 403),
    ),
    "membership add POST": (
        "POST",
        "/admin/clinics/clinicmembership/add/",
        {"user": "1", "clinic": "1", "role": "manager"},
        (302, 403, 200, 200, 403),
    ),
    "report changelist": ("GET", "/admin/clinics/problemreport/", None, (302, 200, 200, 200, 403)),
    "condition changelist": ("GET", "/admin/clinics/condition/", None, (302, 403, 200, 200, 403)),
    "import GET": ("GET", "/admin/clinics/clinic/import/", None, (302, 403, 200, 200, 403)),
    "import POST": (
        "POST",
        "/admin/clinics/clinic/import/",
        {"format": "0"},
        (302, 403, 200, 200, 403),
    ),
    "export GET": ("GET", "/admin/clinics/clinic/export/", None, (302, 403, 200, 200, 403)),
    "export POST": (
        "POST",
        "/admin/clinics/clinic/export/",
        {"format": "0", "resource": "0"},
        (302, 403, 200, 200, 403),
    ),
    "axes attempts": ("GET", "/admin/axes/accessattempt/", None, (302, 403, 200, 200, 403)),
    "users": ("GET", "/admin/auth/user/", None, (302, 403, 403, 200, 403)),
}

GLOBAL_CASES = [
    pytest.param(action, role, spec[3][index], id=f"{action}-{role}")
    for action, spec in GLOBAL.items()
    for index, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("action", "role", "expected"), GLOBAL_CASES)
def test_global_matrix(client, clinics, action, role, expected):
    login_as(client, role, clinics)
    method, url, data, _ = GLOBAL[action]
    before = db_snapshot()

    response = request(client, method, url, data)

    assert response.status_code == expected
    if expected != OK or method == "POST":
        # Successful POSTs here are invalid forms re-rendered: nothing is saved either.
        assert db_snapshot() == before


# --- What each role sees ----------------------------------------------------------------


def test_staff_changelist_lists_only_their_clinics(client, clinics):
    login_as(client, "clinic_staff", clinics)

    response = client.get("/admin/clinics/clinic/")

    assert list(response.context["cl"].result_list) == [clinics["own"]]
    assert b"Other Clinic" not in response.content


def test_staff_city_filter_offers_only_their_cities(client, clinics):
    clinics["other"].city = "Roseville"
    clinics["other"].save()
    login_as(client, "clinic_staff", clinics)

    response = client.get("/admin/clinics/clinic/")

    assert b"Roseville" not in response.content


def test_staff_report_list_shows_only_their_clinics_reports(client, clinics):
    login_as(client, "clinic_staff", clinics)

    response = client.get("/admin/clinics/problemreport/")

    assert [r.clinic for r in response.context["cl"].result_list] == [clinics["own"]]


def test_staff_do_not_see_the_reporters_email(client, clinics):
    report = clinics["own"].problem_reports.get()
    report.reply_email = "reporter@example.org"
    report.save()
    login_as(client, "clinic_staff", clinics)

    response = client.get(f"/admin/clinics/problemreport/{report.pk}/change/")

    assert b"reporter@example.org" not in response.content


def test_staff_cannot_change_slug_or_verification_by_posting_them(client, clinics):
    """Status has its own rule (tests/clinics/test_temporary_closure.py)."""
    own = clinics["own"]
    login_as(client, "clinic_staff", clinics)
    data = clinic_post_data(
        own,
        slug="hijacked",
        name="Renamed",
        last_verified_on="2020-01-01",
        description="Edited by staff.",
    )
    data.pop("is_demo", None)

    response = client.post(f"/admin/clinics/clinic/{own.pk}/change/", data)

    assert response.status_code == REDIRECT
    own.refresh_from_db()
    assert own.description == "Edited by staff."
    assert (own.status, own.slug, own.name, own.is_demo) == (
        Clinic.Status.LISTED,
        "own-clinic",
        "Own Clinic",
        True,
    )
    assert own.last_verified_on != datetime.date(2020, 1, 1)


def test_staff_change_page_has_no_membership_section(client, clinics):
    login_as(client, "clinic_staff", clinics)

    response = client.get(f"/admin/clinics/clinic/{clinics['own'].pk}/change/")

    assert b"memberships-TOTAL_FORMS" not in response.content


def test_directory_admin_change_page_manages_memberships(client, clinics):
    login_as(client, "directory_admin", clinics)

    response = client.get(f"/admin/clinics/clinic/{clinics['own'].pk}/change/")

    assert b"memberships-TOTAL_FORMS" in response.content


def test_staff_inline_row_of_another_clinic_is_refused_and_nothing_changes(client, clinics):
    own, other = clinics["own"], clinics["other"]
    foreign = other.clinic_treatments.get()
    login_as(client, "clinic_staff", clinics)
    treatments = [{"id": foreign.pk, "treatment": foreign.treatment_id, "price_min": 1}]
    before = db_snapshot()

    response = client.post(
        f"/admin/clinics/clinic/{own.pk}/change/", clinic_post_data(own, treatments=treatments)
    )

    assert response.status_code == FORBIDDEN
    assert db_snapshot() == before
    assert ClinicTreatment.objects.get(pk=foreign.pk).price_min == foreign.price_min


def test_staff_cannot_see_or_create_memberships(client, clinics):
    user = login_as(client, "clinic_staff", clinics)
    other = clinics["other"]

    response = client.post(
        "/admin/clinics/clinicmembership/add/",
        {"user": user.pk, "clinic": other.pk, "role": "manager"},
    )

    assert response.status_code == FORBIDDEN
    assert not ClinicMembership.objects.filter(user=user, clinic=other).exists()


def test_staff_cannot_resolve_reports_with_an_action(client, clinics):
    login_as(client, "clinic_staff", clinics)
    report = clinics["own"].problem_reports.get()

    client.post(
        "/admin/clinics/problemreport/",
        {"action": "mark_resolved", "_selected_action": [report.pk]},
    )

    assert ProblemReport.objects.get(pk=report.pk).status == ProblemReport.Status.NEW


def test_directory_admin_adds_a_clinic(client, clinics):
    login_as(client, "directory_admin", clinics)
    data = clinic_post_data(
        clinics["other"],
        name="Brand New Clinic",
        slug="brand-new-clinic",
        hours=[{"weekday": 0, "opens": "08:00", "closes": "12:00"}],
    )
    data.update(
        {
            "clinic_treatments-TOTAL_FORMS": "0",
            "clinic_treatments-INITIAL_FORMS": "0",
            "loaded_version": "",
        }
    )

    response = client.post("/admin/clinics/clinic/add/", data)

    assert response.status_code == REDIRECT
    created = Clinic.objects.get(slug="brand-new-clinic")
    assert created.version == 1
    assert created.opening_hours.count() == 1


def test_role_groups_hold_exactly_the_intended_permissions():
    from django.contrib.auth.models import Group

    staff = set(
        Group.objects.get(name="Clinic staff").permissions.values_list("codename", flat=True)
    )
    admins = set(
        Group.objects.get(name="Directory admins").permissions.values_list("codename", flat=True)
    )

    assert {"view_clinic", "change_clinic", "add_openinghours", "view_problemreport"} <= staff
    assert not {"add_clinic", "delete_clinic", "verify_clinic", "view_all_clinics"} & staff
    assert not any("membership" in codename for codename in staff)
    assert {
        "view_all_clinics",
        "verify_clinic",
        "change_clinic_status",
        "import_clinic",
        "export_clinic",
        "delete_clinicmembership",
        "change_problemreport",
        "view_historicalclinic",
        "delete_accessattempt",
    } <= admins
    assert not any(codename.endswith("_user") for codename in admins)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/clinics/clinic/add/",
        "/admin/clinics/clinic/?stale=yes&status__exact=listed&is_demo__exact=1",
        "/admin/clinics/clinic/?q=Own",
        "/admin/clinics/condition/add/",
        "/admin/clinics/treatment/",
        "/admin/clinics/insuranceplan/",
        "/admin/clinics/clinicmembership/add/",
        "/admin/clinics/problemreport/?status__exact=new&category__exact=phone",
        "/admin/axes/accessattempt/",
        "/admin/axes/accesslog/",
    ],
)
def test_directory_admin_pages_render(client, clinics, url):
    login_as(client, "directory_admin", clinics)

    assert client.get(url).status_code == OK


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/clinics/clinic/?stale=no&city=Sacramento&accepting_new_patients__exact=1",
        "/admin/clinics/clinic/?q=Own",
        "/admin/clinics/problemreport/?status__exact=new",
    ],
)
def test_clinic_staff_pages_render(client, clinics, url):
    login_as(client, "clinic_staff", clinics)

    assert client.get(url).status_code == OK


def test_staff_admin_index_lists_only_what_they_may_use(client, clinics):
    login_as(client, "clinic_staff", clinics)

    page = client.get("/admin/").content.decode()

    assert "/admin/clinics/clinic/" in page
    assert "/admin/clinics/problemreport/" in page
    for hidden in ("clinicmembership", "condition", "treatment/", "insuranceplan", "axes", "auth"):
        assert f"/admin/{hidden}" not in page and f"/admin/clinics/{hidden}" not in page
