"""Forms of the events: announcing (with `zielgruppen.forms.AudienceForm` beside it), postponing,
cancelling, registering, material and attendance."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from common.markdown import MARKDOWN_HELP
from dokumente.forms import UploadField

from .models import Event, EventDocument, Registration

# What a calendar copy of an event shows: a change of one of these raises its SEQUENCE.
CALENDAR_FIELDS = {"title", "starts_at", "ends_at", "venue"}


def _when_field(label: str, help_text: str, *, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


def _check_order(form: forms.Form, cleaned: dict) -> None:
    starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
    if starts and ends and ends <= starts:
        form.add_error(
            "ends_at",
            f"Das Ende ({timezone.localtime(ends):%d.%m.%Y %H:%M} Uhr) muss nach dem Beginn "
            f"({timezone.localtime(starts):%d.%m.%Y %H:%M} Uhr) liegen.",
        )


class EventForm(forms.ModelForm):
    starts_at = _when_field("Beginn", "Datum und Uhrzeit")
    ends_at = _when_field("Ende", "Datum und Uhrzeit; bei mehrtägigen Veranstaltungen der letzte Tag")
    registration_deadline = _when_field(
        "Anmeldeschluss", "Leer lassen: Anmeldung bis zum Beginn möglich.", required=False
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "description",
            "starts_at",
            "ends_at",
            "venue",
            "online_url",
            "capacity",
            "registration_deadline",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].help_text = MARKDOWN_HELP
        self.fields["capacity"].widget.attrs["min"] = "1"

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and capacity < 1:
            raise forms.ValidationError("Bitte geben Sie mindestens einen Platz an oder lassen Sie das Feld leer.")
        return capacity

    def clean(self):
        cleaned = super().clean()
        _check_order(self, cleaned)
        if not cleaned.get("venue") and not cleaned.get("online_url") and "venue" not in self.errors:
            self.add_error("venue", "Bitte geben Sie einen Veranstaltungsort oder einen Link zur Online-Teilnahme an.")
        deadline, starts = cleaned.get("registration_deadline"), cleaned.get("starts_at")
        if deadline and starts and deadline > starts:
            self.add_error("registration_deadline", "Der Anmeldeschluss muss vor dem Beginn liegen.")
        return cleaned

    @property
    def calendar_changed(self) -> bool:
        return bool(CALENDAR_FIELDS & set(self.changed_data))


class PostponeForm(forms.Form):
    starts_at = _when_field("Neuer Beginn", "Datum und Uhrzeit")
    ends_at = _when_field("Neues Ende", "Datum und Uhrzeit")
    note = forms.CharField(
        label="Hinweis an die Angemeldeten",
        max_length=500,
        required=False,
        help_text="Optional, z. B. der Grund. Er steht in der E-Mail und auf der Seite der Veranstaltung.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        _check_order(self, cleaned)
        starts = cleaned.get("starts_at")
        if starts and starts <= timezone.now():
            self.add_error("starts_at", "Der neue Beginn muss in der Zukunft liegen.")
        return cleaned


class CancelForm(forms.Form):
    note = forms.CharField(
        label="Hinweis an die Angemeldeten",
        max_length=500,
        required=False,
        help_text="Optional, z. B. der Grund. Er steht in der E-Mail und auf der Seite der Veranstaltung.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RegistrationForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = ["note"]
        labels = {"note": "Hinweis an die Organisation (optional)"}


class DocumentForm(forms.ModelForm):
    file = UploadField(label="Datei")

    class Meta:
        model = EventDocument
        fields = ["title", "kind"]


class AttendanceForm(forms.Form):
    """One checkbox per confirmed registration: "teilgenommen"."""

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = list(registrations)
        for registration in self.registrations:
            user = registration.user
            self.fields[f"teilgenommen-{registration.pk}"] = forms.BooleanField(
                label=f"{user.get_full_name() or user.email} hat teilgenommen",
                required=False,
                initial=bool(registration.attended),
            )

    def attended_ids(self) -> set[int]:
        return {r.pk for r in self.registrations if self.cleaned_data.get(f"teilgenommen-{r.pk}")}

    def rows(self):
        return [(registration, self[f"teilgenommen-{registration.pk}"]) for registration in self.registrations]
