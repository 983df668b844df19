"""Forms for the work inside an area (documents, meetings, threads, notifications)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from benachrichtigungen.models import Frequency
from common.markdown import MARKDOWN_HELP
from dokumente.forms import UploadField

from .models.content import ArbeitskreisDocument, Attendance, Meeting, Post

# Shown on a form refused because its area is archived; `access.ARCHIVED_MESSAGE` is the bare 403 text.
ARCHIVED_FORM_MESSAGE = (
    "Dieser Bereich ist archiviert und nimmt keine neuen Beiträge mehr an. Ihr Text wurde nicht gespeichert; "
    "er steht noch unten im Formular, damit Sie ihn kopieren können."
)


class ArbeitskreisDocumentEditForm(forms.ModelForm):
    class Meta:
        model = ArbeitskreisDocument
        fields = ["title", "description", "is_result"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class ArbeitskreisDocumentForm(ArbeitskreisDocumentEditForm):
    """A new document: its details and the file of version 1."""

    file = UploadField(label="Datei")


class VersionForm(forms.Form):
    file = UploadField(label="Neue Fassung")
    note = forms.CharField(
        label="Änderungshinweis",
        max_length=300,
        required=False,
        help_text="Was hat sich gegenüber der vorigen Fassung geändert? (optional)",
    )


class MeetingForm(forms.ModelForm):
    starts_at = forms.DateTimeField(
        label="Beginn",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Datum und Uhrzeit",
    )
    ends_at = forms.DateTimeField(
        label="Ende",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Datum und Uhrzeit; nach dem Beginn",
    )

    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "ends_at", "location", "video_url", "agenda", "minutes"]
        widgets = {"agenda": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, arbeitskreis, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["minutes"].queryset = ArbeitskreisDocument.objects.filter(arbeitskreis=arbeitskreis).order_by(
            "title"
        )
        self.fields["minutes"].empty_label = "– noch kein Protokoll –"
        self.fields["agenda"].help_text = MARKDOWN_HELP

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error(
                "ends_at",
                f"Das Ende ({timezone.localtime(ends):%d.%m.%Y %H:%M} Uhr) muss nach dem Beginn "
                f"({timezone.localtime(starts):%d.%m.%Y %H:%M} Uhr) liegen.",
            )
        if not cleaned.get("location") and not cleaned.get("video_url"):
            self.add_error("location", "Bitte geben Sie einen Ort oder einen Link zur Videokonferenz an.")
        return cleaned


class AttendanceForm(forms.Form):
    """One choice per member of the area, named `teilnahme-<user pk>`."""

    def __init__(self, *args, members, current: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "nicht erfasst"), *Attendance.Status.choices]
        self.members = list(members)
        for user in self.members:
            self.fields[f"teilnahme-{user.pk}"] = forms.ChoiceField(
                label=user.get_full_name() or user.email,
                choices=choices,
                required=False,
                initial=current.get(user.pk, ""),
            )

    def statuses(self) -> dict[int, str]:
        return {user.pk: self.cleaned_data.get(f"teilnahme-{user.pk}", "") for user in self.members}


class _BodyAndFiles(forms.Form):
    body = forms.CharField(label="Ihr Beitrag", widget=forms.Textarea(attrs={"rows": 8}), help_text=MARKDOWN_HELP)
    attachment = UploadField(label="Anhang", required=False)


class ThreadForm(_BodyAndFiles):
    title = forms.CharField(label="Thema", max_length=200)
    field_order = ["title", "body", "attachment"]


class ReplyForm(_BodyAndFiles):
    body = forms.CharField(label="Ihre Antwort", widget=forms.Textarea(attrs={"rows": 6}), help_text=MARKDOWN_HELP)


class PostEditForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = MARKDOWN_HELP


class NotificationSettingForm(forms.Form):
    frequency = forms.ChoiceField(
        label="Wie möchten Sie über Neuigkeiten in diesem Bereich informiert werden?",
        choices=Frequency.choices,
        widget=forms.RadioSelect,
    )
