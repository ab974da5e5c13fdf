from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Topic
from clinics.models import Condition
from config.site.edit_conflicts import VersionedModelForm


class ArticleFilterForm(forms.Form):
    """The /articles/ query string. Invalid values are reported and ignored."""

    q = forms.CharField(label=_("Search articles"), max_length=200, required=False, strip=True)
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.only("name", "name_es", "slug"),
        to_field_name="slug",
        required=False,
        empty_label=_("All topics"),
        error_messages={"invalid_choice": _("We don't have that topic; showing all topics.")},
    )
    condition = forms.ModelChoiceField(
        queryset=Condition.objects.only("name", "name_es", "slug"),
        to_field_name="slug",
        required=False,
        empty_label=_("All conditions"),
        error_messages={
            "invalid_choice": _("We don't know that condition; showing all conditions.")
        },
    )

    def valid_filters(self) -> dict:
        """The fields that passed validation, so one bad value never hides the others."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label="Publish at",
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local", "step": 1}),
        help_text="Pacific time.",
    )

    def clean_publish_at(self):
        value = self.cleaned_data["publish_at"]
        if value <= timezone.now():
            raise forms.ValidationError("Choose a time in the future, or publish now.")
        return value


class SendBackForm(forms.Form):
    note = forms.CharField(
        label="What needs to change",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ArticleAdminForm(VersionedModelForm):
    """The admin's article form: refuses to save over a save or workflow step since it loaded."""

    conflict_message = (
        "{who} changed this article at {time} while you were editing. Nothing of yours was "
        "saved: your changes are still in the form below. Compare them with the current "
        "article (open it in a new tab), then save again to keep yours."
    )

    class Meta:
        model = Article
        # The working copy; the admin narrows this further by its read-only fields.
        fields = [
            "title",
            "slug",
            "summary",
            "body",
            "hero_image",
            "hero_alt",
            "topics",
            "conditions",
            "authors",
            "is_demo",
            "language",
            "translation_of",
        ]
