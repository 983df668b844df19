from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.functional import lazy

from .validators import ALLOWED_EXTENSIONS, ALLOWED_LABEL, max_label, validate_upload


def upload_help_text() -> str:
    return (
        f"Erlaubt sind {ALLOWED_LABEL} bis höchstens {max_label()}. Jede Datei wird auf Schadsoftware geprüft; "
        "Dateien mit Makros und PDF-Dateien mit Skripten werden nicht angenommen."
    )


class UploadField(forms.FileField):
    """A file field that accepts only what `validate_upload` accepts; `cleaned_data` holds the upload."""

    widget = forms.FileInput

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label", "Datei")
        # Lazy: the limit is read when the form is rendered, not when the form class is defined.
        kwargs.setdefault("help_text", lazy(upload_help_text, str)())
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault(
            "error_messages",
            {
                "required": "Bitte wählen Sie eine Datei aus.",
                "empty": "Die ausgewählte Datei ist leer.",
                "invalid": "Es wurde keine Datei übermittelt. Bitte prüfen Sie die Auswahl.",
                "missing": "Es wurde keine Datei übermittelt.",
                "max_length": "Der Dateiname ist zu lang (höchstens %(max)d Zeichen, dieser hat %(length)d).",
            },
        )
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["accept"] = ",".join(ALLOWED_EXTENSIONS)
        attrs["data-max-bytes"] = str(settings.SIKO_UPLOAD_MAX_BYTES)
        return attrs

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload is not initial:
            self.kind = validate_upload(upload)
        return upload
