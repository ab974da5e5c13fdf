"""The problem-report queue in the admin: statuses, notes, who handled it, who sees what."""

import pytest

from clinics.models import ProblemReport
from tests.factories import (
    ClinicFactory,
    ProblemReportFactory,
    clinic_staff_user,
    directory_admin_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_login(client):
    user = directory_admin_user(username="queue-admin")
    client.force_login(user)
    return user


def test_queue_lists_new_reports_with_their_clinic(client, admin_login):
    report = ProblemReportFactory(clinic=ClinicFactory(name="Listed Clinic"))

    response = client.get("/admin/clinics/problemreport/", {"status__exact": "new"})

    assert list(response.context["cl"].result_list) == [report]
    assert "Listed Clinic" in response.content.decode()


def test_changing_status_records_who_handled_it_and_keeps_notes(client, admin_login):
    report = ProblemReportFactory()

    response = client.post(
        f"/admin/clinics/problemreport/{report.pk}/change/",
        {"status": "resolved", "staff_notes": "Called the clinic; phone updated."},
    )

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ProblemReport.Status.RESOLVED
    assert report.staff_notes == "Called the clinic; phone updated."
    assert report.handled_by == admin_login
    assert report.handled_at is not None


def test_editing_notes_only_does_not_mark_it_handled(client, admin_login):
    report = ProblemReportFactory()

    client.post(
        f"/admin/clinics/problemreport/{report.pk}/change/",
        {"status": "new", "staff_notes": "Waiting for the clinic to call back."},
    )

    report.refresh_from_db()
    assert (report.status, report.handled_by, report.handled_at) == ("new", None, None)
    assert report.staff_notes == "Waiting for the clinic to call back."


@pytest.mark.parametrize(
    ("action", "status"), [("mark_resolved", "resolved"), ("dismiss", "dismissed")]
)
def test_bulk_actions_close_reports(client, admin_login, action, status):
    reports = ProblemReportFactory.create_batch(2)

    client.post(
        "/admin/clinics/problemreport/",
        {"action": action, "_selected_action": [r.pk for r in reports]},
    )

    for report in reports:
        report.refresh_from_db()
        assert report.status == status
        assert report.handled_by == admin_login


def test_reopen_clears_who_handled_it(client, admin_login):
    report = ProblemReportFactory(status="dismissed", handled_by=admin_login)

    client.post(
        "/admin/clinics/problemreport/", {"action": "reopen", "_selected_action": [report.pk]}
    )

    report.refresh_from_db()
    assert (report.status, report.handled_by, report.handled_at) == ("new", None, None)


def test_report_fields_from_the_public_are_read_only(client, admin_login):
    report = ProblemReportFactory(details="Original words.")

    client.post(
        f"/admin/clinics/problemreport/{report.pk}/change/",
        {"status": "new", "staff_notes": "", "details": "Rewritten.", "category": "other"},
    )

    report.refresh_from_db()
    assert (report.details, report.category) == ("Original words.", "phone")


def test_nobody_adds_reports_in_the_admin(client, admin_login):
    assert client.get("/admin/clinics/problemreport/add/").status_code == 403


def test_staff_read_their_clinics_reports_without_editing(client):
    clinic = ClinicFactory()
    report = ProblemReportFactory(clinic=clinic)
    client.force_login(clinic_staff_user(clinic))

    page = client.get(f"/admin/clinics/problemreport/{report.pk}/change/")
    post = client.post(f"/admin/clinics/problemreport/{report.pk}/change/", {"status": "dismissed"})

    assert page.status_code == 200
    assert b'name="status"' not in page.content
    assert post.status_code == 403
    report.refresh_from_db()
    assert report.status == "new"


def test_queue_query_count_is_bounded(client, admin_login, django_assert_max_num_queries):
    ProblemReportFactory.create_batch(3)
    with django_assert_max_num_queries(12) as small:
        client.get("/admin/clinics/problemreport/")
    ProblemReportFactory.create_batch(15)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/admin/clinics/problemreport/")
