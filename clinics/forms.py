"""Public forms for the clinic directory. Validation only; writes live in services.py."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from clinics.geo import resolve_place, zip_centroid
from clinics.models import Clinic, ListingRequest, ProblemReport
from clinics.querysets import search_terms

DETAILS_MAX_LENGTH = 2000
DEFAULT_RADIUS = 25
MIN_RADIUS, MAX_RADIUS = 1, 100


class ProblemReportForm(forms.Form):
    """The public "Report a problem with this listing" form. It asks nothing about health."""

    # A field people never see; bots that fill every input give themselves away.
    HONEYPOT_FIELD = "website"

    category = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=ProblemReport.Category.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what is wrong with this listing."),
            "invalid_choice": _("Choose one of the options listed under “What is wrong?”."),
        },
    )
    details = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=DETAILS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 60}),
        help_text=_(
            "Optional, unless you choose “Something else”. Up to 2,000 characters. "
            "Please don't include health information about yourself or anyone else."
        ),
        error_messages={
            "max_length": _(
                "Keep the details to 2,000 characters or fewer (you have written %(show_value)s)."
            ),
        },
    )
    reply_email = forms.EmailField(
        label=_("Email for a reply (optional)"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        help_text=_("Only if you'd like us to be able to write back about this report."),
        error_messages={
            "invalid": _("Enter an email address like name@example.org, or leave this empty."),
            "max_length": _("That email address is too long; use one of 254 characters or fewer."),
        },
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
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
            self.add_error(
                "details", _("Tell us what is wrong, because you chose “Something else”.")
            )
        return cleaned_data


# --- List your clinic, or claim its listing -------------------------------------------


class ListingRequestForm(forms.ModelForm):
    """The public "List your clinic / manage your listing" form. It asks nothing about health.

    The claimed clinic, if any, travels as a separate ``clinic`` parameter that the view
    reads; this form holds the details and the requester's work contact.
    """

    HONEYPOT_FIELD = "homepage"

    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = ListingRequest
        fields = [
            "clinic_name",
            "street_address",
            "city",
            "zip_code",
            "phone",
            "website",
            "treatments",
            "contact_name",
            "contact_role",
            "contact_email",
            "contact_phone",
        ]
        widgets = {
            "clinic_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "zip_code": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 5}),
            "phone": forms.TextInput(attrs={"type": "tel"}),
            "website": forms.URLInput(attrs={"spellcheck": "false"}),
            "treatments": forms.CheckboxSelectMultiple,
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_role": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "contact_email": forms.EmailInput(
                attrs={"autocomplete": "work email", "spellcheck": "false"}
            ),
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "work tel"}),
        }
        labels = {
            "clinic_name": _("Clinic name"),
            "street_address": _("Street address"),
            "city": _("City or town"),
            "zip_code": _("ZIP code"),
            "phone": _("Clinic phone"),
            "website": _("Clinic website (optional)"),
            "treatments": _("Treatments the clinic offers"),
            "contact_name": _("Your name"),
            "contact_role": _("Your role at the clinic"),
            "contact_email": _("Your work email"),
            "contact_phone": _("Your work phone"),
        }
        help_texts = {
            "phone": _("The number patients call, such as (916) 555-0123."),
            "website": _("Such as https://www.example.org."),
            "treatments": _("Tick every one that applies. You can change them later."),
            "contact_role": _("Such as practice manager or medical director."),
            "contact_email": _(
                "Your address at the clinic, not a personal one: we send the sign-in "
                "invitation there."
            ),
            "contact_phone": _("We may call to check that you work at the clinic."),
        }
        error_messages = {
            "clinic_name": {"required": _("Enter the clinic's name.")},
            "street_address": {"required": _("Enter the clinic's street address.")},
            "city": {"required": _("Enter the city or town the clinic is in.")},
            "zip_code": {"required": _("Enter the clinic's five-digit ZIP code.")},
            "phone": {"required": _("Enter the phone number patients call.")},
            "website": {"invalid": _("Enter a web address such as https://www.example.org.")},
            "contact_name": {"required": _("Enter your name.")},
            "contact_role": {"required": _("Enter your role at the clinic.")},
            "contact_email": {
                "required": _("Enter your work email address."),
                "invalid": _("Enter an email address like name@example.org."),
            },
            "contact_phone": {"required": _("Enter a work phone number we can call you on.")},
        }

    @classmethod
    def initial_for(cls, clinic: Clinic) -> dict:
        """The claimed clinic's current details, for the requester to check."""
        return {
            "clinic_name": clinic.name,
            "street_address": clinic.street_address,
            "city": clinic.city,
            "zip_code": clinic.zip_code,
            "phone": clinic.phone_display,
            "website": clinic.website,
            "treatments": [offer.treatment_id for offer in clinic.clinic_treatments.listed()],
        }

    @property
    def honeypot_filled(self) -> bool:
        """True when the hidden field came back with text: a bot, not a person."""
        return self.is_bound and bool(self.data.get(self.HONEYPOT_FIELD, "").strip())

    def clean_zip_code(self):
        zip_code = self.cleaned_data["zip_code"].strip()
        if zip_centroid(zip_code) is None:
            raise ValidationError(
                _("We don't know the ZIP code “%(zip)s”. Check it, such as 95816."),
                code="unknown_zip",
                params={"zip": zip_code},
            )
        return zip_code

    def listing_details(self) -> dict:
        """The cleaned details, as services.listing_request_submit takes them."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}


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
                _(
                    "We couldn't find “%(text)s”. Enter a five-digit ZIP code, such as 95816, "
                    "or a California city, such as Folsom."
                ),
                code="unknown_place",
                params={"text": text},
            )
        return place


class NearForm(forms.Form):
    """The one-field "nearest first" form on condition pages."""

    near = LocationField(label=_("Your ZIP code or city"), required=False)


MAX_COMPARED = 3


class CompareForm(forms.Form):
    """Which clinics to compare side by side (`c`, a slug, repeated) and, for distances,
    from where. Slugs are only tidied here; the view looks them up and says which it
    could not find."""

    c = forms.Field(required=False, widget=forms.MultipleHiddenInput)
    near = LocationField(label=_("Your ZIP code or city"), required=False)

    def clean_c(self) -> list[str]:
        """The slugs in the order given, each once."""
        slugs = (slug.strip() for slug in self.cleaned_data.get("c") or [])
        return list(dict.fromkeys(slug for slug in slugs if slug))


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
        label=_("Within (miles)"),
        required=False,
        min_value=MIN_RADIUS,
        max_value=MAX_RADIUS,
        error_messages={
            "invalid": _("Enter the distance as a whole number of miles, from 1 to 100."),
            "min_value": _("Choose a distance from 1 to 100 miles."),
            "max_value": _("Choose a distance from 1 to 100 miles."),
        },
        # A text box, not type=number: a browser blanks a number box it cannot
        # parse, and the visitor must see what they typed beside the message.
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "maxlength": 5, "placeholder": DEFAULT_RADIUS}
        ),
        help_text=_("From 1 to 100; 25 if left empty."),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("", _("Best order for my search")),
            ("distance", _("Nearest first")),
            ("relevance", _("Best match for your words")),
            ("name", _("Name (A–Z)")),
        ],
        error_messages={"invalid_choice": _("Choose one of the sort orders listed.")},
    )

    def clean_q(self):
        text = self.cleaned_data.get("q") or ""
        if text and not search_terms(text):
            raise ValidationError(
                _("Type at least one word of two or more letters, such as a clinic name or town.")
            )
        return text

    def clean(self):
        cleaned = super().clean()
        sort = cleaned.get("sort")
        if sort == "distance" and not cleaned.get("near") and "near" not in self.errors:
            self.add_error("sort", _("To sort by distance, enter a ZIP code or city."))
        elif sort == "relevance" and not cleaned.get("q") and "q" not in self.errors:
            self.add_error("sort", _("To sort by best match, type some search words."))
        return cleaned
