"""The rules in clinics.permissions: role × rule × own/other clinic.

The admin matrix (test_admin_permissions.py) proves the admin obeys these rules and
test_service_permissions.py that the services do; this file pins the rules themselves.
"""

import pytest

from clinics import permissions
from tests.factories import (
    ClinicFactory,
    ProblemReportFactory,
    clinic_staff_user,
    directory_admin_user,
    user_in_role,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "plain_staff", "clinic_staff", "directory_admin", "superuser"]
T, F = True, False


@pytest.fixture
def clinics():
    own, other = ClinicFactory(name="Own Clinic"), ClinicFactory(name="Other Clinic")
    for clinic in (own, other):
        ProblemReportFactory(clinic=clinic)
    return {"own": own, "other": other}


# rule: {target: expected per role in ROLES order}
PER_CLINIC = {
    "is_clinic_visible": {"own": (F, F, T, T, T), "other": (F, F, F, T, T)},
    "can_view_clinic": {"own": (F, F, T, T, T), "other": (F, F, F, T, T)},
    "can_change_clinic": {"own": (F, F, T, T, T), "other": (F, F, F, T, T)},
    "can_change_clinic_status": {"own": (F, F, F, T, T), "other": (F, F, F, T, T)},
    "can_delete_clinic": {"own": (F, F, F, T, T), "other": (F, F, F, T, T)},
    "can_verify_clinic": {"own": (F, F, F, T, T), "other": (F, F, F, T, T)},
    "can_confirm_clinic_accuracy": {"own": (F, F, T, F, F), "other": (F, F, F, F, F)},
    "can_revert_clinic": {"own": (F, F, F, T, T), "other": (F, F, F, T, T)},
    "can_view_problem_report": {"own": (F, F, T, T, T), "other": (F, F, F, T, T)},
    "can_handle_problem_report": {"own": (F, F, F, T, T), "other": (F, F, F, T, T)},
    "can_delete_problem_report": {"own": (F, F, F, T, T), "other": (F, F, F, T, T)},
}
REPORT_RULES = {
    "can_view_problem_report",
    "can_handle_problem_report",
    "can_delete_problem_report",
}

PER_CLINIC_CASES = [
    pytest.param(rule, target, role, expected[target][index], id=f"{rule}-{target}-{role}")
    for rule, expected in PER_CLINIC.items()
    for target in ("own", "other")
    for index, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("rule", "target", "role", "expected"), PER_CLINIC_CASES)
def test_rules_about_one_clinic(clinics, rule, target, role, expected):
    user = user_in_role(role, own_clinic=clinics["own"])
    clinic = clinics[target]
    if rule in REPORT_RULES:
        subject = clinic.problem_reports.get()
    elif rule == "is_clinic_visible":
        subject = clinic.pk
    else:
        subject = clinic

    assert getattr(permissions, rule)(user, subject) is expected


# rule: expected per role in ROLES order, asked before there is a row ("for some clinic")
GLOBAL = {
    "sees_all_clinics": (F, F, F, T, T),
    "can_view_clinic": (F, F, T, T, T),
    "can_add_clinic": (F, F, F, T, T),
    "can_change_clinic": (F, F, T, T, T),
    "can_change_clinic_identity": (F, F, F, T, T),
    "can_verify_clinic": (F, F, F, T, T),
    "can_confirm_clinic_accuracy": (F, F, T, F, F),
    "can_import_clinics": (F, F, F, T, T),
    "can_export_clinics": (F, F, F, T, T),
    "can_manage_memberships": (F, F, F, T, T),
    "can_view_problem_report": (F, F, T, T, T),
    "can_handle_problem_report": (F, F, F, T, T),
    "can_see_problem_reporter_email": (F, F, F, T, T),
}

GLOBAL_CASES = [
    pytest.param(rule, role, expected[index], id=f"{rule}-{role}")
    for rule, expected in GLOBAL.items()
    for index, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("rule", "role", "expected"), GLOBAL_CASES)
def test_rules_before_there_is_a_row(clinics, rule, role, expected):
    assert getattr(permissions, rule)(user_in_role(role, own_clinic=clinics["own"])) is expected


@pytest.mark.parametrize(
    ("role", "visible"),
    [("anonymous", []), ("plain_staff", []), ("clinic_staff", ["own"]),
     ("directory_admin", ["own", "other"]), ("superuser", ["own", "other"])],
)  # fmt: skip
def test_clinics_visible_to(clinics, role, visible):
    user = user_in_role(role, own_clinic=clinics["own"])

    found = set(permissions.clinics_visible_to(user))

    assert found == {clinics[target] for target in visible}


def test_an_inactive_directory_admin_sees_nothing(clinics):
    admin = directory_admin_user(username="dir-admin", is_active=False)

    assert not permissions.sees_all_clinics(admin)
    assert not permissions.can_view_clinic(admin, clinics["own"])
    assert not permissions.can_verify_clinic(admin, clinics["own"])


def test_memberships_are_read_once_per_user_object(clinics, django_assert_num_queries):
    staff = clinic_staff_user(clinics["own"], username="staff-a")
    staff = type(staff).objects.get(pk=staff.pk)
    staff.get_all_permissions()  # Django's own permission cache, filled apart from ours

    with django_assert_num_queries(1):
        for clinic in clinics.values():
            permissions.can_view_clinic(staff, clinic)
            permissions.can_change_clinic(staff, clinic)
            permissions.can_confirm_clinic_accuracy(staff, clinic)
