"""get_FOO_display() without rebuilding and translating the choices on every call.

Django's Model._get_FIELD_display builds `dict(make_hashable(field.flatchoices))` anew for every
call and then translates the lazy label; together about 0.1 ms a call, and a list page calls it
for each row and column (the authorities' list: over 80 times). The mixin keeps the translated
labels per field and language (the catalogues do not change while the process runs).
"""

from __future__ import annotations

from django.utils import translation
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_LABELS: dict[tuple[object, str | None], dict] = {}


class ChoicesDisplayMixin:
    """Put before models.Model in the bases of a model whose get_FOO_display() lists call."""

    def _get_FIELD_display(self, field):
        key = (field, translation.get_language())
        labels = _LABELS.get(key)
        if labels is None:
            labels = _LABELS[key] = {
                value: force_str(label, strings_only=True) for value, label in make_hashable(field.flatchoices)
            }
        value = getattr(self, field.attname)
        return labels.get(make_hashable(value), force_str(value, strings_only=True))
