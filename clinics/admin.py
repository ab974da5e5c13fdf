"""The admin for directory admins and clinic staff.

Who sees what:

- Superusers and "Directory admins" (permission clinics.view_all_clinics) see and
  edit every clinic, verify listings, change status, import and export.
- "Clinic staff" see only the clinics they are members of (ClinicMembership). Any
  request that names another clinic - a direct URL, a changelist filter, an admin
  action, an inline row, the autocomplete endpoint - is refused (404 for object
  URLs so nothing about the clinic leaks, 403 otherwise) and logged to "security".

The rules themselves live in clinics.permissions; this module asks them and turns the
answers into admin behaviour (what is listed, read-only, offered or refused).
"""

from __future__ import annotations

import datetime

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.postgres.aggregates import StringAgg
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.forms import CheckboxSelectMultiple
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV
from simple_history.admin import SimpleHistoryAdmin

from clinics import permissions, services
from clinics.admin_forms import (
    CLINIC_FIELDSETS,
    CLINIC_READONLY_FIELDS,
    DIRECTORY_ADMIN_SECTION,
    HOURS_AFTER_SECTION,
    ClinicAdminForm,
    ClinicChildFormSet,
    HoursExceptionForm,
)
from clinics.models import (
    REMS_HIDDEN_WARNING,
    STALE_AFTER,
    Clinic,
    ClinicMembership,
    ClinicSlugRedirect,
    ClinicTreatment,
    Condition,
    CrisisResource,
    HoursException,
    InsurancePlan,
    ListingRequest,
    OpeningHours,
    ProblemReport,
    Treatment,
)
from clinics.permissions import sees_all_clinics
from clinics.resources import ClinicResource
from config.site.security import log_refusal

# --- Scoping every page to the clinics the user may see ------------------------------


class ClinicScopedAdminMixin:
    """Limits a ModelAdmin's rows to the clinics the user may see, and refuses (and logs)
    any request that names another clinic.

    `clinic_field` names the path from the model to the clinic ("pk" for Clinic
    itself); `staff_lookups` are the only changelist filters clinic staff may use.
    Each admin's has_*_permission methods ask clinics.permissions about the row.
    """

    clinic_field = "pk"
    staff_lookups: frozenset[str] = frozenset()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if sees_all_clinics(request.user):
            return queryset
        visible = permissions.clinics_visible_to(request.user)
        return queryset.filter(**{f"{self.clinic_field}__in": visible})

    def guard_object(self, request, object_id) -> None:
        """404 (and a log line) unless object_id is one of the user's own objects."""
        if sees_all_clinics(request.user):
            return
        try:
            pk = int(unquote(object_id))
        except (TypeError, ValueError):
            pk = None
        if pk is None or not self.get_queryset(request).filter(pk=pk).exists():
            log_refusal(request, f"{self.opts.model_name} {object_id} is not one of theirs")
            raise Http404("No such page.")

    def lookup_allowed(self, lookup, value, request=None):
        if request is not None and not sees_all_clinics(request.user):
            if lookup.split("__")[0] not in self.staff_lookups:
                log_refusal(request, f"changelist filter {lookup!r} not allowed")
                raise PermissionDenied
        return super().lookup_allowed(lookup, value, request)

    def response_action(self, request, queryset):
        # Django silently drops selected rows outside get_queryset(); we refuse instead.
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if selected and not sees_all_clinics(request.user):
            try:
                ids = {int(value) for value in selected}
            except ValueError:
                ids = None
            allowed = ids is not None and self.get_queryset(request).filter(
                pk__in=ids
            ).count() == len(ids)
            if not allowed:
                log_refusal(request, "admin action on rows that are not theirs")
                raise PermissionDenied
        return super().response_action(request, queryset)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self.guard_object(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self.guard_object(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self.guard_object(request, object_id)
        return super().history_view(request, object_id, extra_context)


class DirectoryAdminOnlyMixin:
    """Models only directory admins manage; clinic staff may at most pick them as values."""

    def has_module_permission(self, request):
        return sees_all_clinics(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return sees_all_clinics(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return sees_all_clinics(request.user) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return sees_all_clinics(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return sees_all_clinics(request.user) and super().has_delete_permission(request, obj)


# --- Clinics ---------------------------------------------------------------------------


class StaleFilter(admin.SimpleListFilter):
    title = "directory verification"
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [
            ("yes", "Overdue: not verified for 12 months, or never"),
            ("no", "Current: verified within 12 months"),
        ]

    def queryset(self, request, queryset):
        cutoff = timezone.localdate() - STALE_AFTER
        stale = Q(last_verified_on__isnull=True) | Q(last_verified_on__lt=cutoff)
        if self.value() == "yes":
            return queryset.filter(stale)
        if self.value() == "no":
            return queryset.exclude(stale)
        return queryset


class LabelledTabularInline(admin.TabularInline):
    """Django's table of inline rows, with a label on every input (for screen readers)."""

    template = "admin/clinics/edit_inline/tabular.html"


class ClinicChildInline(LabelledTabularInline):
    formset = ClinicChildFormSet
    extra = 1

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.request = request  # so tampering can be logged with the user and path
        return formset


class PlanCheckboxes(CheckboxSelectMultiple):
    """One offering's covering plans: a checkbox per plan, grouped under a legend that
    names the group for screen readers (each box is labelled with its plan)."""

    legend = "Insurance plans that cover this treatment"

    def render(self, name, value, attrs=None, renderer=None):
        boxes = super().render(name, value, attrs, renderer)
        return format_html(
            '<fieldset class="plan-checkboxes"><legend class="visually-hidden">{}</legend>'
            "{}</fieldset>",
            self.legend,
            boxes,
        )


class ClinicTreatmentInline(ClinicChildInline):
    model = ClinicTreatment
    fields = [
        "treatment",
        "price_min",
        "price_max",
        "course_price",
        "course_sessions",
        "insurance_plans",
        "rems_certified",
        "public_listing",
        "notes",
    ]
    readonly_fields = ["public_listing"]
    extra = 0

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs["widget"] = PlanCheckboxes
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description="public listing")
    def public_listing(self, offering: ClinicTreatment) -> str:
        return offering.hidden_warning or "Shown"


class HoursExceptionInline(ClinicChildInline):
    """Holiday closures and special hours from today on; past dates stay in the history.

    Part of the clinic's listing: whoever may change the clinic may change them.
    """

    model = HoursException
    form = HoursExceptionForm
    extra = 1

    def get_queryset(self, request):
        # From yesterday: a form opened just before midnight still saves its rows.
        since = timezone.localdate() - datetime.timedelta(days=1)
        return super().get_queryset(request).filter(date__gte=since)

    def has_view_permission(self, request, obj=None):
        return permissions.can_view_clinic(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return permissions.can_change_clinic(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return permissions.can_change_clinic(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return permissions.can_change_clinic(request.user, obj)


class ClinicMembershipInline(LabelledTabularInline):
    model = ClinicMembership
    fields = ["user", "role"]
    extra = 0
    verbose_name_plural = "staff accounts that may edit this clinic"


@admin.register(Clinic)
class ClinicAdmin(ClinicScopedAdminMixin, ImportExportMixin, SimpleHistoryAdmin):
    form = ClinicAdminForm
    resource_classes = [ClinicResource]
    import_formats = [CSV]
    export_formats = [CSV]
    object_history_template = "admin/clinics/clinic/object_history.html"
    list_display = [
        "name",
        "city",
        "status",
        "accepting_new_patients",
        "directory_verification",
        "clinic_confirmation",
        "hidden_treatments_warning",
    ]
    list_display_links = ["name"]
    list_filter = [StaleFilter, "status", "accepting_new_patients", "city", "is_demo"]
    staff_lookups = frozenset({"stale", "accepting_new_patients", "city"})
    search_fields = ["name", "slug", "city", "zip_code", "phone", "email"]
    list_per_page = 50
    actions = ["mark_verified", "confirm_accuracy"]
    # Opening hours are not an inline: the form's weekly editor (WeeklyHoursForm) holds them.
    inlines = [ClinicTreatmentInline, HoursExceptionInline]
    always_readonly = CLINIC_READONLY_FIELDS
    fieldsets = CLINIC_FIELDSETS

    def get_list_filter(self, request):
        if sees_all_clinics(request.user):
            return self.list_filter
        # Only the filters staff may use: the others would be refused (lookup_allowed).
        return [
            f for f in self.list_filter if getattr(f, "parameter_name", f) in self.staff_lookups
        ]

    def get_fieldsets(self, request, obj=None):
        if permissions.can_change_clinic_identity(request.user):
            return self.fieldsets
        return [(name, opts) for name, opts in self.fieldsets if name != DIRECTORY_ADMIN_SECTION]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # A fresh class per call, so this changes nothing for other requests.
        form.edits_opening_hours = not getattr(request, "restoring_clinic_version", False)
        form.status_choices = permissions.clinic_statuses_allowed(request.user, obj)
        return form

    def get_readonly_fields(self, request, obj=None):
        readonly = list(self.always_readonly)
        if not permissions.can_change_clinic_identity(request.user):
            readonly += ["name", "slug", "is_demo"]
        if len(permissions.clinic_statuses_allowed(request.user, obj)) < 2:
            readonly.append("status")
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        if obj is None and permissions.can_change_clinic_identity(request.user):
            return {"slug": ["name"]}
        return {}

    def get_inlines(self, request, obj):
        if permissions.can_manage_memberships(request.user):
            return [*self.inlines, ClinicMembershipInline]
        return self.inlines

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # A short list: checkboxes are clearer than a multi-select and need no JavaScript.
        kwargs["widget"] = CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # --- Verification and confirmation, in words ---

    @admin.display(description="Directory verification", ordering="last_verified_on")
    def directory_verification(self, clinic: Clinic) -> str:
        if clinic.last_verified_on is None:
            return "Never verified"
        when = date_format(clinic.last_verified_on, "M j, Y")
        if clinic.is_stale:
            return f"Overdue (last verified {when})"
        return f"Current (verified {when})"

    @admin.display(description="Confirmed by the clinic", ordering="staff_confirmed_on")
    def clinic_confirmation(self, clinic: Clinic) -> str:
        if clinic.staff_confirmed_on is None:
            return "Not yet"
        return date_format(clinic.staff_confirmed_on, "M j, Y")

    @admin.display(description="Last saved")
    def last_saved(self, clinic: Clinic) -> str:
        if clinic.updated_at is None:
            return "Not saved yet"
        return date_format(timezone.localtime(clinic.updated_at), "M j, Y, g:i A")

    # --- Offerings hidden until the clinic's REMS certification is recorded ---

    def get_queryset(self, request):
        hidden = (
            ClinicTreatment.objects.filter(
                clinic=OuterRef("pk"), hidden_reason=ClinicTreatment.HiddenReason.REMS_NOT_RECORDED
            )
            .order_by()
            .values("clinic")
            .annotate(names=StringAgg("treatment__name", ", ", order_by="treatment__sort_order"))
            .values("names")
        )
        return super().get_queryset(request).annotate(rems_hidden_treatments=Subquery(hidden))

    @admin.display(description="public listing")
    def hidden_treatments_warning(self, clinic: Clinic) -> str:
        if not clinic.rems_hidden_treatments:
            return ""
        return REMS_HIDDEN_WARNING.format(treatment=clinic.rems_hidden_treatments)

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET":
            count = self.get_queryset(request).exclude(rems_hidden_treatments=None).count()
            if count:
                self.message_user(
                    request,
                    f"{count} clinic(s) have a treatment hidden from the public listing "
                    "until the clinic's REMS certification is recorded; see the "
                    "“Public listing” column.",
                    messages.WARNING,
                )
        return super().changelist_view(request, extra_context)

    # --- Permissions (clinics.permissions holds the rules) ---

    def has_view_permission(self, request, obj=None):
        return permissions.can_view_clinic(request.user, obj)

    def has_add_permission(self, request):
        return permissions.can_add_clinic(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.can_change_clinic(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return permissions.can_delete_clinic(request.user, obj)

    # Django names an action's permission check has_<name>_permission.
    def has_verify_permission(self, request, obj=None) -> bool:
        return permissions.can_verify_clinic(request.user, obj)

    def has_confirm_permission(self, request, obj=None) -> bool:
        return permissions.can_confirm_clinic_accuracy(request.user, obj)

    def has_import_permission(self, request) -> bool:
        return permissions.can_import_clinics(request.user)

    def has_export_permission(self, request) -> bool:
        return permissions.can_export_clinics(request.user)

    def import_action(self, request, **kwargs):
        if not self.has_import_permission(request):
            log_refusal(request, "import not allowed")
        return super().import_action(request, **kwargs)

    def export_action(self, request):
        if not self.has_export_permission(request):
            log_refusal(request, "export not allowed")
        return super().export_action(request)

    def get_search_results(self, request, queryset, search_term):
        # Clinic staff never need the autocomplete endpoint; asking it about clinics is probing.
        if request.path == reverse("admin:autocomplete") and not sees_all_clinics(request.user):
            log_refusal(request, "clinic autocomplete not allowed")
            raise PermissionDenied
        return super().get_search_results(request, queryset, search_term)

    # --- Actions and buttons ---

    @admin.action(
        description="Mark verified (checked with the clinic today)", permissions=["verify"]
    )
    def mark_verified(self, request, queryset):
        count = 0
        for clinic in queryset:
            services.clinic_verify(clinic=clinic, user=request.user)
            count += 1
        self.message_user(request, f"Marked {count} clinic(s) verified today.", messages.SUCCESS)

    @admin.action(description="Confirm these details are still accurate", permissions=["confirm"])
    def confirm_accuracy(self, request, queryset):
        count = 0
        for clinic in queryset:
            services.clinic_confirm_accuracy(clinic=clinic, user=request.user)
            count += 1
        self.message_user(
            request,
            f"Thank you: {count} listing(s) confirmed as accurate today. A directory admin "
            "still verifies listings separately.",
            messages.SUCCESS,
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_mark_verified"] = change and self.has_verify_permission(request, obj)
        context["can_confirm_accuracy"] = change and self.has_confirm_permission(request, obj)
        context["hours_form"] = context["adminform"].form.hours
        context["hours_after_section"] = HOURS_AFTER_SECTION
        context["hidden_offering_warnings"] = (
            [
                offering.hidden_warning
                for offering in obj.clinic_treatments.filter(is_listed=False).select_related(
                    "treatment"
                )
            ]
            if obj is not None and obj.pk
            else []
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if change:
            obj.version = services.clinic_version_bump(
                clinic=obj, expected_version=form.cleaned_data["loaded_version"]
            )
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.hours is not None:
            services.clinic_opening_hours_set(
                clinic=form.instance, intervals=form.hours.intervals, user=request.user
            )

    def response_change(self, request, obj):
        if "_mark_verified" in request.POST and self.has_verify_permission(request, obj):
            services.clinic_verify(clinic=obj, user=request.user)
            self.message_user(request, f"“{obj}” is marked verified today.", messages.SUCCESS)
        elif "_confirm_accuracy" in request.POST and self.has_confirm_permission(request, obj):
            services.clinic_confirm_accuracy(clinic=obj, user=request.user)
            self.message_user(
                request, f"Thank you: “{obj}” is confirmed as accurate today.", messages.SUCCESS
            )
        return super().response_change(request, obj)

    # --- History ---

    def revert_disabled(self, request, obj=None):
        return not permissions.can_revert_clinic(request.user, obj) or super().revert_disabled(
            request, obj
        )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self.guard_object(request, object_id)
        if request.method == "POST" and self.revert_disabled(request):
            log_refusal(request, "revert not allowed")
            raise PermissionDenied
        # The form restores the clinic's own fields; opening hours keep their own history.
        request.restoring_clinic_version = True
        # Like the change form, a revert must run in one transaction: the form locks the
        # clinic row while it compares versions.
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self.guard_object(request, object_id)
        try:
            clinic_id = int(unquote(object_id))
        except ValueError as exc:
            raise Http404("No such page.") from exc
        extra_context = {
            **(extra_context or {}),
            "hours_history": OpeningHours.history.filter(clinic_id=clinic_id)
            .select_related("history_user")
            .order_by("-history_date")[:50],
            "treatment_history": ClinicTreatment.history.filter(clinic_id=clinic_id)
            .select_related("history_user", "treatment")
            .order_by("-history_date")[:50],
            "exception_history": HoursException.history.filter(clinic_id=clinic_id)
            .select_related("history_user")
            .order_by("-history_date")[:50],
        }
        return super().history_view(request, object_id, extra_context)


# --- Reference data: directory admins only ---------------------------------------------


class ReferenceDataAdmin(DirectoryAdminOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "sort_order"]
    list_editable = ["sort_order"]
    search_fields = ["name", "name_es", "slug"]
    prepopulated_fields = {"slug": ["name"]}


SPANISH_SECTION = (
    "Spanish page text is shown on the Spanish pages (/es/) only while a medical review of "
    "it in Spanish is current: record one under Articles › Condition or treatment reviews "
    "(language Spanish). Until then those pages show the English text and say so. Names "
    "are labels and show at once."
)


@admin.register(Condition)
class ConditionAdmin(ReferenceDataAdmin):
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "sort_order"]}),
        ("Spanish", {"fields": ["name_es", "summary_es"], "description": SPANISH_SECTION}),
    ]


@admin.register(Treatment)
class TreatmentAdmin(ReferenceDataAdmin):
    list_display = ["name", "slug", "requires_rems", "fda_compounding_warning", "sort_order"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "description",
                    "what_to_expect",
                    "safety_notes",
                    "sources",
                    "requires_rems",
                    "fda_compounding_warning",
                    "sort_order",
                ]
            },
        ),
        (
            "Spanish",
            {
                "fields": ["name_es", "description_es", "what_to_expect_es", "safety_notes_es"],
                "description": SPANISH_SECTION,
            },
        ),
    ]


@admin.register(InsurancePlan)
class InsurancePlanAdmin(ReferenceDataAdmin):
    fields = ["name", "name_es", "slug", "sort_order"]


# --- Local crisis services: directory admins only -----------------------------------------


@admin.register(CrisisResource)
class CrisisResourceAdmin(DirectoryAdminOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "phone", "hours", "is_active", "sort_order"]
    list_editable = ["is_active", "sort_order"]
    search_fields = ["name"]
    fieldsets = [
        (
            None,
            {
                "description": (
                    "People in crisis will call these numbers. Enter only verified, real "
                    "services that you have checked yourself, never a sample or placeholder "
                    "number. The 988 Lifeline and 911 are always shown and need no entry."
                ),
                "fields": ["name", "phone", "hours", "languages", "website"],
            },
        ),
        ("Display", {"fields": ["is_active", "sort_order"]}),
    ]


# --- Memberships: directory admins only --------------------------------------------------


@admin.register(ClinicMembership)
class ClinicMembershipAdmin(DirectoryAdminOnlyMixin, admin.ModelAdmin):
    list_display = ["user", "clinic", "role", "created_at"]
    list_filter = ["role"]
    list_select_related = ["user", "clinic"]
    search_fields = ["user__username", "user__email", "clinic__name"]
    autocomplete_fields = ["clinic"]
    fields = ["user", "clinic", "role"]


# --- Old clinic addresses: directory admins read them ------------------------------------


@admin.register(ClinicSlugRedirect)
class ClinicSlugRedirectAdmin(admin.ModelAdmin):
    """Old slugs that still lead to a renamed clinic. clinics.signals writes them whenever a
    slug changes, so nobody adds or edits them here."""

    list_display = ["old_slug", "clinic", "created_at"]
    list_select_related = ["clinic"]
    search_fields = ["old_slug", "clinic__name", "clinic__slug"]

    def has_module_permission(self, request):
        return sees_all_clinics(request.user)

    def has_view_permission(self, request, obj=None):
        return sees_all_clinics(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # A deleted clinic takes its old addresses with it, and the admin asks for the
        # right to delete them too: whoever may delete the clinic has it.
        return permissions.can_delete_clinic(request.user)


# --- Problem reports: the queue -----------------------------------------------------------


@admin.register(ProblemReport)
class ProblemReportAdmin(ClinicScopedAdminMixin, admin.ModelAdmin):
    """Directory admins work the queue; clinic staff read their own clinics' reports."""

    clinic_field = "clinic"
    staff_lookups = frozenset({"status", "category"})
    list_display = ["created_at", "clinic", "category", "status", "handled_by", "handled_at"]
    list_select_related = ["clinic", "handled_by"]
    search_fields = ["details", "clinic__name", "staff_notes"]
    actions = ["mark_resolved", "dismiss", "reopen"]
    readonly_fields = [
        "clinic",
        "category",
        "details",
        "reply_email",
        "created_at",
        "handled_by",
        "handled_at",
    ]

    def get_list_filter(self, request):
        if sees_all_clinics(request.user):
            return ["status", "category", ("clinic", admin.RelatedOnlyFieldListFilter)]
        return ["status", "category"]

    def get_fields(self, request, obj=None):
        fields = ["clinic", "category", "details"]
        if permissions.can_see_problem_reporter_email(request.user):
            fields.append("reply_email")
        return [*fields, "created_at", "status", "staff_notes", "handled_by", "handled_at"]

    def get_readonly_fields(self, request, obj=None):
        if permissions.can_handle_problem_report(request.user, obj):
            return self.readonly_fields
        return self.get_fields(request, obj)

    def has_view_permission(self, request, obj=None):
        return permissions.can_view_problem_report(request.user, obj)

    def has_add_permission(self, request):
        return False  # reports come from the public form

    def has_change_permission(self, request, obj=None):
        return permissions.can_handle_problem_report(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return permissions.can_delete_problem_report(request.user, obj)

    def save_model(self, request, obj, form, change):
        if not change:  # pragma: no cover - adding is disabled
            return super().save_model(request, obj, form, change)
        original = ProblemReport.objects.get(pk=obj.pk)
        services.problem_report_set_status(
            report=original,
            status=obj.status,
            staff_notes=obj.staff_notes,
            user=request.user,
        )

    def _set_status(self, request, queryset, status: str, done: str) -> None:
        count = 0
        for report in queryset:
            services.problem_report_set_status(report=report, status=status, user=request.user)
            count += 1
        self.message_user(request, f"{count} report(s) {done}.", messages.SUCCESS)

    @admin.action(description="Mark resolved", permissions=["change"])
    def mark_resolved(self, request, queryset):
        self._set_status(request, queryset, ProblemReport.Status.RESOLVED, "marked resolved")

    @admin.action(description="Dismiss", permissions=["change"])
    def dismiss(self, request, queryset):
        self._set_status(request, queryset, ProblemReport.Status.DISMISSED, "dismissed")

    @admin.action(description="Reopen (back to new)", permissions=["change"])
    def reopen(self, request, queryset):
        self._set_status(request, queryset, ProblemReport.Status.NEW, "reopened")


# --- Requests to list or claim a clinic: directory admins ----------------------------------


@admin.register(ListingRequest)
class ListingRequestAdmin(admin.ModelAdmin):
    """Directory admins approve a request (a draft clinic or the claimed one, and an invited
    staff account) or reject it (a polite note). clinics.services does both."""

    change_form_template = "admin/clinics/listingrequest/change_form.html"
    list_display = ["created_at", "kind", "clinic_name", "city", "contact_name", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["clinic_name", "city", "contact_name", "contact_email"]
    actions = ["approve", "reject", "invite_again"]
    fieldsets = [
        (
            "The clinic, as the requester gave it",
            {
                "description": (
                    "Before approving, check that the clinic exists and offers ketamine "
                    "treatment, and that the requester works there: call the clinic's own "
                    "published number, not the one given here. Write down what you did in "
                    "the notes."
                ),
                "fields": [
                    "kind",
                    "clinic",
                    "clinic_name",
                    "street_address",
                    "city",
                    "zip_code",
                    "clinic_phone",
                    "website",
                    "treatment_names",
                ],
            },
        ),
        (
            "The requester's work contact",
            {"fields": ["contact_name", "contact_role", "contact_email", "work_phone"]},
        ),
        (
            "Decision",
            {
                "fields": [
                    "created_at",
                    "status",
                    "staff_user",
                    "handled_by",
                    "handled_at",
                    "staff_notes",
                ]
            },
        ),
    ]
    readonly_fields = [
        "kind",
        "clinic",
        "clinic_name",
        "street_address",
        "city",
        "zip_code",
        "clinic_phone",
        "website",
        "treatment_names",
        "contact_name",
        "contact_role",
        "contact_email",
        "work_phone",
        "created_at",
        "status",
        "staff_user",
        "handled_by",
        "handled_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("treatments")

    @admin.display(description="clinic phone")
    def clinic_phone(self, obj: ListingRequest) -> str:
        return obj.phone_display

    @admin.display(description="contact's work phone")
    def work_phone(self, obj: ListingRequest) -> str:
        return obj.contact_phone_display

    @admin.display(description="treatments offered")
    def treatment_names(self, obj: ListingRequest) -> str:
        return ", ".join(treatment.name for treatment in obj.treatments.all()) or "None ticked"

    # --- Permissions (clinics.permissions holds the rules) ---

    def has_module_permission(self, request):
        return permissions.can_view_listing_requests(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_view_listing_requests(request.user)

    def has_add_permission(self, request):
        return False  # requests come from the public form

    def has_change_permission(self, request, obj=None):
        return permissions.can_handle_listing_request(request.user)

    def has_delete_permission(self, request, obj=None):
        return permissions.can_delete_listing_request(request.user)

    def has_handle_permission(self, request, obj=None) -> bool:
        return permissions.can_handle_listing_request(request.user)

    # --- Approve, reject, invite again ---

    def _decide(self, request, listing_request: ListingRequest, service) -> bool:
        try:
            service(listing_request=listing_request, user=request.user)
        except (services.ListingRequestError, ValidationError) as exc:
            reason = " ".join(getattr(exc, "messages", [str(exc)]))
            self.message_user(request, f"{listing_request.clinic_name}: {reason}", messages.ERROR)
            return False
        return True

    def _decide_all(self, request, queryset, service, done: str) -> None:
        count = sum(self._decide(request, row, service) for row in queryset)
        if count:
            self.message_user(request, f"{count} request(s) {done}", messages.SUCCESS)

    @admin.action(
        description="Approve: create the account and email the invitation",
        permissions=["handle"],
    )
    def approve(self, request, queryset):
        self._decide_all(
            request,
            queryset,
            services.listing_request_approve,
            "approved and the invitations emailed. A new clinic is a draft: check it, "
            "mark it verified, then set its status to Listed.",
        )

    @admin.action(description="Reject: email a polite note", permissions=["handle"])
    def reject(self, request, queryset):
        self._decide_all(
            request, queryset, services.listing_request_reject, "rejected; the note was emailed."
        )

    @admin.action(
        description="Email the invitation again (the first link expired)", permissions=["handle"]
    )
    def invite_again(self, request, queryset):
        self._decide_all(
            request,
            queryset,
            services.listing_request_invite_again,
            "had their invitation emailed again.",
        )

    def save_model(self, request, obj, form, change):
        # Only the notes are edited here; the decision is the services' to write.
        obj.save(update_fields=["staff_notes"])

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        may_handle = obj is not None and self.has_handle_permission(request, obj)
        context["can_decide"] = may_handle and obj.status == ListingRequest.Status.NEW
        context["can_invite_again"] = (
            may_handle
            and obj.status == ListingRequest.Status.APPROVED
            and obj.staff_user is not None
            and not obj.staff_user.has_usable_password()
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        buttons = {
            "_approve": (services.listing_request_approve, "Approved: the invitation is emailed."),
            "_reject": (services.listing_request_reject, "Rejected: the note is emailed."),
            "_invite_again": (
                services.listing_request_invite_again,
                "The invitation is emailed again.",
            ),
        }
        for name, (service, done) in buttons.items():
            if name in request.POST:
                if self._decide(request, obj, service):
                    self.message_user(request, done, messages.SUCCESS)
                return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)
