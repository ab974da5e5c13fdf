"""Admin forms for clinics: the one field layout, optimistic locking and the weekly hours.

The clinic form carries the version it was loaded with, so a save that would overwrite
someone else's newer save is refused (config.site.edit_conflicts).

Opening hours are edited as a week, not as database rows: one line per weekday with a
"Closed" box and up to two time ranges (for a clinic that closes for lunch), typed the
way people say them ("9am", "12:30 pm", "noon"). ``WeeklyHoursForm`` turns that into
the OpeningHours rows the admin saves with the clinic, in the same transaction.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils import timezone

from clinics.hours import END_OF_DAY, WEEKDAY_NAMES
from clinics.models import Clinic, HoursException, format_phone
from config.site.edit_conflicts import VersionedModelForm
from config.site.security import log_refusal

# The one list of a clinic's fields, grouped as the admin shows them. The admin form's
# fields and the CSV columns (clinics.resources) are derived from it, so a new field is
# added here once. Each fieldset names only model fields, except "loaded_version" (the
# form's own hidden field) and the verification summaries, which the admin renders.
CLINIC_VERIFICATION_FIELDS = ["directory_verification", "clinic_confirmation", "last_saved"]
# Internal fields: clinic staff never see this section; directory admins find it folded.
DIRECTORY_ADMIN_SECTION = "Directory admin"
# Shown, never typed in.
CLINIC_READONLY_FIELDS = [*CLINIC_VERIFICATION_FIELDS, "version"]
# The weekly opening hours (a form of their own, below) are drawn right after this section.
HOURS_AFTER_SECTION = "Phone, email and website"
CLINIC_FIELDSETS = [
    (
        "About the clinic",
        {
            "fields": [
                "name",
                "status",
                "closure_reason",
                "reopens_on",
                "description",
                "loaded_version",
            ],
            "description": (
                "What patients see on the clinic's public page. You can mark the clinic "
                "temporarily closed, with the reason and when it expects to reopen, and "
                "list it again when it reopens. Only directory admins change the clinic's "
                "name or close a listing for good; if these are wrong, tell us through "
                "“Report a problem” on the public page."
            ),
        },
    ),
    (
        "Address",
        {
            "fields": ["street_address", "city", "state", "zip_code"],
            "description": "Patients search by distance from this address.",
        },
    ),
    (HOURS_AFTER_SECTION, {"fields": ["phone", "email", "website", "booking_url"]}),
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
            "fields": [
                "self_pay",
                "accepts_hsa_fsa",
                "offers_financing",
                "insurance_plans",
                "consult_fee",
            ],
            "description": (
                "Prices per treatment, and which plans cover each treatment, are in "
                "“Treatments offered” below."
            ),
        },
    ),
    (
        "Checks of this listing",
        {
            "fields": CLINIC_VERIFICATION_FIELDS,
            "description": (
                "The directory verifies each listing with the clinic at least once a year; "
                "after 12 months without it, the public page says the details may be out "
                "of date. Clinic staff can also confirm the details are still accurate "
                "(the button at the bottom); the public page shows both dates."
            ),
        },
    ),
    (
        DIRECTORY_ADMIN_SECTION,
        {
            "fields": ["slug", "is_demo", "latitude", "longitude", "version"],
            "classes": ["collapse"],
            "description": (
                "Internal fields that clinic staff do not see. Leave the coordinates blank "
                "to use the ZIP code's centre."
            ),
        },
    ),
]
# The model fields people edit, in the order the admin shows them.
CLINIC_EDITABLE_FIELDS = [
    name
    for _, options in CLINIC_FIELDSETS
    for name in options["fields"]
    if name != "loaded_version" and name not in CLINIC_READONLY_FIELDS
]
# Changing one of these moves the clinic on the map, unless coordinates are typed in.
CLINIC_ADDRESS_FIELDS = {"street_address", "city", "zip_code"}


# --- Opening hours, as a week ------------------------------------------------------------

TIME_EXAMPLE = "Enter a time like 9am or 5:30 PM."
AM_OR_PM = "Add am or pm, like 9am or 5:30 PM."
ONE_TIME_PER_BOX = (
    "Enter one time per box: the opening time in “Opens”, the closing time in “Closes”."
)
TIME_RANGE = re.compile(r"[\d.m]\s*(?:-|–|—|to|until)\s*\d")
WORD_TIMES = {
    "noon": datetime.time(12, 0),
    "midday": datetime.time(12, 0),
    "12noon": datetime.time(12, 0),
    "midnight": datetime.time(0, 0),
    "12midnight": datetime.time(0, 0),
}
TIME_PATTERN = re.compile(
    r"""
    (?P<hour>\d{1,2})
    (?:
        \s*[:.h]\s*(?P<minute>\d{2})(?::(?P<second>\d{2}))?   # 9:30, 9.30, 17h30, 08:00:00
        | (?P<compact_minute>\d{2})                           # 930, 1730
    )?
    \s*(?:(?P<meridiem>[ap])\.?\s*m?\.?)?                     # am, a.m., p, PM
    """,
    re.VERBOSE | re.IGNORECASE,
)


def parse_time_of_day(text: str) -> datetime.time:
    """The time of day in what someone typed: "9am", "9:30 AM", "17:00", "5 pm", "noon".

    A 12-hour time needs "am" or "pm"; without one, "9:30" could be morning or evening,
    so only unambiguous times are taken as 24-hour clock ("09:30", "17:00", "12:30").
    "midnight" (and "12am", "24:00") is 00:00; as a closing time the form reads it as the
    end of the day. Raises ValidationError with a message for the person who typed it.
    """
    value = " ".join(text.split()).lower()
    if value.replace(" ", "") in WORD_TIMES:
        return WORD_TIMES[value.replace(" ", "")]
    match = TIME_PATTERN.fullmatch(value)
    if not match and TIME_RANGE.search(value):
        raise ValidationError(ONE_TIME_PER_BOX, code="range")
    if not match:
        raise ValidationError(TIME_EXAMPLE, code="invalid")
    hour = int(match["hour"])
    minute = int(match["minute"] or match["compact_minute"] or 0)
    if minute > 59 or int(match["second"] or 0) > 59:
        raise ValidationError(TIME_EXAMPLE, code="invalid")
    if match["meridiem"]:
        if not 1 <= hour <= 12:
            raise ValidationError(TIME_EXAMPLE, code="invalid")
        hour = hour % 12 + (12 if match["meridiem"] == "p" else 0)
    elif hour == 24 and minute == 0:
        hour = 0
    elif hour > 23:
        raise ValidationError(TIME_EXAMPLE, code="invalid")
    elif 1 <= hour <= 11 and not match["hour"].startswith("0"):
        raise ValidationError(AM_OR_PM, code="am_or_pm")
    return datetime.time(hour, minute)


def format_time_of_day(value: datetime.time) -> str:
    """12-hour clock, as the public page shows it: "9:00 AM", "12:30 PM"."""
    return f"{value.hour % 12 or 12}:{value.minute:02d} {'AM' if value.hour < 12 else 'PM'}"


class TimeOfDayField(forms.Field):
    """A time typed in words people use; see parse_time_of_day.

    A closing time of midnight is stored as END_OF_DAY (23:59), which the site reads as
    open until midnight (clinics.hours), and shown as "midnight".
    """

    widget = forms.TextInput(attrs={"size": 9, "autocomplete": "off", "spellcheck": "false"})

    def __init__(self, *, closing: bool = False, **kwargs):
        self.closing = closing
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value) -> datetime.time | None:
        if value in self.empty_values or not str(value).strip():
            return None
        if isinstance(value, datetime.time):
            return value
        parsed = parse_time_of_day(str(value))
        if self.closing and parsed == datetime.time(0, 0):
            return END_OF_DAY
        return parsed

    def prepare_value(self, value):
        if isinstance(value, datetime.time):
            if self.closing and value >= END_OF_DAY:
                return "midnight"
            return format_time_of_day(value)
        return value

    def has_changed(self, initial, data) -> bool:
        try:
            return self.to_python(data) != initial
        except ValidationError:
            return True


DAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


@dataclass
class Interval:
    opens: forms.BoundField
    closes: forms.BoundField


@dataclass
class HoursDay:
    """One weekday as the template draws it."""

    name: str
    closed: forms.BoundField
    intervals: list[Interval]


class WeeklyHoursForm(forms.Form):
    """A clinic's week: each weekday is "Closed" or has up to two opening time ranges.

    Built from the clinic's OpeningHours rows (``intervals``); a day that already has
    more ranges gets as many boxes, so saving never drops one. After validation,
    ``intervals`` holds the week as (weekday, opens, closes) tuples, Monday = 0.
    """

    def __init__(self, *args, intervals=(), **kwargs):
        by_day: list[list[tuple[datetime.time, datetime.time]]] = [[] for _ in DAY_KEYS]
        for row in intervals:
            by_day[row.weekday].append((row.opens, row.closes))
        self.slots = max(2, *(len(ranges) for ranges in by_day))
        initial = {}
        for key, ranges in zip(DAY_KEYS, by_day, strict=True):
            initial[f"{key}_closed"] = not ranges
            for number, (opens, closes) in enumerate(sorted(ranges), start=1):
                initial[f"{key}_opens_{number}"] = opens
                initial[f"{key}_closes_{number}"] = closes
        kwargs["initial"] = {**initial, **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        for key in DAY_KEYS:
            self.fields[f"{key}_closed"] = forms.BooleanField(label="Closed", required=False)
            for number in range(1, self.slots + 1):
                again = number > 1
                self.fields[f"{key}_opens_{number}"] = TimeOfDayField(
                    label="Reopens (optional)" if again else "Opens"
                )
                self.fields[f"{key}_closes_{number}"] = TimeOfDayField(
                    label="Closes again" if again else "Closes", closing=True
                )
        self.intervals: list[tuple[int, datetime.time, datetime.time]] = []

    def days(self) -> list[HoursDay]:
        return [
            HoursDay(
                name=name,
                closed=self[f"{key}_closed"],
                intervals=[
                    Interval(opens=self[f"{key}_opens_{n}"], closes=self[f"{key}_closes_{n}"])
                    for n in range(1, self.slots + 1)
                ],
            )
            for key, name in zip(DAY_KEYS, WEEKDAY_NAMES, strict=True)
        ]

    def clean(self):
        cleaned = super().clean()
        self.intervals = []
        for weekday, (key, name) in enumerate(zip(DAY_KEYS, WEEKDAY_NAMES, strict=True)):
            self.intervals += [(weekday, *pair) for pair in self._clean_day(cleaned, key, name)]
        return cleaned

    def _clean_day(self, cleaned, key: str, name: str) -> list[tuple]:
        ranges, typed = [], False
        for number in range(1, self.slots + 1):
            opens_name, closes_name = f"{key}_opens_{number}", f"{key}_closes_{number}"
            if opens_name in self.errors or closes_name in self.errors:
                typed = True  # unreadable times were typed; their errors say so
                continue
            opens, closes = cleaned.get(opens_name), cleaned.get(closes_name)
            if opens is None and closes is None:
                continue
            typed = True
            if closes is None:
                self.add_error(closes_name, "Enter the closing time too.")
            elif opens is None:
                self.add_error(opens_name, "Enter the opening time too.")
            elif closes <= opens:
                self.add_error(closes_name, "Closing time must be after opening time.")
            else:
                ranges.append((opens, closes, opens_name))
        closed_name = f"{key}_closed"
        if cleaned.get(closed_name) and typed:
            self.add_error(
                closed_name,
                f"{name} is ticked “Closed” but has times: untick “Closed” to keep the "
                "times, or clear them.",
            )
            return []
        if not cleaned.get(closed_name) and not typed:
            self.add_error(f"{key}_opens_1", f"Enter {name}'s hours, or tick “Closed”.")
            return []
        ranges.sort()
        for earlier, later in zip(ranges, ranges[1:], strict=False):
            if later[0] < earlier[1]:
                self.add_error(
                    later[2],
                    f"These times overlap {name}'s other opening times: each time range "
                    "must start after the one before it closes.",
                )
                return []
        return [(opens, closes) for opens, closes, _ in ranges]


# --- The clinic form ----------------------------------------------------------------------


class PhoneInput(forms.TextInput):
    input_type = "tel"


HOURS_ERROR = "Some opening hours need a second look; see “Opening hours” below."


class ClinicAdminForm(VersionedModelForm):
    conflict_message = (
        "{who} saved this clinic at {time} while you were editing. Nothing of yours was "
        "saved: your changes are still in the form below. Compare them with the current "
        "listing (open it in a new tab), then save again to keep yours."
    )
    # The weekly hours travel with the clinic; the admin turns them off where the page
    # does not show them (restoring an old version from the history).
    edits_opening_hours = True
    # The statuses this user may choose (clinics.permissions.clinic_statuses_allowed);
    # the admin sets it per request. None: every status.
    status_choices: list[str] | None = None

    class Meta:
        model = Clinic
        # The admin narrows this further from its fieldsets and read-only fields.
        fields = CLINIC_EDITABLE_FIELDS
        # Plain words for the office manager; the model's names stay as they are.
        labels = {
            "name": "Clinic name",
            "status": "Listing status",
            "description": "About the clinic",
            "phone": "Phone number",
            "email": "Email address for patients",
            "website": "Website",
            "booking_url": "Online booking page",
            "accepting_new_patients": "Taking new patients",
            "referral_required": "Patients need a referral",
            "languages": "Languages spoken with patients",
            "conditions": "Conditions treated",
            "clinician_credentials": "Clinicians who treat patients here",
            "self_pay": "Accepts self-pay (no insurance)",
            "accepts_hsa_fsa": "Accepts HSA or FSA cards",
            "offers_financing": "Offers payment plans or financing",
            "closure_reason": "Why it is temporarily closed",
            "reopens_on": "Expected to reopen on",
            "consult_fee": "Consultation fee (USD)",
        }
        help_texts = {
            "description": "A few sentences for patients, shown on the clinic's public page.",
            "state": "Two letters, for example CA.",
            "phone": "The number patients call, for example (916) 555-0100.",
            "email": "Optional. Shown on the public page.",
            "website": "Optional. The full address, for example https://www.example.com",
            "booking_url": "Optional. Where patients book an appointment online.",
            "languages": "Tick every language the clinic's staff speak with patients.",
            "conditions": "Tick every condition the clinic treats.",
            "clinician_credentials": "Tick every kind of clinician who treats patients here.",
            "closure_reason": (
                "Only while “Temporarily closed”: shown to patients, e.g. “Closed for "
                "renovation”. Cleared when the clinic is listed again."
            ),
            "reopens_on": "Optional; shown to patients. Cleared when the clinic is listed again.",
        }
        widgets = {"phone": PhoneInput(attrs={"autocomplete": "tel"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "phone" in self.initial:
            # Stored as +19165550100 for tel: links; shown the way people write it.
            self.initial["phone"] = format_phone(self.initial["phone"])
        if "status" in self.fields and self.status_choices is not None:
            # Anything else posted is refused as "not one of the available choices".
            self.fields["status"].choices = [
                choice for choice in Clinic.Status.choices if choice[0] in self.status_choices
            ]
        self.hours = None
        if self.edits_opening_hours:
            self.hours = WeeklyHoursForm(
                self.data if self.is_bound else None,
                intervals=self.instance.opening_hours.all() if self.instance.pk else (),
                prefix="hours",
            )

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self.hours is not None and not self.hours.is_valid():
            self.add_error(None, ValidationError(HOURS_ERROR, code="opening_hours"))

    def clean(self):
        cleaned = super().clean()
        if (
            self.instance.pk
            and "latitude" not in self.fields
            and CLINIC_ADDRESS_FIELDS & set(self.changed_data)
        ):
            # Whoever cannot see the coordinates cannot fix them: a new address puts the
            # clinic at its ZIP code's centre (Clinic.save), not at the old place.
            self.instance.latitude = self.instance.longitude = None
        self._clean_closure(cleaned)
        return cleaned

    def _clean_closure(self, cleaned) -> None:
        """A closure reason or reopening date typed for a clinic that is not closed is a
        mistake to point out; left over from the closure, Clinic.clean() clears them."""
        status = cleaned.get("status", self.instance.status)
        if status == Clinic.Status.TEMPORARILY_CLOSED:
            reopens_on = cleaned.get("reopens_on")
            if (
                "reopens_on" in self.changed_data
                and reopens_on is not None
                and reopens_on < timezone.localdate()
            ):
                self.add_error("reopens_on", "Enter a date from today on, or leave it blank.")
            return
        for name in ("closure_reason", "reopens_on"):
            if name in self.changed_data and cleaned.get(name):
                self.add_error(
                    name,
                    "Set the listing status to “Temporarily closed” to show this, or clear it.",
                )


class HoursExceptionForm(forms.ModelForm):
    """One date's holiday closure or special hours, with times typed as in the weekly hours."""

    opens = TimeOfDayField(label="Opens")
    closes = TimeOfDayField(label="Closes", closing=True)
    reopens = TimeOfDayField(label="Reopens (optional)")
    closes_again = TimeOfDayField(label="Closes again", closing=True)

    class Meta:
        model = HoursException
        fields = ["date", "closed", "opens", "closes", "reopens", "closes_again", "note"]
        labels = {"note": "Note for patients"}
        help_texts = {"note": "Optional, e.g. “Thanksgiving”; up to 120 characters."}
        widgets = {"note": forms.TextInput(attrs={"size": 24, "maxlength": 120})}


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
