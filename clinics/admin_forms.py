"""Admin forms for clinics: the one field layout, and optimistic locking.

The clinic form carries the version it was loaded with, so a save that would overwrite
someone else's newer save is refused (config.site.edit_conflicts).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.forms.models import BaseInlineFormSet

from clinics.models import Clinic
from config.site.edit_conflicts import VersionedModelForm
from config.site.security import log_refusal

# The one list of a clinic's fields, grouped as the admin shows them. The admin form's
# fields and the CSV columns (clinics.resources) are derived from it, so a new field is
# added here once. Each fieldset names only model fields, except "loaded_version" (the
# form's own hidden field) and the verification fields, which nobody types in.
CLINIC_VERIFICATION_FIELDS = [
    "last_verified_on",
    "verified_by",
    "staff_confirmed_on",
    "staff_confirmed_by",
    "version",
    "updated_at",
]
CLINIC_FIELDSETS = [
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
            "fields": ["street_address", "city", "state", "zip_code", "latitude", "longitude"],
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
            "fields": CLINIC_VERIFICATION_FIELDS,
            "description": (
                "A directory admin verifies a listing after checking it with the clinic "
                "(“Save and mark verified”). Listings not verified for 12 months are "
                "shown to the public as possibly out of date. Clinic staff can confirm "
                "the details are still accurate; that is recorded separately."
            ),
        },
    ),
]
# The model fields people edit, in the order the admin shows them.
CLINIC_EDITABLE_FIELDS = [
    name
    for _, options in CLINIC_FIELDSETS
    for name in options["fields"]
    if name != "loaded_version" and name not in CLINIC_VERIFICATION_FIELDS
]


class ClinicAdminForm(VersionedModelForm):
    conflict_message = (
        "{who} saved this clinic at {time} while you were editing. Nothing of yours was "
        "saved: your changes are still in the form below. Compare them with the current "
        "listing (open it in a new tab), then save again to keep yours."
    )

    class Meta:
        model = Clinic
        # The admin narrows this further from its fieldsets and read-only fields.
        fields = CLINIC_EDITABLE_FIELDS


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
