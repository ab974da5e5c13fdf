"""What waits for each person on the clinic side, for the admin home page's to-do queue.

Directory admins see the whole directory's queue; clinic staff see their own clinics'
(``permissions.clinics_visible_to``). Each group is a count and its first rows
(config.site.todo), so the page's queries do not grow with the queue.
"""

from __future__ import annotations

from django.db.models import F
from django.urls import reverse
from django.utils.formats import date_format

from clinics import permissions
from clinics.models import Clinic, ListingRequest, ProblemReport
from config.site.todo import TodoGroup, TodoItem, todo_group


def _change_url(obj) -> str:
    return reverse(f"admin:clinics_{obj._meta.model_name}_change", args=[obj.pk])


def _list_url(model, query: str) -> str:
    return reverse(f"admin:clinics_{model._meta.model_name}_changelist") + query


def _day(value) -> str:
    return date_format(value, "M j, Y")


def todo_for(user) -> list[TodoGroup]:
    if not (user.is_active and user.is_staff):
        return []
    groups = [
        _listing_requests(user),
        _draft_clinics(user),
        _problem_reports(user),
        _stale_listings(user),
    ]
    return [group for group in groups if group is not None]


def _listing_requests(user) -> TodoGroup | None:
    if not permissions.can_handle_listing_request(user):
        return None
    return todo_group(
        "Requests to list or claim a clinic",
        ListingRequest.objects.filter(status=ListingRequest.Status.NEW).order_by("created_at"),
        lambda row: TodoItem(
            label=row.clinic_name,
            url=_change_url(row),
            note=f"{row.get_kind_display()}, sent {_day(row.created_at)}",
        ),
        more_url=_list_url(ListingRequest, "?status__exact=new"),
        hint="Check that the requester works at the clinic, then approve or reject.",
    )


def _draft_clinics(user) -> TodoGroup | None:
    drafts = Clinic.objects.filter(status=Clinic.Status.DRAFT).order_by("created_at", "pk")
    if permissions.sees_all_clinics(user) and permissions.can_change_clinic_status(user):
        title = "Draft clinics, not public yet"
        more_url = _list_url(Clinic, "?status__exact=draft")
        hint = (
            "Check the details with the clinic, mark them verified, then set the status to Listed."
        )
    elif permissions.can_change_clinic(user):
        drafts = drafts.filter(pk__in=permissions.clinics_visible_to(user))
        title = "Your new listing, not public yet"
        more_url = ""  # clinic staff may not filter the list by status
        hint = (
            "Add your opening hours, conditions treated, insurance and prices. The directory "
            "team checks the listing before it goes public."
        )
    else:
        return None
    return todo_group(
        title,
        drafts,
        lambda clinic: TodoItem(label=clinic.name, url=_change_url(clinic), note=clinic.city),
        more_url=more_url,
        hint=hint,
    )


def _problem_reports(user) -> TodoGroup | None:
    if not permissions.can_view_problem_report(user):
        return None
    reports = ProblemReport.objects.filter(status=ProblemReport.Status.NEW)
    if not permissions.sees_all_clinics(user):
        reports = reports.filter(clinic__in=permissions.clinics_visible_to(user))
    if permissions.can_handle_problem_report(user):
        hint = "Check each report, correct the listing if needed, then resolve or dismiss it."
    else:
        hint = "If a report is right, correct your listing; the directory team closes reports."
    return todo_group(
        "New problem reports",
        reports.select_related("clinic").order_by("created_at", "pk"),
        lambda report: TodoItem(
            label=f"{report.clinic.name}: {report.get_category_display()}",
            url=_change_url(report),
            note=f"Reported {_day(report.created_at)}",
        ),
        more_url=_list_url(ProblemReport, "?status__exact=new"),
        hint=hint,
    )


def _stale_note(clinic: Clinic) -> str:
    if clinic.last_verified_on is None:
        return "Never verified"
    return f"Last verified {_day(clinic.last_verified_on)}"


def _stale_listings(user) -> TodoGroup | None:
    oldest_first = [F("last_verified_on").asc(nulls_first=True), "name"]
    if permissions.can_verify_clinic(user):
        return todo_group(
            "Listings not verified for 12 months",
            Clinic.objects.listed().stale().order_by(*oldest_first),
            lambda clinic: TodoItem(
                label=clinic.name, url=_change_url(clinic), note=_stale_note(clinic)
            ),
            more_url=_list_url(Clinic, "?stale=yes"),
            hint="Check each listing with the clinic, then use Save and mark verified.",
        )
    if permissions.can_confirm_clinic_accuracy(user):
        return todo_group(
            "Your listings to check",
            permissions.clinics_visible_to(user)
            .listed()
            .awaiting_staff_check()
            .order_by(*oldest_first),
            lambda clinic: TodoItem(
                label=clinic.name, url=_change_url(clinic), note=_stale_note(clinic)
            ),
            more_url=_list_url(Clinic, "?stale=yes"),
            hint="Check that every detail is still right, then use Save and confirm these "
            "details are still accurate.",
        )
    return None
