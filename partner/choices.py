"""get_FOO_display() without rebuilding the choices on every call (issue 15).

Django's Model._get_FIELD_display builds `dict(make_hashable(field.flatchoices))` anew for every
call; with lazily translated labels that cost about 0.1 ms a call, and a list page calls it for
each row and column (the authorities' list: over 80 times). The mixin keeps that dictionary per
field; the labels stay lazy, so each call still answers in the active language.
"""

from __future__ import annotations

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_CHOICES: dict[object, dict] = {}


class ChoicesDisplayMixin:
    """Put before models.Model in the bases of a model whose get_FOO_display() lists call."""

    def _get_FIELD_display(self, field):
        choices = _CHOICES.get(field)
        if choices is None:
            choices = _CHOICES[field] = dict(make_hashable(field.flatchoices))
        value = getattr(self, field.attname)
        return force_str(choices.get(make_hashable(value), value), strings_only=True)
