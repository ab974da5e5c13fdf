"""CSV import and export of clinics (django-import-export), for directory admins.

Rows are matched by `slug`, the clinic's stable identifier. Lists are written as
slugs or codes separated by "|" (e.g. `ptsd|depression`, `en|es`). Importing the
same file twice changes nothing the second time: unchanged rows are skipped.
Verification fields are exported for reference but never imported; verifying is a
deliberate act in the admin.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from clinics.models import Clinic, Condition, Credential, InsurancePlan, Language

SEPARATOR = "|"


class SlugListWidget(widgets.ManyToManyWidget):
    """Related rows by slug; an unknown slug is a row error, not silently dropped."""

    def __init__(self, model):
        super().__init__(model, separator=SEPARATOR, field="slug")

    def clean(self, value, row=None, **kwargs):
        wanted = [part.strip() for part in str(value or "").split(SEPARATOR) if part.strip()]
        found = self.model.objects.filter(slug__in=wanted)
        unknown = sorted(set(wanted) - {item.slug for item in found})
        if unknown:
            raise ValueError(
                f"Unknown {self.model._meta.verbose_name} slug(s): {', '.join(unknown)}. "
                f"Known: {', '.join(self.model.objects.values_list('slug', flat=True))}."
            )
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return SEPARATOR.join(sorted(item.slug for item in value.all()))


class ChoiceListWidget(widgets.Widget):
    """An ArrayField of choices as codes separated by "|"; unknown codes are row errors."""

    def __init__(self, choices: type):
        self.choices = choices
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        codes = [part.strip() for part in str(value or "").split(SEPARATOR) if part.strip()]
        unknown = [code for code in codes if code not in self.choices.values]
        if unknown:
            raise ValueError(
                f"Unknown code(s): {', '.join(unknown)}. Use: {', '.join(self.choices.values)}."
            )
        return list(dict.fromkeys(codes))

    def render(self, value, obj=None, **kwargs):
        return SEPARATOR.join(value or [])


class ClinicResource(resources.ModelResource):
    conditions = fields.Field(
        attribute="conditions", column_name="conditions", widget=SlugListWidget(Condition)
    )
    insurance_plans = fields.Field(
        attribute="insurance_plans",
        column_name="insurance_plans",
        widget=SlugListWidget(InsurancePlan),
    )
    languages = fields.Field(
        attribute="languages", column_name="languages", widget=ChoiceListWidget(Language)
    )
    clinician_credentials = fields.Field(
        attribute="clinician_credentials",
        column_name="clinician_credentials",
        widget=ChoiceListWidget(Credential),
    )
    last_verified_on = fields.Field(
        attribute="last_verified_on",
        column_name="last_verified_on",
        widget=widgets.DateWidget("%Y-%m-%d"),
        readonly=True,
    )

    class Meta:
        model = Clinic
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
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
            "medical_director",
            "clinician_credentials",
            "conditions",
            "insurance_plans",
            "self_pay",
            "accepts_hsa_fsa",
            "offers_financing",
            "last_verified_on",
        ]
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def import_instance(self, instance, row, **kwargs):
        # import-export checks many-to-many columns only while saving, where a bad slug
        # would abort the file; check them here so they become row errors in the preview.
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors.update(exc.error_dict)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as exc:
                    errors[field.attribute] = [ValidationError(str(exc), code="invalid")]
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        # An import is an edit like any other: it moves the optimistic-locking version on,
        # so a form opened before the import refuses to overwrite it.
        if instance.pk:
            instance.version += 1
