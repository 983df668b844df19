"""The German refusals the upload checks share (validators, zipcheck): each a ValidationError with
a distinct `code`."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def error(message: str, code: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


def damaged(name: str) -> ValidationError:
    return error(f"Die Datei „{name}“ ist beschädigt oder unvollständig und kann nicht geprüft werden.", "damaged")


def macro_error(name: str) -> ValidationError:
    return error(
        f"Die Datei „{name}“ enthält Makros. Dateien mit Makros werden aus Sicherheitsgründen nicht angenommen; "
        "bitte speichern Sie das Dokument ohne Makros.",
        "macro",
    )
