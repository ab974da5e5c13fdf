"""Public forms for the clinic directory. Validation only; writes live in services.py."""

from django import forms

from clinics.models import ProblemReport

DETAILS_MAX_LENGTH = 2000


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
