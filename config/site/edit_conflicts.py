"""No lost updates in the admin: a change form refuses to save over a newer save.

A model that uses this has a ``version`` integer that every change moves on (the
admin's save and every service that writes the row), and simple_history's
``history``, which names who saved. Its admin form, a ``VersionedModelForm``, carries
the version it was loaded with in a hidden field. On save, ``clean()`` locks the row
until the admin's transaction ends and refuses the save if the version has moved on
since, saying who saved and when. Everything typed stays in the form, and the hidden
field now holds the new version, so pressing Save again deliberately keeps it.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.formats import time_format


class VersionedModelForm(forms.ModelForm):
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    # Formatted with {who} and {time}; each form says what was saved and what to compare.
    conflict_message = (
        "{who} saved this at {time} while you were editing. Nothing of yours was saved: your "
        "changes are still in the form below. Compare them with the current version (open it "
        "in a new tab), then save again to keep yours."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The database's version, not the instance's: on a history "revert" page the
            # instance is an old version, but the save must still build on the current one.
            current = self._rows().values_list("version", flat=True).first()
            self.fields["loaded_version"].initial = current or self.instance.version
            self.fields["loaded_version"].required = True

    def clean(self):
        cleaned = super().clean()
        loaded = cleaned.get("loaded_version")
        if not self.instance.pk or loaded is None:
            return cleaned
        # Locked until the admin's transaction ends, so nobody can save in between this
        # check and our own save.
        current = self._rows().select_for_update().values("version", "updated_at").first()
        if current and current["version"] != loaded:
            self._show_current_version(current["version"])
            raise forms.ValidationError(
                self.conflict_message.format(
                    who=self._last_editor(), time=self._local_time(current["updated_at"])
                ),
                code="edit_conflict",
            )
        return cleaned

    def _rows(self):
        return self._meta.model._default_manager.filter(pk=self.instance.pk)

    def _show_current_version(self, version: int) -> None:
        """Re-render the hidden field with the new version so a deliberate second save works."""
        data = self.data.copy()
        data[self.add_prefix("loaded_version")] = str(version)
        self.data = data

    def _last_editor(self) -> str:
        latest = (
            self._meta.model.history.filter(id=self.instance.pk)
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
