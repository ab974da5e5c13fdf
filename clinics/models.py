"""Clinics, the conditions they treat, the treatments they offer and how to pay."""

from __future__ import annotations

import datetime
from typing import NamedTuple
from uuid import uuid4

import phonenumbers
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
    URLValidator,
)
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clinics import hours
from clinics.fields import ChoiceArrayField
from clinics.querysets import ClinicQuerySet, ClinicTreatmentQuerySet

STALE_AFTER = datetime.timedelta(days=365)

zip_code_validator = RegexValidator(r"^\d{5}$", _("Enter a five-digit ZIP code, such as 95816."))


def validate_us_phone(value: str) -> None:
    try:
        number = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(
            _("Enter a US phone number, such as (916) 555-0123."), code="invalid_phone"
        ) from exc
    if not phonenumbers.is_possible_number(number) or number.country_code != 1:
        raise ValidationError(
            _("Enter a US phone number, such as (916) 555-0123."), code="invalid_phone"
        )


def normalise_phone(value: str) -> str:
    """Store phones in E.164 (+19165550123) so tel: links and comparisons are exact."""
    if not value:
        return value
    try:
        number = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException:
        return value  # validate_us_phone reports it
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(value: str) -> str:
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


SPANISH_TEXT_HELP = (
    "Plain Spanish for patients (usted, short sentences), with the same facts as the English. "
    "Shown on /es/ pages only once a medical reviewer has reviewed it in Spanish."
)


def localized_name(row) -> str:
    """A condition's, treatment's or plan's name in the page's language.

    Names are labels, shown in Spanish as soon as they are filled in. The page text
    (summaries, descriptions) is medical content: it is shown in Spanish only once
    reviewed in Spanish, which the articles app decides (``ContentReview``).
    """
    if get_language() == "es" and row.name_es:
        return row.name_es
    return row.name


class Condition(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, help_text="Part of public URLs.")
    summary = models.TextField(help_text="Plain-language summary for patients (a short paragraph).")
    name_es = models.CharField(
        "name in Spanish", max_length=100, blank=True, help_text="Leave empty to show the name."
    )
    summary_es = models.TextField("summary in Spanish", blank=True, help_text=SPANISH_TEXT_HELP)
    sort_order = models.PositiveSmallIntegerField(default=100)

    # The page text that has a Spanish version: English field -> Spanish field.
    SPANISH_FIELDS = {"summary": "summary_es"}

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("clinics:condition_detail", kwargs={"slug": self.slug})

    @property
    def display_name(self) -> str:
        return localized_name(self)


def validate_sources(value) -> None:
    """A list of {"title": …, "url": "https://…"}: where a treatment page's facts come from."""
    message = 'Enter a list of sources, each {"title": "…", "url": "https://…"}.'
    if not isinstance(value, list):
        raise ValidationError(message, code="invalid_sources")
    check_url = URLValidator(schemes=["https"])
    for source in value:
        if not isinstance(source, dict) or set(source) != {"title", "url"}:
            raise ValidationError(message, code="invalid_sources")
        if not str(source["title"]).strip():
            raise ValidationError(message, code="invalid_sources")
        check_url(source["url"])


class Treatment(models.Model):
    """A route of ketamine treatment (IV infusion, Spravato, KAP…), with its public page."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(
        blank=True, help_text="Plain words (US 8th-grade reading level), a few sentences."
    )
    what_to_expect = models.TextField(
        "what a session is like", blank=True, help_text="Plain words, a few sentences."
    )
    safety_notes = models.TextField(
        blank=True, help_text="The safety facts for this route, in plain words, with sources."
    )
    requires_rems = models.BooleanField(
        "requires REMS certification",
        default=False,
        help_text=(
            "Only clinics certified under this medicine's REMS (an FDA safety program) may "
            "list it, as for Spravato. The database refuses a listed, uncertified offering."
        ),
    )
    fda_compounding_warning = models.BooleanField(
        "show the FDA's compounded-ketamine warning",
        default=False,
        help_text=(
            "For oral, at-home and telehealth-prescribed ketamine: the treatment page and the "
            "pages of clinics offering it show the FDA's October 2023 warning."
        ),
    )
    sources = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_sources],
        help_text='Where the texts come from: [{"title": "…", "url": "https://…"}].',
    )
    name_es = models.CharField(
        "name in Spanish", max_length=100, blank=True, help_text="Leave empty to show the name."
    )
    description_es = models.TextField(
        "description in Spanish", blank=True, help_text=SPANISH_TEXT_HELP
    )
    what_to_expect_es = models.TextField(
        "what a session is like, in Spanish", blank=True, help_text=SPANISH_TEXT_HELP
    )
    safety_notes_es = models.TextField(
        "safety notes in Spanish", blank=True, help_text=SPANISH_TEXT_HELP
    )
    sort_order = models.PositiveSmallIntegerField(default=100)

    SPANISH_FIELDS = {
        "description": "description_es",
        "what_to_expect": "what_to_expect_es",
        "safety_notes": "safety_notes_es",
    }

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("clinics:treatment_detail", kwargs={"slug": self.slug})

    @property
    def display_name(self) -> str:
        return localized_name(self)

    def clean(self) -> None:
        super().clean()
        if self.requires_rems and self.pk:
            uncertified = self.offerings.filter(is_listed=True, rems_certified=False).count()
            if uncertified:
                raise ValidationError(
                    {
                        "requires_rems": (
                            f"{uncertified} clinic(s) list this treatment without REMS "
                            "certification. Record their certification, or remove the "
                            "treatment from those clinics, first."
                        )
                    }
                )


class InsurancePlan(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    name_es = models.CharField(
        "name in Spanish",
        max_length=100,
        blank=True,
        help_text="Only where Spanish speakers know the plan by another name.",
    )
    sort_order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "insurance plan"

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return localized_name(self)


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    CHINESE = "zh", _("Chinese")
    VIETNAMESE = "vi", _("Vietnamese")
    TAGALOG = "tl", _("Tagalog")
    HMONG = "hmn", _("Hmong")
    RUSSIAN = "ru", _("Russian")
    UKRAINIAN = "uk", _("Ukrainian")
    PUNJABI = "pa", _("Punjabi")
    HINDI = "hi", _("Hindi")
    PERSIAN = "fa", _("Persian (Farsi/Dari)")
    ARABIC = "ar", _("Arabic")
    KOREAN = "ko", _("Korean")
    ASL = "ase", _("American Sign Language")


class Credential(models.TextChoices):
    ANESTHESIOLOGIST = "anesthesiologist", _("Anesthesiologist (MD/DO)")
    PSYCHIATRIST = "psychiatrist", _("Psychiatrist (MD/DO)")
    EMERGENCY_PHYSICIAN = "emergency_physician", _("Emergency physician (MD/DO)")
    PAIN_SPECIALIST = "pain_specialist", _("Pain medicine physician")
    CRNA = "crna", _("Certified registered nurse anesthetist (CRNA)")
    PMHNP = "pmhnp", _("Psychiatric nurse practitioner (PMHNP)")
    PSYCHOLOGIST = "psychologist", _("Psychologist (PhD/PsyD)")
    LMFT = "lmft", _("Licensed marriage and family therapist (LMFT)")
    LCSW = "lcsw", _("Licensed clinical social worker (LCSW)")
    RN = "rn", _("Registered nurse (RN)")


class Clinic(models.Model):
    class Status(models.TextChoices):
        LISTED = "listed", "Listed"
        TEMPORARILY_CLOSED = "temporarily_closed", "Temporarily closed"
        CLOSED = "closed", "Closed"
        # Imported (manage.py import_hsds) and not yet reviewed: no public page, search,
        # sitemap or open data shows it until a directory admin lists it.
        DRAFT = "draft", "Draft (imported, awaiting review)"

    # The clinic's identity in open data (the HSDS API): unlike the slug, it never
    # changes, so other directories can follow a clinic through renames.
    uuid = models.UUIDField("open data identifier", default=uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="Stable public URL; old slugs keep redirecting."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.LISTED)
    is_demo = models.BooleanField(
        "sample data",
        default=False,
        help_text="Fictional demo listing; every public page says so.",
    )
    description = models.TextField(blank=True)

    street_address = models.CharField(max_length=200)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2, default="CA")
    zip_code = models.CharField("ZIP code", max_length=5, validators=[zip_code_validator])
    latitude = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text="Leave blank to use the ZIP code's centre.",
    )
    longitude = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text="Leave blank to use the ZIP code's centre.",
    )

    phone = models.CharField(max_length=20, validators=[validate_us_phone])
    website = models.URLField(blank=True)
    email = models.EmailField(blank=True)
    booking_url = models.URLField("booking link", blank=True)

    accepting_new_patients = models.BooleanField(default=True)
    wheelchair_accessible = models.BooleanField(default=False)
    referral_required = models.BooleanField(default=False)
    languages = ChoiceArrayField(
        models.CharField(max_length=5, choices=Language.choices),
        default=list,
        blank=True,
        help_text="Languages the clinic's staff speak with patients.",
    )
    medical_director = models.CharField(
        max_length=200, blank=True, help_text="Name and credentials, e.g. “Jane Doe, MD”."
    )
    clinician_credentials = ChoiceArrayField(
        models.CharField(max_length=30, choices=Credential.choices),
        default=list,
        blank=True,
    )

    conditions = models.ManyToManyField(Condition, related_name="clinics", blank=True)
    treatments = models.ManyToManyField(
        Treatment, through="ClinicTreatment", related_name="clinics", blank=True
    )
    insurance_plans = models.ManyToManyField(
        InsurancePlan, related_name="clinics", blank=True, verbose_name="insurance plans accepted"
    )
    self_pay = models.BooleanField("accepts self-pay", default=True)
    accepts_hsa_fsa = models.BooleanField("accepts HSA/FSA", default=False)
    offers_financing = models.BooleanField(default=False)
    consult_fee = models.PositiveIntegerField(
        "consultation fee (USD)",
        null=True,
        blank=True,
        help_text=(
            "The first visit or assessment, whole dollars, if the clinic charges for it. "
            "Never counted as a treatment price."
        ),
    )

    # Shown on the public page while the status is "temporarily closed"; reopening the
    # listing clears them (clean()), and the database refuses them on any other status.
    closure_reason = models.CharField(
        "why it is closed",
        max_length=200,
        blank=True,
        help_text="Shown to patients, e.g. “Closed for renovation”.",
    )
    reopens_on = models.DateField(
        "expected to reopen on", null=True, blank=True, help_text="Optional; shown to patients."
    )

    last_verified_on = models.DateField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    staff_confirmed_on = models.DateField("staff confirmed accurate on", null=True, blank=True)
    staff_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Optimistic concurrency: a save must quote the version it was edited from.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[conditions, insurance_plans])
    objects = ClinicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        # Role permissions beyond add/change/delete/view; granted by the groups in 0004_roles.
        permissions = [
            ("view_all_clinics", "Can see and edit every clinic, not only their own"),
            ("verify_clinic", "Can mark a clinic verified"),
            ("change_clinic_status", "Can close and reopen a clinic"),
            ("import_clinic", "Can import clinics from CSV"),
            ("export_clinic", "Can export clinics to CSV"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="clinic_latitude_in_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="clinic_longitude_in_range",
            ),
            models.CheckConstraint(
                condition=Q(zip_code__regex=r"^\d{5}$"), name="clinic_zip_code_five_digits"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["listed", "temporarily_closed", "closed", "draft"]),
                name="clinic_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status="temporarily_closed")
                | Q(closure_reason="", reopens_on__isnull=True),
                name="clinic_closure_only_when_temporarily_closed",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "name"], name="clinic_status_name_idx"),
            # Bounding-box prefilter for distance search.
            models.Index(fields=["latitude", "longitude"], name="clinic_lat_lng_idx"),
            GinIndex(fields=["languages"], name="clinic_languages_gin"),
            models.Index(fields=["last_verified_on"], name="clinic_last_verified_idx"),
            # Search: typo-tolerant word matching on names and towns, and the yes/no filter.
            GinIndex(fields=["name"], name="clinic_name_trgm", opclasses=["gin_trgm_ops"]),
            GinIndex(fields=["city"], name="clinic_city_trgm", opclasses=["gin_trgm_ops"]),
            GinIndex(SearchVector("description", config="english"), name="clinic_description_fts"),
            models.Index(fields=["accepting_new_patients", "status"], name="clinic_accepting_idx"),
            # The default search order: listed clinics by name, first page without a sort.
            models.Index(
                fields=["name", "id"], condition=~Q(status="closed"), name="clinic_listed_name_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Derived fields only: normalised phone and coordinates from the ZIP centroid.
        self.phone = normalise_phone(self.phone)
        if self.latitude is None or self.longitude is None:
            from clinics.geo import zip_centroid

            centroid = zip_centroid(self.zip_code)
            if centroid:
                self.latitude, self.longitude = centroid
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("clinics:clinic_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        if self.phone:
            self.phone = normalise_phone(self.phone)
        if self.state:
            self.state = self.state.upper()
        if self.status != self.Status.TEMPORARILY_CLOSED:
            # The closure is over (or never was): its reason and date no longer apply.
            self.closure_reason, self.reopens_on = "", None
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError("Enter both latitude and longitude, or leave both blank.")
        if self.latitude is None and self.zip_code:
            from clinics.geo import zip_centroid

            if zip_centroid(self.zip_code) is None:
                raise ValidationError(
                    {"zip_code": "We don't know this ZIP code; check it or enter coordinates."}
                )

    @property
    def phone_display(self) -> str:
        return format_phone(self.phone)

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def closure_notice(self) -> str:
        """ "Temporarily closed: Closed for renovation. Expected to reopen on May 4, 2027."

        "" unless the clinic is temporarily closed.
        """
        if self.status != self.Status.TEMPORARILY_CLOSED:
            return ""
        reason = self.closure_reason.strip().rstrip(".")
        if reason:
            notice = gettext("Temporarily closed: %(reason)s.") % {"reason": reason}
        else:
            notice = gettext("Temporarily closed.")
        if self.reopens_on:
            day = date_format(self.reopens_on, gettext("F j, Y"))
            notice += " " + gettext("Expected to reopen on %(date)s.") % {"date": day}
        return notice

    def is_open_at(self, moment: datetime.datetime | None = None) -> bool:
        """Open at `moment` (default: now): listed, and its hours that day cover it.

        Weekly hours unless the date has a holiday or special hours (clinics.hours); uses
        the rows prefetched by ``with_detail_data()``.
        """
        exceptions = getattr(self, "upcoming_hours_exceptions", None)
        if exceptions is None:
            exceptions = self.hours_exceptions.all()
        return self.status == self.Status.LISTED and hours.is_open_at(
            self.opening_hours.all(), moment, exceptions
        )

    @property
    def is_stale(self) -> bool:
        """True when nobody from the directory has verified it for 12 months."""
        if self.last_verified_on is None:
            return True
        return timezone.localdate() - self.last_verified_on > STALE_AFTER

    @cached_property
    def language_labels(self) -> list[str]:
        return [Language(code).label for code in self.languages if code in Language.values]

    @cached_property
    def credential_labels(self) -> list[str]:
        return [
            Credential(code).label
            for code in self.clinician_credentials
            if code in Credential.values
        ]

    # --- Shown by the search results and the clinic page ---

    def headline_price(self, treatment_slug: str | None = None) -> HeadlinePrice | None:
        """The one price a search card states: a treatment's lowest self-pay price a session.

        For `treatment_slug` (the treatment searched for) when the clinic lists it, else
        for the clinic's main treatment: the first listed offering, in the treatments'
        display order, that states a price (the first offering when none does). Never the
        consultation fee, and never the cheapest of unlike treatments: a $75 telehealth
        visit says nothing about what an infusion costs. None when nothing is listed.
        Uses the offerings prefetched by ``with_detail_data()``;
        ``ClinicQuerySet.with_headline_price()`` is the same rule in SQL, for lists.
        """
        offers = sorted(
            (offer for offer in self.clinic_treatments.all() if offer.is_listed),
            key=lambda offer: (offer.treatment.sort_order, offer.treatment.name),
        )
        chosen = [offer for offer in offers if offer.treatment.slug == treatment_slug]
        priced = [offer for offer in offers if offer.price_min is not None]
        offer = next(iter(chosen or priced or offers), None)
        if offer is None:
            return None
        return HeadlinePrice(offer.treatment.name, offer.price_min)

    @property
    def states_course_prices(self) -> bool:
        """Whether a listed offering states the price of a full course (uses the prefetch)."""
        return any(
            offer.course_price is not None
            for offer in self.clinic_treatments.all()
            if offer.is_listed
        )

    @property
    def price_from(self) -> int | None:
        """Lowest self-pay price per session over its treatments (uses the prefetch)."""
        prices = [t.price_min for t in self.clinic_treatments.all() if t.price_min is not None]
        return min(prices, default=None)

    @property
    def fda_warning_treatments(self) -> list[Treatment]:
        """Listed treatments that carry the FDA's compounded-ketamine warning.

        Uses the listed offerings prefetched by ``with_detail_data()``.
        """
        return [
            offer.treatment
            for offer in self.clinic_treatments.all()
            if offer.treatment.fda_compounding_warning
        ]

    @property
    def full_address(self) -> str:
        return f"{self.street_address}, {self.city}, {self.state} {self.zip_code}"

    @property
    def directions_url(self) -> str:
        """A plain link to turn-by-turn directions (nothing is requested from Google)."""
        from urllib.parse import urlencode

        query = urlencode({"api": "1", "destination": f"{self.name}, {self.full_address}"})
        return f"https://www.google.com/maps/dir/?{query}"


class HeadlinePrice(NamedTuple):
    """A treatment's name and its lowest self-pay price per session (None: not stated)."""

    treatment_name: str
    price_min: int | None

    def __str__(self) -> str:
        if self.price_min is None:
            return gettext("%(treatment)s: ask the clinic for prices") % {
                "treatment": self.treatment_name
            }
        return gettext("%(treatment)s from %(price)s a session") % {
            "treatment": self.treatment_name,
            "price": f"${self.price_min:,}",
        }


class ClinicSlugRedirect(models.Model):
    """An old address of a renamed clinic, which still leads to it.

    Written by clinics.signals whenever a clinic's slug changes; rows point at the
    clinic, not at a slug, so a chain of renames (A to B to C) needs no resolving.
    """

    old_slug = models.SlugField(max_length=200, unique=True)
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="slug_redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]
        verbose_name = "old clinic address"
        verbose_name_plural = "old clinic addresses"

    def __str__(self) -> str:
        return self.old_slug


REMS_REFUSAL = (
    "{treatment} can only be listed by a clinic certified under its REMS, the FDA safety "
    "program that requires it to be given and watched at a certified clinic. Mark the "
    "clinic as REMS-certified once its certification is confirmed, or remove this treatment."
)
REMS_HIDDEN_WARNING = (
    "{treatment} is hidden from the public listing until the clinic's REMS certification "
    "is recorded."
)


class ClinicTreatment(models.Model):
    """A treatment a clinic offers, with an optional self-pay price range per session.

    Public pages, search, facet counts and prices read only listed offerings
    (``ClinicTreatment.objects.listed()``); the admin sees every row. A treatment that
    requires REMS certification (Spravato) may be listed only where the clinic is
    certified: ``clean()`` says so in words, and a trigger (migration 0010) makes the
    database refuse anything else. Offerings that broke the rule before it existed were
    hidden, not deleted, and are listed again once the certification is recorded.
    """

    class HiddenReason(models.TextChoices):
        REMS_NOT_RECORDED = "rems_not_recorded", "REMS certification not recorded"

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="clinic_treatments")
    treatment = models.ForeignKey(Treatment, on_delete=models.PROTECT, related_name="offerings")
    price_min = models.PositiveIntegerField(
        "self-pay price from (USD)", null=True, blank=True, help_text="Per session, whole dollars."
    )
    price_max = models.PositiveIntegerField(
        "self-pay price to (USD)", null=True, blank=True, help_text="Per session, whole dollars."
    )
    rems_certified = models.BooleanField(
        "REMS-certified treatment center",
        default=False,
        help_text="Spravato only: the clinic is certified under the Spravato REMS.",
    )
    course_price = models.PositiveIntegerField(
        "self-pay price of a full course (USD)",
        null=True,
        blank=True,
        help_text="What a typical full course costs in all, e.g. six infusions; whole dollars.",
    )
    course_sessions = models.PositiveSmallIntegerField(
        "sessions in that course",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="How many sessions that course price pays for, e.g. 6.",
    )
    # Which plans this clinic bills for this treatment: a clinic may take Medi-Cal for
    # Spravato yet charge everyone for IV infusions. None: self-pay only.
    insurance_plans = models.ManyToManyField(
        InsurancePlan,
        related_name="covered_offerings",
        blank=True,
        verbose_name="insurance plans that cover it",
        help_text="Plans the clinic bills for this treatment. Tick none for self-pay only.",
    )
    notes = models.CharField(max_length=200, blank=True)
    is_listed = models.BooleanField(
        "shown to the public",
        default=True,
        editable=False,
        help_text="Hidden offerings are left out of every public page, search and price.",
    )
    hidden_reason = models.CharField(
        max_length=30, choices=HiddenReason.choices, blank=True, editable=False
    )

    history = HistoricalRecords(m2m_fields=[insurance_plans])
    objects = ClinicTreatmentQuerySet.as_manager()

    class Meta:
        ordering = ["treatment__sort_order", "treatment__name"]
        verbose_name = "treatment offered"
        verbose_name_plural = "treatments offered"
        constraints = [
            models.UniqueConstraint(fields=["clinic", "treatment"], name="clinic_treatment_unique"),
            models.CheckConstraint(
                condition=Q(price_min__isnull=True)
                | Q(price_max__isnull=True)
                | Q(price_min__lte=models.F("price_max")),
                name="clinic_treatment_price_min_lte_max",
            ),
            # Nothing is hidden without a reason the admin can show.
            models.CheckConstraint(
                condition=Q(is_listed=True, hidden_reason="")
                | (Q(is_listed=False) & ~Q(hidden_reason="")),
                name="clinic_treatment_hidden_has_reason",
            ),
            # A course price means nothing without the number of sessions it pays for.
            models.CheckConstraint(
                condition=Q(course_price__isnull=True, course_sessions__isnull=True)
                | Q(
                    course_price__isnull=False,
                    course_sessions__isnull=False,
                    course_sessions__gte=1,
                ),
                name="clinic_treatment_course_price_has_sessions",
            ),
        ]
        indexes = [models.Index(fields=["treatment", "clinic"], name="clinictreatment_tc_idx")]

    def __str__(self) -> str:
        return f"{self.treatment} at {self.clinic}"

    def save(self, *args, **kwargs):
        # Hidden only for want of certification: recording it (or moving the row to a
        # treatment that needs none) lists the offering again.
        if self.hidden_reason == self.HiddenReason.REMS_NOT_RECORDED and (
            self.rems_certified or not self.treatment.requires_rems
        ):
            self.is_listed, self.hidden_reason = True, ""
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "is_listed", "hidden_reason"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if (
            self.price_min is not None
            and self.price_max is not None
            and self.price_min > self.price_max
        ):
            raise ValidationError({"price_max": "The highest price must not be below the lowest."})
        if (self.course_price is None) != (self.course_sessions is None):
            raise ValidationError(
                {
                    "course_sessions": (
                        "Enter both the course price and how many sessions it pays for, "
                        "or leave both blank."
                    )
                },
                code="course_incomplete",
            )
        if self.breaks_rems_rule:
            raise ValidationError(
                {"rems_certified": REMS_REFUSAL.format(treatment=self.treatment)},
                code="rems_not_certified",
            )

    @property
    def breaks_rems_rule(self) -> bool:
        """Listed without certification, for a treatment that requires REMS.

        An offering already hidden for want of certification stays hidden, and may be
        edited meanwhile.
        """
        return (
            self.is_listed
            and not self.rems_certified
            and self.treatment_id is not None
            and self.treatment.requires_rems
        )

    @property
    def hidden_warning(self) -> str:
        """What the admin says about a hidden offering ("" when it is listed)."""
        if self.is_listed:
            return ""
        if self.hidden_reason == self.HiddenReason.REMS_NOT_RECORDED:
            return REMS_HIDDEN_WARNING.format(treatment=self.treatment)
        return f"{self.treatment} is hidden from the public listing."

    @property
    def price_display(self) -> str:
        if self.price_min is None and self.price_max is None:
            return ""
        if self.price_min is not None and self.price_max is not None:
            if self.price_min == self.price_max:
                return f"${self.price_min:,}"
            return f"${self.price_min:,}–${self.price_max:,}"
        if self.price_min is not None:
            return gettext("from %(price)s") % {"price": f"${self.price_min:,}"}
        return gettext("up to %(price)s") % {"price": f"${self.price_max:,}"}

    @property
    def course_price_display(self) -> str:
        """ "$2,700 for 6 sessions", or "" when no course price is stated."""
        if self.course_price is None or not self.course_sessions:
            return ""
        return ngettext(
            "%(price)s for %(count)s session",
            "%(price)s for %(count)s sessions",
            self.course_sessions,
        ) % {"price": f"${self.course_price:,}", "count": self.course_sessions}


class OpeningHours(models.Model):
    """One opening interval on one weekday, in Pacific time. No row = closed that day."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"
        SATURDAY = 5, "Saturday"
        SUNDAY = 6, "Sunday"

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField()
    closes = models.TimeField(help_text="Must be after the opening time (no overnight intervals).")

    history = HistoricalRecords()

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = "opening hours"
        verbose_name_plural = "opening hours"
        constraints = [
            models.CheckConstraint(
                condition=Q(opens__lt=models.F("closes")), name="opening_hours_opens_before_closes"
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6), name="opening_hours_weekday_valid"
            ),
            models.UniqueConstraint(
                fields=["clinic", "weekday", "opens"], name="opening_hours_unique_start"
            ),
        ]
        indexes = [models.Index(fields=["weekday", "opens", "closes"], name="openinghours_day_idx")]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self) -> None:
        super().clean()
        if self.opens and self.closes and self.opens >= self.closes:
            raise ValidationError({"closes": "Closing time must be after opening time."})


class HoursException(models.Model):
    """A date on which a clinic's weekly hours do not apply: a holiday, or special hours.

    Closed all day, or open for a time range (two for a clinic that closes for lunch) in
    Pacific time, read like weekly hours (clinics.hours): on that date these replace the
    weekday's hours for "open now", search, the clinic page and its JSON-LD.
    """

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="hours_exceptions")
    date = models.DateField()
    closed = models.BooleanField("closed all day", default=True)
    opens = models.TimeField(null=True, blank=True)
    closes = models.TimeField(null=True, blank=True)
    reopens = models.TimeField("reopens (optional)", null=True, blank=True)
    closes_again = models.TimeField("closes again", null=True, blank=True)
    note = models.CharField(
        max_length=120, blank=True, help_text="Shown to patients, e.g. “Thanksgiving”."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = "holiday or special hours"
        verbose_name_plural = "holidays and special hours"
        constraints = [
            models.UniqueConstraint(fields=["clinic", "date"], name="hours_exception_one_per_date"),
            # Closed with no times, or open from `opens` to `closes` and perhaps again
            # from `reopens` (not before `closes`) to `closes_again`.
            models.CheckConstraint(
                condition=Q(
                    closed=True,
                    opens__isnull=True,
                    closes__isnull=True,
                    reopens__isnull=True,
                    closes_again__isnull=True,
                )
                | (
                    Q(
                        closed=False,
                        opens__isnull=False,
                        closes__isnull=False,
                        opens__lt=models.F("closes"),
                    )
                    & (
                        Q(reopens__isnull=True, closes_again__isnull=True)
                        | Q(
                            reopens__isnull=False,
                            closes_again__isnull=False,
                            reopens__gte=models.F("closes"),
                            closes_again__gt=models.F("reopens"),
                        )
                    )
                ),
                name="hours_exception_closed_or_hours",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.hours_display}"

    def clean(self) -> None:
        super().clean()
        times = (self.opens, self.closes, self.reopens, self.closes_again)
        if self.closed:
            if any(value is not None for value in times):
                raise ValidationError(
                    {
                        "closed": "Untick “Closed all day” to keep these times, or clear them.",
                    },
                    code="closed_with_times",
                )
            return
        if self.opens is None or self.closes is None:
            raise ValidationError(
                {"opens": "Enter the opening and closing times, or tick “Closed all day”."},
                code="no_times",
            )
        if self.closes <= self.opens:
            raise ValidationError({"closes": "Closing time must be after opening time."})
        if (self.reopens is None) != (self.closes_again is None):
            raise ValidationError(
                {"closes_again": "Enter both times of the second range, or leave both blank."},
                code="half_range",
            )
        if self.reopens is not None:
            if self.reopens < self.closes:
                raise ValidationError(
                    {"reopens": "The second range must start after the first one closes."},
                    code="overlap",
                )
            if self.closes_again <= self.reopens:
                raise ValidationError({"closes_again": "Closing time must be after opening time."})

    @property
    def intervals(self) -> list[tuple[datetime.time, datetime.time]]:
        """(opens, closes) pairs, in order; none when closed all day."""
        if self.closed or self.opens is None or self.closes is None:
            return []
        pairs = [(self.opens, self.closes)]
        if self.reopens is not None and self.closes_again is not None:
            pairs.append((self.reopens, self.closes_again))
        return pairs

    @property
    def hours_display(self) -> str:
        """ "closed", or "9:00 AM–1:00 PM" (12-hour clock, as the public page)."""
        return hours.format_intervals(self.intervals) or pgettext("opening hours", "closed")


class ClinicMembership(models.Model):
    """Links a clinic staff member's account to a clinic they may edit."""

    class Role(models.TextChoices):
        MANAGER = "manager", "Manager"
        EDITOR = "editor", "Editor"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinic_memberships"
    )
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["clinic__name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "clinic"], name="clinic_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.clinic} ({self.get_role_display()})"


class ProblemReport(models.Model):
    """A member of the public telling us a listing is wrong. No health information."""

    class Category(models.TextChoices):
        PHONE = "phone", _("Phone number is wrong")
        ADDRESS = "address", _("Address is wrong")
        HOURS = "hours", _("Opening hours are wrong")
        CLOSED = "closed", _("Clinic has closed")
        PRICES = "prices", _("Prices are wrong")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        NEW = "new", "New"
        RESOLVED = "resolved", "Resolved"
        DISMISSED = "dismissed", "Dismissed"

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="problem_reports")
    category = models.CharField("what is wrong", max_length=10, choices=Category.choices)
    details = models.TextField(max_length=2000, blank=True)
    reply_email = models.EmailField("email for a reply", blank=True)
    # HMAC-SHA256 of the sender's IP address keyed with SECRET_KEY (see
    # services.problem_report_fingerprint), only for rate limiting; the IP is never kept.
    sender_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    staff_notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="problemreport_status_idx"),
            models.Index(
                fields=["sender_fingerprint", "created_at"], name="problemreport_rate_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} — {self.clinic}"


https_url_validator = URLValidator(
    schemes=["https"], message="Enter a secure web address that starts with https://."
)


class CrisisResourceQuerySet(models.QuerySet):
    def active(self) -> CrisisResourceQuerySet:
        """The services shown in the crisis help panel and on the about page, in order."""
        return self.filter(is_active=True)


class CrisisResource(models.Model):
    """A local crisis service shown beside the 988 Lifeline and 911 in the crisis help panel.

    People in crisis call these numbers, so only verified, real services belong here;
    the demo data has none. 988 and 911 are always shown and are not rows.
    """

    name = models.CharField(max_length=200, help_text="The service's own name, as it answers.")
    phone = models.CharField(
        max_length=20,
        validators=[validate_us_phone],
        help_text="A ten-digit US number you have called yourself to check it.",
    )
    hours = models.CharField(
        max_length=200, help_text="When it answers, e.g. “24 hours a day, 7 days a week”."
    )
    languages = ChoiceArrayField(
        models.CharField(max_length=5, choices=Language.choices),
        default=list,
        blank=True,
        help_text="Languages the service answers in.",
    )
    website = models.URLField(
        "web address",
        blank=True,
        validators=[https_url_validator],
        help_text="Optional; the service's own page, starting with https://.",
    )
    sort_order = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(
        "shown on the site",
        default=True,
        help_text="Untick to hide a service at once, e.g. while its number is being checked.",
    )

    objects = CrisisResourceQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(website="") | Q(website__startswith="https://"),
                name="crisis_resource_website_https",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.phone = normalise_phone(self.phone)
        super().save(*args, **kwargs)

    @property
    def phone_display(self) -> str:
        return format_phone(self.phone)

    @property
    def language_labels(self) -> list[str]:
        return [Language(code).label for code in self.languages if code in Language.values]


# --- Clinics asking to be listed, or to manage their listing ----------------------------


class ListingRequest(models.Model):
    """A clinic asking to be listed, or to manage its existing listing. No health information.

    Stored as the requester typed it; nothing is public until a directory admin
    approves it (``services.listing_request_approve``), which creates the clinic as a
    draft (or links the claimed one) and invites the requester as clinic staff.
    """

    class Kind(models.TextChoices):
        NEW = "new", "List a new clinic"
        CLAIM = "claim", "Manage an existing listing"

    class Status(models.TextChoices):
        NEW = "new", "New"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.NEW)
    # The listing claimed; for a new clinic, the draft clinic created on approval.
    clinic = models.ForeignKey(
        Clinic,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="listing_requests",
    )
    clinic_name = models.CharField("clinic name", max_length=200)
    street_address = models.CharField(max_length=200)
    city = models.CharField(max_length=100)
    zip_code = models.CharField("ZIP code", max_length=5, validators=[zip_code_validator])
    phone = models.CharField(
        "clinic phone", max_length=20, validators=[validate_us_phone], help_text="For patients."
    )
    website = models.URLField("clinic website", blank=True)
    treatments = models.ManyToManyField(
        Treatment, related_name="+", blank=True, verbose_name="treatments offered"
    )
    contact_name = models.CharField("contact's name", max_length=150)
    contact_role = models.CharField("contact's role at the clinic", max_length=100)
    contact_email = models.EmailField("contact's work email")
    contact_phone = models.CharField(
        "contact's work phone", max_length=20, validators=[validate_us_phone]
    )
    # Keyed hash of the sender's IP address, for the rate limit only (as ProblemReport).
    sender_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    # The language of the page the request was sent from: the requester's mails use it.
    language = models.CharField(
        max_length=7, choices=settings.LANGUAGES, default="en", editable=False
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    staff_notes = models.TextField(
        blank=True, help_text="For directory admins only, e.g. how the requester was checked."
    )
    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="staff account",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "listing request"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["new", "approved", "rejected"]),
                name="listing_request_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["new", "claim"]), name="listing_request_kind_valid"
            ),
            # An approved request always says which clinic it gave access to.
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(clinic__isnull=False, staff_user__isnull=False),
                name="listing_request_approved_has_clinic",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="listingrequest_status_idx"),
            models.Index(
                fields=["sender_fingerprint", "created_at"], name="listingrequest_rate_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.clinic_name}"

    def save(self, *args, **kwargs):
        self.phone = normalise_phone(self.phone)
        self.contact_phone = normalise_phone(self.contact_phone)
        super().save(*args, **kwargs)

    @property
    def phone_display(self) -> str:
        return format_phone(self.phone)

    @property
    def contact_phone_display(self) -> str:
        return format_phone(self.contact_phone)


class StaleListingReminder(models.Model):
    """A reminder mailed to a clinic's staff that its listing needs checking.

    ``services.stale_listing_reminders_send`` writes one per clinic per day at most (the
    unique constraint) and skips clinics reminded recently, so a daily cron that runs
    twice sends nothing twice.
    """

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="stale_reminders")
    sent_on = models.DateField()
    sent_to = models.TextField(help_text="The addresses it went to, one per line.")

    class Meta:
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(fields=["clinic", "sent_on"], name="stale_reminder_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.clinic} reminded on {self.sent_on}"
