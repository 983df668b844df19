"""get_FOO_display() through common.choices.ChoicesDisplayMixin (kept choices)."""

from __future__ import annotations

import pytest
from django.utils import translation

from facharbeitskreise.models import Arbeitskreis
from fachgebiete.models import Document
from partner.models import Partner, PartnerKind, PartnerType

pytestmark = pytest.mark.django_db


def test_the_labels_are_the_choices_labels(essen):
    assert essen.get_type_display() == PartnerType(essen.type).label
    assert essen.get_kind_display() == PartnerKind(essen.kind).label
    assert Document(kind=Document.Kind.choices[0][0]).get_kind_display() == Document.Kind.choices[0][1]
    arbeitskreis = Arbeitskreis(kind=Arbeitskreis.Kind.choices[-1][0])
    assert arbeitskreis.get_kind_display() == Arbeitskreis.Kind.choices[-1][1]


def test_every_choice_and_an_unknown_value(essen):
    for value, label in PartnerType.choices:
        essen.type = value
        assert essen.get_type_display() == label
    essen.type = "gibt-es-nicht"
    assert essen.get_type_display() == "gibt-es-nicht"
    essen.type = ""
    assert essen.get_type_display() == ""


def test_labels_are_kept_per_language():
    """Each language gets its own translated labels; the mixin replaces Django's method."""
    from common import choices

    partner = Partner(type=PartnerType.choices[0][0])
    for language in ("de", "en"):
        with translation.override(language):
            assert partner.get_type_display() == str(PartnerType.choices[0][1])
    field = Partner._meta.get_field("type")
    assert {(field, "de"), (field, "en")} <= set(choices._LABELS)
    assert Partner.__dict__["get_type_display"].func.__qualname__ == "ChoicesDisplayMixin._get_FIELD_display"
