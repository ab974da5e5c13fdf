"""The clinic services called directly, without the admin: role × action × own/other clinic.

"own" is the clinic the clinic staff account is a member of; "other" is any other
clinic. A refused call raises PermissionDenied and leaves every row as it was; an
allowed call records who did it.
"""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from clinics import services
from clinics.models import ProblemReport
from tests.clinics.admin_helpers import db_snapshot
from tests.factories import (
    ClinicFactory,
    ProblemReportFactory,
    clinic_staff_user,
    user_in_role,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)
OK, DENIED = "ok", "denied"
ROLES = ["anonymous", "plain_staff", "clinic_staff", "directory_admin", "superuser"]


@pytest.fixture
def clinics():
    own = ClinicFactory(name="Own Clinic", last_verified_on=datetime.date(2024, 1, 2))
    other = ClinicFactory(name="Other Clinic", last_verified_on=datetime.date(2024, 1, 2))
    for clinic in (own, other):
        ProblemReportFactory(clinic=clinic)
    return {"own": own, "other": other}


def verify(clinic, user):
    services.clinic_verify(clinic=clinic, user=user)


def verified(clinic, user):
    clinic.refresh_from_db()
    return (clinic.last_verified_on, clinic.verified_by) == (TODAY, user)


def confirm(clinic, user):
    services.clinic_confirm_accuracy(clinic=clinic, user=user)


def confirmed(clinic, user):
    clinic.refresh_from_db()
    return (clinic.staff_confirmed_on, clinic.staff_confirmed_by) == (TODAY, user)


def resolve_report(clinic, user):
    report = clinic.problem_reports.get()
    services.problem_report_set_status(
        report=report, status=ProblemReport.Status.RESOLVED, staff_notes="Fixed.", user=user
    )


def resolved(clinic, user):
    report = clinic.problem_reports.get()
    return (report.status, report.handled_by, report.staff_notes) == ("resolved", user, "Fixed.")


# action: (call, check that it was done, {target: expected per role in ROLES order})
MATRIX = {
    "verify": (verify, verified, {
        "own": (DENIED, DENIED, DENIED, OK, OK),
        "other": (DENIED, DENIED, DENIED, OK, OK),
    }),
    # Staff confirm their own listing; directory admins verify instead.
    "confirm accuracy": (confirm, confirmed, {
        "own": (DENIED, DENIED, OK, DENIED, DENIED),
        "other": (DENIED, DENIED, DENIED, DENIED, DENIED),
    }),
    # Clinic staff read their clinics' reports; working the queue is the directory's job.
    "resolve report": (resolve_report, resolved, {
        "own": (DENIED, DENIED, DENIED, OK, OK),
        "other": (DENIED, DENIED, DENIED, OK, OK),
    }),
}  # fmt: skip

CASES = [
    pytest.param(action, target, role, expected[target][index], id=f"{action}-{target}-{role}")
    for action, (_, _, expected) in MATRIX.items()
    for target in ("own", "other")
    for index, role in enumerate(ROLES)
]


@time_machine.travel(datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC))
@pytest.mark.parametrize(("action", "target", "role", "expected"), CASES)
def test_service_matrix(clinics, action, target, role, expected):
    call, done, _ = MATRIX[action]
    user = user_in_role(role, own_clinic=clinics["own"])
    clinic = clinics[target]
    before = db_snapshot()

    if expected == OK:
        call(clinic, user)
        assert done(clinic, user)
    else:
        with pytest.raises(PermissionDenied):
            call(clinic, user)
        assert db_snapshot() == before


@pytest.mark.parametrize(
    ("role", "action"),
    [("directory_admin", "verify"), ("clinic_staff", "confirm accuracy"),
     ("directory_admin", "resolve report")],
)  # fmt: skip
def test_an_inactive_account_is_refused(clinics, role, action):
    user = user_in_role(role, own_clinic=clinics["own"])
    user.is_active = False
    user.save()
    before = db_snapshot()

    with pytest.raises(PermissionDenied):
        MATRIX[action][0](clinics["own"], user)

    assert db_snapshot() == before


def test_staff_lose_confirmation_with_their_membership(clinics):
    staff = clinic_staff_user(clinics["own"], username="staff-a")
    staff.clinic_memberships.all().delete()
    staff = type(staff).objects.get(pk=staff.pk)  # a new request: memberships read afresh
    before = db_snapshot()

    with pytest.raises(PermissionDenied):
        services.clinic_confirm_accuracy(clinic=clinics["own"], user=staff)

    assert db_snapshot() == before


def test_report_status_change_checks_permission_before_the_status(clinics):
    """An unauthorised caller is refused before anything about the request is judged."""
    staff = clinic_staff_user(clinics["own"], username="staff-a")

    with pytest.raises(PermissionDenied):
        services.problem_report_set_status(
            report=clinics["own"].problem_reports.get(), status="bogus", user=staff
        )
