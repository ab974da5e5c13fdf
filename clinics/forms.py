"""Public forms for the clinic directory. Validation only; writes live in services.py."""

from django import forms
from django.core.exceptions import ValidationError

from clinics.geo import resolve_place
from clinics.models import ProblemReport
from clinics.querysets import search_terms

DETAILS_MAX_LENGTH = 2000
DEFAULT_RADIUS = 25
MIN_RADIUS, MAX_RADIUS = 1, 100


class ProblemReportForm(forms.Form):
    """The public "Report a problem with this listing" form. It asks nothing about health."""

    # A field people never see; bots that fill every input give themselves away.
    HONEYPOT_FIELD = "website"

    category = forms.ChoiceField(
        label="What is wrong?",
        choices=ProblemReport.Category.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what is wrong with this listing.",
            "invalid_choice": "Choose one of the options listed under “What is wrong?”.",
        },
    )
    details = forms.CharField(
        label="Details",
        required=False,
        max_length=DETAILS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 60}),
        help_text=(
            "Optional, unless you choose “Something else”. Up to 2,000 characters. "
            "Please don't include health information about yourself or anyone else."
        ),
        error_messages={
            "max_length": (
                "Keep the details to 2,000 characters or fewer (you have written %(show_value)s)."
            ),
        },
    )
    reply_email = forms.EmailField(
        label="Email for a reply (optional)",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        help_text="Only if you'd like us to be able to write back about this report.",
        error_messages={
            "invalid": "Enter an email address like name@example.org, or leave this empty.",
            "max_length": "That email address is too long; use one of 254 characters or fewer.",
        },
    )
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    @property
    def honeypot_filled(self) -> bool:
        """True when the hidden field came back with text: a bot, not a person."""
        return self.is_bound and bool(self.data.get(self.HONEYPOT_FIELD, "").strip())

    def clean(self):
        cleaned_data = super().clean()
        chose_other = cleaned_data.get("category") == ProblemReport.Category.OTHER
        # Too-long details already have their own message; don't add a second one.
        if chose_other and not cleaned_data.get("details") and not self.has_error("details"):
            self.add_error("details", "Tell us what is wrong, because you chose “Something else”.")
        return cleaned_data


# --- Clinic search ----------------------------------------------------------------


class LocationField(forms.CharField):
    """A ZIP code or California city, cleaned to a `Place` (or None when empty)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 80)
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        place = resolve_place(text)
        if place is None:
            raise ValidationError(
                "We couldn't find “%(text)s”. Enter a five-digit ZIP code, such as 95816, "
                "or a California city, such as Folsom.",
                code="unknown_place",
                params={"text": text},
            )
        return place


class NearForm(forms.Form):
    """The one-field "nearest first" form on condition pages."""

    near = LocationField(label="Your ZIP code or city", required=False)


class TickBox(forms.CheckboxInput):
    """A checkbox that reads 1/on/true/yes as ticked and anything else as not ticked."""

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        return isinstance(value, str) and value.strip().casefold() in {"1", "on", "true", "yes"}


class SearchForm(forms.Form):
    """The form of the clinic search; `clinics.filters.ClinicFilter` adds a field per filter.

    `radius` and `sort` narrow nothing by themselves, so they are plain fields here:
    the `near` filter reads the radius and `ClinicFilter.results()` reads the sort.
    """

    # Declared fields would otherwise come before the filters' fields. This is the
    # order of the search panel, of its error summary and of the "try instead" links.
    field_order = [
        "q",
        "near",
        "radius",
        "condition",
        "treatment",
        "insurance",
        "language",
        "accepting",
        "open_now",
        "sort",
    ]

    radius = forms.IntegerField(
        label="Within (miles)",
        required=False,
        min_value=MIN_RADIUS,
        max_value=MAX_RADIUS,
        error_messages={
            "invalid": "Enter the distance as a whole number of miles, from 1 to 100.",
            "min_value": "Choose a distance from 1 to 100 miles.",
            "max_value": "Choose a distance from 1 to 100 miles.",
        },
        # A text box, not type=number: a browser blanks a number box it cannot
        # parse, and the visitor must see what they typed beside the message.
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "maxlength": 5, "placeholder": DEFAULT_RADIUS}
        ),
        help_text="From 1 to 100; 25 if left empty.",
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[
            ("", "Best order for my search"),
            ("distance", "Nearest first"),
            ("relevance", "Best match for your words"),
            ("name", "Name (A–Z)"),
        ],
        error_messages={"invalid_choice": "Choose one of the sort orders listed."},
    )

    def clean_q(self):
        text = self.cleaned_data.get("q") or ""
        if text and not search_terms(text):
            raise ValidationError(
                "Type at least one word of two or more letters, such as a clinic name or town."
            )
        return text

    def clean(self):
        cleaned = super().clean()
        sort = cleaned.get("sort")
        if sort == "distance" and not cleaned.get("near") and "near" not in self.errors:
            self.add_error("sort", "To sort by distance, enter a ZIP code or city.")
        elif sort == "relevance" and not cleaned.get("q") and "q" not in self.errors:
            self.add_error("sort", "To sort by best match, type some search words.")
        return cleaned
