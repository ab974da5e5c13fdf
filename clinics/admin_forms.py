"""Admin forms: the clinic form carries the version it was loaded with (optimistic locking)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.formats import time_format

from clinics.models import Clinic
from clinics.security import log_refusal

CONFLICT_MESSAGE = (
    "{who} saved this clinic at {time} while you were editing. Nothing of yours was "
    "saved: your changes are still in the form below. Compare them with the current "
    "listing (open it in a new tab), then save again to keep yours."
)


class ClinicAdminForm(forms.ModelForm):
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    class Meta:
        model = Clinic
        # The admin narrows this further from its fieldsets and read-only fields.
        fields = [
            "name",
            "slug",
            "status",
            "is_demo",
            "description",
            "street_address",
            "city",
            "state",
            "zip_code",
            "latitude",
            "longitude",
            "phone",
            "website",
            "email",
            "booking_url",
            "accepting_new_patients",
            "wheelchair_accessible",
            "referral_required",
            "languages",
            "conditions",
            "medical_director",
            "clinician_credentials",
            "insurance_plans",
            "self_pay",
            "accepts_hsa_fsa",
            "offers_financing",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The database's version, not the instance's: on the history "revert" page the
            # instance is an old version, but the revert must still build on the current one.
            current = (
                Clinic.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            )
            self.fields["loaded_version"].initial = current or self.instance.version
            self.fields["loaded_version"].required = True

    def clean(self):
        cleaned = super().clean()
        loaded = cleaned.get("loaded_version")
        if not self.instance.pk or loaded is None:
            return cleaned
        # Lock the row until the admin's transaction ends, so nobody can slip a save in
        # between this check and ours.
        current = (
            Clinic.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values("version", "updated_at")
            .first()
        )
        if current and current["version"] != loaded:
            self._show_current_version(current["version"])
            raise forms.ValidationError(
                CONFLICT_MESSAGE.format(
                    who=self._last_editor(), time=self._local_time(current["updated_at"])
                ),
                code="edit_conflict",
            )
        return cleaned

    def _show_current_version(self, version: int) -> None:
        """Re-render the hidden field with the new version so a deliberate second save works."""
        data = self.data.copy()
        data[self.add_prefix("loaded_version")] = str(version)
        self.data = data

    def _last_editor(self) -> str:
        latest = (
            Clinic.history.filter(id=self.instance.pk)
            .select_related("history_user")
            .order_by("-history_date")
            .first()
        )
        if latest and latest.history_user:
            return f"Someone else ({latest.history_user.get_username()})"
        return "Someone else"

    @staticmethod
    def _local_time(value) -> str:
        return time_format(timezone.localtime(value), "g:i A") if value else "just now"


class ClinicChildFormSet(BaseInlineFormSet):
    """Inline rows may only name rows of this clinic; anything else is tampering."""

    def _existing_object(self, pk):
        obj = super()._existing_object(pk)
        if obj is None and pk not in ("", None):
            model = self.model
            try:
                exists_elsewhere = model._default_manager.filter(pk=pk).exists()
            except (ValueError, TypeError):
                exists_elsewhere = False
            if exists_elsewhere:
                request = getattr(self, "request", None)
                if request is not None:
                    log_refusal(request, f"inline {model._meta.model_name} {pk} of another clinic")
                raise PermissionDenied
        return obj
