"""The clinic side of the admin home page's "Waiting for you" queue."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from clinics.models import Clinic, ProblemReport
from clinics.todo import todo_for
from config.site.todo import TODO_LIMIT
from tests.factories import (
    ClinicFactory,
    ListingRequestFactory,
    ProblemReportFactory,
    clinic_staff_user,
    directory_admin_user,
)

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.localdate() - datetime.timedelta(days=400)


def titles(user) -> list[str]:
    return [group.title for group in todo_for(user)]


def group(user, title):
    return next(group for group in todo_for(user) if group.title == title)


def test_directory_admins_see_every_kind_of_work():
    ListingRequestFactory()
    ClinicFactory(status=Clinic.Status.DRAFT)
    ProblemReportFactory()
    ClinicFactory(last_verified_on=None)

    assert titles(directory_admin_user()) == [
        "Requests to list or claim a clinic",
        "Draft clinics, not public yet",
        "New problem reports",
        "Listings not verified for 12 months",
    ]


def test_each_item_links_to_its_admin_page():
    report = ProblemReportFactory(category=ProblemReport.Category.PHONE)

    [item] = group(directory_admin_user(), "New problem reports").items

    assert item.url == f"/admin/clinics/problemreport/{report.pk}/change/"
    assert item.label == f"{report.clinic.name}: Phone number is wrong"


def test_clinic_staff_see_only_their_own_clinics():
    own = ClinicFactory(last_verified_on=LONG_AGO)
    other = ClinicFactory(last_verified_on=LONG_AGO)
    ProblemReportFactory(clinic=own)
    ProblemReportFactory(clinic=other)
    ListingRequestFactory()
    staff = clinic_staff_user(own)

    assert titles(staff) == ["New problem reports", "Your listings to check"]
    assert [item.label for item in group(staff, "Your listings to check").items] == [own.name]
    assert len(group(staff, "New problem reports").items) == 1


def test_clinic_staff_who_confirmed_lately_have_nothing_to_check():
    clinic = ClinicFactory(last_verified_on=LONG_AGO, staff_confirmed_on=timezone.localdate())

    assert titles(clinic_staff_user(clinic)) == []


def test_clinic_staff_see_their_new_draft_listing():
    draft = ClinicFactory(status=Clinic.Status.DRAFT, last_verified_on=None)
    ClinicFactory(status=Clinic.Status.DRAFT)

    staff_group = group(clinic_staff_user(draft), "Your new listing, not public yet")

    assert [item.label for item in staff_group.items] == [draft.name]
    assert staff_group.more_url == ""  # staff may not filter by status


def test_handled_reports_and_decided_requests_wait_for_nobody():
    ProblemReportFactory(status=ProblemReport.Status.RESOLVED)
    ListingRequestFactory(status="rejected")

    assert titles(directory_admin_user()) == []


def test_a_long_queue_shows_the_first_rows_and_the_total():
    ProblemReportFactory.create_batch(TODO_LIMIT + 3)

    reports = group(directory_admin_user(), "New problem reports")

    assert (reports.total, len(reports.items), reports.more) == (TODO_LIMIT + 3, TODO_LIMIT, 3)
    assert reports.more_url == "/admin/clinics/problemreport/?status__exact=new"


def test_anonymous_and_inactive_users_have_no_queue():
    from django.contrib.auth.models import AnonymousUser

    ProblemReportFactory()

    assert todo_for(AnonymousUser()) == []
    assert todo_for(directory_admin_user(is_active=False)) == []


@pytest.mark.parametrize("rows", [1, 12])
def test_the_queue_costs_the_same_queries_however_long(rows, django_assert_num_queries):
    for _ in range(rows):
        ListingRequestFactory()
        ClinicFactory(status=Clinic.Status.DRAFT)
        ProblemReportFactory()
        ClinicFactory(last_verified_on=None)
    admin = directory_admin_user()

    # The permission cache (2), then a count and the first rows for each of 4 groups.
    with django_assert_num_queries(10):
        todo_for(admin)
