"""CSV import and export of clinics (django-import-export), for directory admins.

Rows are matched by `slug`, the clinic's stable identifier. Lists are written as
slugs or codes separated by "|" (e.g. `ptsd|depression`, `en|es`). Importing the
same file twice changes nothing the second time: unchanged rows are skipped.
Verification fields are exported for reference but never imported; verifying is a
deliberate act in the admin.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return as a formula, so a description typed as ``=HYPERLINK(...)`` could act when an
admin opens the export ("CSV injection"). The export prefixes such cells with a single
quote, which makes them text; the import removes exactly that quote again, so an
exported file imports unchanged. Imported cells that start with those characters are
kept as typed: the site shows them as text, and the next export quotes them again.

Treatments: `treatments` lists the treatments a clinic offers by slug; importing it makes
the clinic offer exactly those (new ones without a price; existing ones keep their prices
and notes; ones not named are removed). `rems_certified_treatments` names those of them
the clinic is certified to give under their REMS (today only `spravato`). A treatment
that requires REMS certification without it is a row error, unless the clinic already
offers it hidden from the public, where it stays hidden. Without these columns a file
leaves the clinic's treatments alone.

Coverage: `coverage` says which insurance plans cover each treatment the clinic offers,
as ``treatment:plan|plan`` entries separated by ";", e.g.
``spravato:medi-cal|kaiser;iv-infusion:`` (nothing after the colon: self-pay only). A
treatment the cell does not name keeps its plans; naming one the clinic does not offer
(after this row's `treatments`) is a row error. Without the column a file leaves
coverage alone.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from import_export import fields, resources, widgets

from clinics import services
from clinics.admin_forms import CLINIC_EDITABLE_FIELDS
from clinics.models import (
    Clinic,
    ClinicTreatment,
    Condition,
    Credential,
    InsurancePlan,
    Language,
    Treatment,
)

SEPARATOR = "|"
TREATMENT_COLUMNS = ("treatments", "rems_certified_treatments")
COVERAGE_COLUMN = "coverage"
COVERAGE_ENTRY_SEPARATOR = ";"
COVERAGE_FORMAT = (
    "Write coverage as treatment:plan|plan entries separated by “;”, with nothing after "
    "the colon for self-pay only, e.g. “spravato:medi-cal|kaiser;iv-infusion:”."
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain number (+19165550123, -121.49) cannot run as a formula and stays as it is.
PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def neutralise_formula(value):
    """Quote a cell a spreadsheet would run as a formula: ``=1+1`` becomes ``'=1+1``.

    Quotes already in front count as part of the value (``'=x`` becomes ``''=x``), so
    ``restore_formula`` can always tell our quote from the author's.
    """
    if (
        isinstance(value, str)
        and value.lstrip("'").startswith(FORMULA_STARTS)
        and not PLAIN_NUMBER.fullmatch(value)
    ):
        return f"'{value}"
    return value


def restore_formula(value):
    """Remove the quote ``neutralise_formula`` added, and nothing else."""
    if (
        isinstance(value, str)
        and value[:1] == "'"
        and value[1:].lstrip("'").startswith(FORMULA_STARTS)
    ):
        return value[1:]
    return value


def parse_coverage(text) -> dict[str, list[str]]:
    """ "spravato:medi-cal|kaiser;iv-infusion:" as {"spravato": ["medi-cal", "kaiser"],
    "iv-infusion": []}. Raises ValueError, in words, for what it cannot read."""
    coverage: dict[str, list[str]] = {}
    for entry in str(text or "").split(COVERAGE_ENTRY_SEPARATOR):
        if not entry.strip():
            continue
        treatment, colon, plans = entry.partition(":")
        treatment = treatment.strip()
        if not colon or not treatment:
            raise ValueError(f"{COVERAGE_FORMAT} Not understood: “{entry.strip()}”.")
        if treatment in coverage:
            raise ValueError(f"Coverage names {treatment} twice.")
        coverage[treatment] = list(
            dict.fromkeys(plan.strip() for plan in plans.split(SEPARATOR) if plan.strip())
        )
    return coverage


def format_coverage(offerings) -> str:
    """The `coverage` cell for these offerings (with their plans prefetched)."""
    return COVERAGE_ENTRY_SEPARATOR.join(
        f"{offering.treatment.slug}:"
        + SEPARATOR.join(sorted(plan.slug for plan in offering.insurance_plans.all()))
        for offering in sorted(offerings, key=lambda offering: offering.treatment.slug)
    )


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
    # No attribute: the clinic's offerings are written by services.clinic_treatments_set
    # after the clinic row is saved (see import_instance and save_m2m below).
    treatments = fields.Field(column_name="treatments")
    rems_certified_treatments = fields.Field(column_name="rems_certified_treatments")
    coverage = fields.Field(column_name=COVERAGE_COLUMN)
    last_verified_on = fields.Field(
        attribute="last_verified_on",
        column_name="last_verified_on",
        widget=widgets.DateWidget("%Y-%m-%d"),
        readonly=True,
    )

    class Meta:
        model = Clinic
        import_id_fields = ["slug"]
        # The admin form's fields (the key column first), the treatments, and the
        # verification date, which is exported for reference only.
        fields = [
            "slug",
            *(name for name in CLINIC_EDITABLE_FIELDS if name != "slug"),
            *TREATMENT_COLUMNS,
            COVERAGE_COLUMN,
            "last_verified_on",
        ]
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def export_resource(self, instance, selected_fields=None, **kwargs):
        row = super().export_resource(instance, selected_fields, **kwargs)
        return [neutralise_formula(value) for value in row]

    def before_import_row(self, row, **kwargs):
        for column, value in row.items():
            row[column] = restore_formula(value)

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
        errors.update(self._check_treatments(instance, row))
        if "treatments" not in errors:
            errors.update(self._check_coverage(instance, row))
        if errors:
            raise ValidationError(errors)

    # --- Treatments ---

    def filter_export(self, queryset, **kwargs):
        offerings = ClinicTreatment.objects.select_related("treatment").prefetch_related(
            "insurance_plans"
        )
        return queryset.prefetch_related(Prefetch("clinic_treatments", queryset=offerings))

    def dehydrate_treatments(self, clinic: Clinic) -> str:
        # Hidden offerings too, so that re-importing an export keeps them.
        return SEPARATOR.join(sorted(o.treatment.slug for o in clinic.clinic_treatments.all()))

    def dehydrate_rems_certified_treatments(self, clinic: Clinic) -> str:
        return SEPARATOR.join(
            sorted(o.treatment.slug for o in clinic.clinic_treatments.all() if o.rems_certified)
        )

    def dehydrate_coverage(self, clinic: Clinic) -> str:
        return format_coverage(clinic.clinic_treatments.all())

    def _check_coverage(self, instance: Clinic, row) -> dict:
        """Row errors for the `coverage` column; keeps {treatment slug: plans} to save."""
        instance._coverage_plan = None
        if COVERAGE_COLUMN not in row:
            return {}
        try:
            wanted = parse_coverage(row[COVERAGE_COLUMN])
        except ValueError as exc:
            return {COVERAGE_COLUMN: [ValidationError(str(exc), code="invalid")]}
        treatment_plan = getattr(instance, "_treatment_plan", None)
        if treatment_plan is not None:
            offered = {treatment.slug for treatment in treatment_plan[0]}
        elif instance.pk:
            offered = set(instance.clinic_treatments.values_list("treatment__slug", flat=True))
        else:
            offered = set()
        errors = []
        if stray := sorted(set(wanted) - offered):
            errors.append(
                f"Coverage names treatment(s) the clinic does not offer: {', '.join(stray)}. "
                "Add them to treatments, or take them out of coverage."
            )
        plans = {plan.slug: plan for plan in InsurancePlan.objects.all()}
        if unknown := sorted({slug for slugs in wanted.values() for slug in slugs} - set(plans)):
            errors.append(
                f"Unknown insurance plan slug(s) in coverage: {', '.join(unknown)}. "
                f"Known: {', '.join(plans)}."
            )
        if errors:
            return {COVERAGE_COLUMN: [ValidationError(message) for message in errors]}
        instance._coverage_plan = {
            treatment: [plans[slug] for slug in slugs] for treatment, slugs in wanted.items()
        }
        return {}

    def _coverage_unchanged(self, instance: Clinic) -> bool:
        wanted = getattr(instance, "_coverage_plan", None)
        if not wanted:
            return True
        current = {
            offering.treatment.slug: {plan.pk for plan in offering.insurance_plans.all()}
            for offering in (instance.clinic_treatments.all() if instance.pk else [])
        }
        return all(
            current.get(treatment) == {plan.pk for plan in plans}
            for treatment, plans in wanted.items()
        )

    def _treatment_plan(self, instance: Clinic, row) -> tuple[list, list] | None:
        """(treatments, certified for) as the row asks; None when it has neither column."""
        if not any(column in row for column in TREATMENT_COLUMNS):
            return None
        current = list(instance.clinic_treatments.all()) if instance.pk else []
        by_slug = SlugListWidget(Treatment)
        treatments = (
            list(by_slug.clean(row["treatments"]))
            if "treatments" in row
            else [o.treatment for o in current]
        )
        certified = (
            list(by_slug.clean(row["rems_certified_treatments"]))
            if "rems_certified_treatments" in row
            else [o.treatment for o in current if o.rems_certified]
        )
        return treatments, certified

    def _check_treatments(self, instance: Clinic, row) -> dict:
        """Row errors for the treatment columns, by the admin's rules; keeps the plan."""
        instance._treatment_plan = None
        try:
            plan = self._treatment_plan(instance, row)
            if plan is not None:
                services.clinic_treatments_plan(
                    clinic=instance, treatments=plan[0], rems_certified_for=plan[1]
                )
        except ValueError as exc:
            return {"treatments": [ValidationError(str(exc), code="invalid")]}
        except ValidationError as exc:
            hint = (
                " In the file: add it to rems_certified_treatments once the clinic's "
                "certification is confirmed, or take it out of treatments."
            )
            return {
                "treatments": [
                    ValidationError(message + (hint if "REMS" in message else ""))
                    for message in exc.messages
                ]
            }
        instance._treatment_plan = plan
        return {}

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if not super().skip_row(instance, original, row, import_validation_errors):
            return False
        if not self._coverage_unchanged(instance):
            return False
        plan = getattr(instance, "_treatment_plan", None)
        if plan is None:
            return True
        treatments, certified = plan
        current = list(instance.clinic_treatments.all()) if instance.pk else []
        return {t.pk for t in treatments} == {o.treatment_id for o in current} and {
            t.pk for t in certified
        } == {o.treatment_id for o in current if o.rems_certified}

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        plan = getattr(instance, "_treatment_plan", None)
        dry_run_without_transactions = self._is_dry_run(kwargs) and not (
            self._is_using_transactions(kwargs)
        )
        if plan is not None and not dry_run_without_transactions:
            services.clinic_treatments_set(
                clinic=instance, treatments=plan[0], rems_certified_for=plan[1]
            )
        coverage = getattr(instance, "_coverage_plan", None)
        if coverage and not dry_run_without_transactions:
            services.clinic_coverage_set(clinic=instance, coverage=coverage)

    def do_instance_save(self, instance, is_create):
        # An import is an edit like any other: it moves the optimistic-locking version on,
        # so a form opened before the import refuses to overwrite it. Bumped here, next to
        # the save itself, so a dry run without a transaction never touches the row.
        if not is_create:
            instance.version = services.clinic_version_bump(clinic=instance, expected_version=None)
        super().do_instance_save(instance, is_create)
