"""The admin for directory admins and clinic staff.

Who sees what:

- Superusers and "Directory admins" (permission clinics.view_all_clinics) see and
  edit every clinic, verify listings, change status, import and export.
- "Clinic staff" see only the clinics they are members of (ClinicMembership). Any
  request that names another clinic - a direct URL, a changelist filter, an admin
  action, an inline row, the autocomplete endpoint - is refused (404 for object
  URLs so nothing about the clinic leaks, 403 otherwise) and logged to "security".
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.forms import CheckboxSelectMultiple
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV
from simple_history.admin import SimpleHistoryAdmin

from clinics import services
from clinics.admin_forms import ClinicAdminForm, ClinicChildFormSet
from clinics.models import (
    STALE_AFTER,
    Clinic,
    ClinicMembership,
    ClinicTreatment,
    Condition,
    InsurancePlan,
    OpeningHours,
    ProblemReport,
    Treatment,
)
from clinics.resources import ClinicResource
from clinics.security import log_refusal

# --- Who may see which clinic ------------------------------------------------------


def sees_all_clinics(user) -> bool:
    """Superusers and directory admins; everyone else is limited to their memberships."""
    return user.is_active and user.has_perm("clinics.view_all_clinics")


def member_clinic_ids(request) -> frozenset[int]:
    """The clinics this user is a member of, read once per request."""
    cached = getattr(request, "_member_clinic_ids", None)
    if cached is None:
        cached = frozenset(
            ClinicMembership.objects.filter(user=request.user).values_list("clinic_id", flat=True)
        )
        request._member_clinic_ids = cached
    return cached


class ClinicScopedAdminMixin:
    """Limits a ModelAdmin to the clinics the user may see.

    `clinic_field` names the path from the model to the clinic ("pk" for Clinic
    itself); `staff_lookups` are the only changelist filters clinic staff may use.
    """

    clinic_field = "pk"
    staff_lookups: frozenset[str] = frozenset()

    def _clinic_id_of(self, obj) -> int | None:
        return obj.pk if self.clinic_field == "pk" else getattr(obj, f"{self.clinic_field}_id")

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if sees_all_clinics(request.user):
            return queryset
        mine = ClinicMembership.objects.filter(user=request.user).values("clinic_id")
        return queryset.filter(**{f"{self.clinic_field}__in": mine})

    def may_access(self, request, obj) -> bool:
        if obj is None or sees_all_clinics(request.user):
            return True
        return self._clinic_id_of(obj) in member_clinic_ids(request)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.may_access(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.may_access(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.may_access(request, obj)

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
    title = "verification"
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [
            ("yes", "Stale: not verified for 12 months, or never"),
            ("no", "Verified within 12 months"),
        ]

    def queryset(self, request, queryset):
        cutoff = timezone.localdate() - STALE_AFTER
        stale = Q(last_verified_on__isnull=True) | Q(last_verified_on__lt=cutoff)
        if self.value() == "yes":
            return queryset.filter(stale)
        if self.value() == "no":
            return queryset.exclude(stale)
        return queryset


class ClinicChildInline(admin.TabularInline):
    formset = ClinicChildFormSet
    extra = 1

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.request = request  # so tampering can be logged with the user and path
        return formset


class ClinicTreatmentInline(ClinicChildInline):
    model = ClinicTreatment
    fields = ["treatment", "price_min", "price_max", "rems_certified", "notes"]
    extra = 0


class OpeningHoursInline(ClinicChildInline):
    model = OpeningHours
    fields = ["weekday", "opens", "closes"]
    extra = 1
    verbose_name_plural = "opening hours (Pacific time; add one row per interval, none = closed)"


class ClinicMembershipInline(admin.TabularInline):
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
        "last_verified_on",
        "stale_flag",
        "staff_confirmed_on",
    ]
    list_display_links = ["name"]
    list_filter = [StaleFilter, "status", "accepting_new_patients", "city", "is_demo"]
    staff_lookups = frozenset({"stale", "accepting_new_patients", "city"})
    search_fields = ["name", "slug", "city", "zip_code", "phone", "email"]
    list_per_page = 50
    actions = ["mark_verified", "confirm_accuracy"]
    inlines = [ClinicTreatmentInline, OpeningHoursInline]
    always_readonly = [
        "last_verified_on",
        "verified_by",
        "staff_confirmed_on",
        "staff_confirmed_by",
        "version",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": ["name", "slug", "status", "is_demo", "description", "loaded_version"],
                "description": (
                    "What patients see on the clinic's public page. Only directory admins "
                    "change the name, web address (slug) and status; ask them through "
                    "“Report a problem” on the public page if these are wrong."
                ),
            },
        ),
        (
            "Address",
            {
                "fields": [
                    "street_address",
                    "city",
                    "state",
                    "zip_code",
                    "latitude",
                    "longitude",
                ],
                "description": "Used for distance search. Coordinates are optional.",
            },
        ),
        ("Contact", {"fields": ["phone", "website", "email", "booking_url"]}),
        (
            "Patients",
            {
                "fields": [
                    "accepting_new_patients",
                    "referral_required",
                    "wheelchair_accessible",
                    "languages",
                    "conditions",
                ],
            },
        ),
        ("Clinicians", {"fields": ["medical_director", "clinician_credentials"]}),
        (
            "Payment",
            {
                "fields": ["self_pay", "accepts_hsa_fsa", "offers_financing", "insurance_plans"],
                "description": "Per-treatment self-pay prices are in “Treatments offered” below.",
            },
        ),
        (
            "Verification",
            {
                "fields": always_readonly,
                "description": (
                    "A directory admin verifies a listing after checking it with the clinic "
                    "(“Save and mark verified”). Listings not verified for 12 months are "
                    "shown to the public as possibly out of date. Clinic staff can confirm "
                    "the details are still accurate; that is recorded separately."
                ),
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(self.always_readonly)
        if not sees_all_clinics(request.user):
            readonly += ["name", "slug", "is_demo"]
        if not request.user.has_perm("clinics.change_clinic_status"):
            readonly.append("status")
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        if obj is None and sees_all_clinics(request.user):
            return {"slug": ["name"]}
        return {}

    def get_inlines(self, request, obj):
        if sees_all_clinics(request.user) and request.user.has_perm(
            "clinics.view_clinicmembership"
        ):
            return [*self.inlines, ClinicMembershipInline]
        return self.inlines

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # A short list: checkboxes are clearer than a multi-select and need no JavaScript.
        kwargs["widget"] = CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(boolean=True, description="stale")
    def stale_flag(self, clinic: Clinic) -> bool:
        return clinic.is_stale

    # --- Permissions beyond the model's own ---

    def has_add_permission(self, request):
        return super().has_add_permission(request) and sees_all_clinics(request.user)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and sees_all_clinics(request.user)

    def has_verify_permission(self, request) -> bool:
        return request.user.has_perm("clinics.verify_clinic")

    def has_confirm_permission(self, request) -> bool:
        # Staff confirm their own listing; directory admins verify instead.
        return super().has_change_permission(request) and not sees_all_clinics(request.user)

    def has_import_permission(self, request) -> bool:
        return request.user.has_perm("clinics.import_clinic")

    def has_export_permission(self, request) -> bool:
        return request.user.has_perm("clinics.export_clinic")

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
        context["can_mark_verified"] = change and self.has_verify_permission(request)
        context["can_confirm_accuracy"] = change and self.has_confirm_permission(request)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if change:
            obj.version = services.clinic_version_bump(
                clinic=obj, expected_version=form.cleaned_data["loaded_version"]
            )
        super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        if "_mark_verified" in request.POST and self.has_verify_permission(request):
            services.clinic_verify(clinic=obj, user=request.user)
            self.message_user(request, f"“{obj}” is marked verified today.", messages.SUCCESS)
        elif "_confirm_accuracy" in request.POST and self.has_confirm_permission(request):
            services.clinic_confirm_accuracy(clinic=obj, user=request.user)
            self.message_user(
                request, f"Thank you: “{obj}” is confirmed as accurate today.", messages.SUCCESS
            )
        return super().response_change(request, obj)

    # --- History ---

    def revert_disabled(self, request, obj=None):
        return not sees_all_clinics(request.user) or super().revert_disabled(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self.guard_object(request, object_id)
        if request.method == "POST" and self.revert_disabled(request):
            log_refusal(request, "revert not allowed")
            raise PermissionDenied
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
        }
        return super().history_view(request, object_id, extra_context)


# --- Reference data: directory admins only ---------------------------------------------


class ReferenceDataAdmin(DirectoryAdminOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "sort_order"]
    list_editable = ["sort_order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Condition)
class ConditionAdmin(ReferenceDataAdmin):
    fields = ["name", "slug", "summary", "sort_order"]


@admin.register(Treatment)
class TreatmentAdmin(ReferenceDataAdmin):
    fields = ["name", "slug", "description", "sort_order"]


@admin.register(InsurancePlan)
class InsurancePlanAdmin(ReferenceDataAdmin):
    fields = ["name", "slug", "sort_order"]


# --- Memberships: directory admins only --------------------------------------------------


@admin.register(ClinicMembership)
class ClinicMembershipAdmin(DirectoryAdminOnlyMixin, admin.ModelAdmin):
    list_display = ["user", "clinic", "role", "created_at"]
    list_filter = ["role"]
    list_select_related = ["user", "clinic"]
    search_fields = ["user__username", "user__email", "clinic__name"]
    autocomplete_fields = ["clinic"]
    fields = ["user", "clinic", "role"]


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
        # The sender's address is for the directory's reply, not for the clinic.
        if sees_all_clinics(request.user):
            fields.append("reply_email")
        return [*fields, "created_at", "status", "staff_notes", "handled_by", "handled_at"]

    def get_readonly_fields(self, request, obj=None):
        if sees_all_clinics(request.user):
            return self.readonly_fields
        return self.get_fields(request, obj)

    def has_add_permission(self, request):
        return False  # reports come from the public form

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
