from __future__ import annotations

from django import forms

from dokumente.forms import UploadField

from .models import HandlingNote, Lagebild


class LagebildForm(forms.ModelForm):
    """The Lagebild's own fields; its audience comes from zielgruppen's AudienceForm beside it."""

    attachment = UploadField(label="Anlage (optional)", required=False)

    class Meta:
        model = Lagebild
        fields = ["kind", "title", "summary", "handling_note"]
        widgets = {"kind": forms.RadioSelect, "summary": forms.Textarea(attrs={"rows": 10})}
        error_messages = {
            "title": {"required": "Bitte geben Sie einen Titel ein."},
            "summary": {"required": "Bitte geben Sie den Text ein."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handling_note"].choices = [("", "keine Einstufung"), *HandlingNote.choices]


class AttachmentForm(forms.Form):
    attachment = UploadField(label="Weitere Anlage")


class LagebildEditForm(LagebildForm):
    """Title, text, handling note and kind of a published one; attachments are added on its status page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["attachment"]


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Grund der Rücknahme",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="Wird im Protokoll vermerkt und auf der Seite „Kenntnisnahmen“ angezeigt.",
        error_messages={"required": "Bitte geben Sie an, warum der Eintrag zurückgezogen wird."},
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Bitte geben Sie an, warum der Eintrag zurückgezogen wird.")
        return reason
