"""People and Lagebilder of the Lagebilder tests.

member (Stadt Essen, a Kommune) and colleague (Essen) are reached by "Kommunen"; outsider (LKA NRW,
Landespolizei) by "LKA"; insider (LKA NRW) is also a member of the closed project "Verborgen";
office publishes and follows up; applicant is not admitted.
"""

from __future__ import annotations

import pytest

from lagebilder.models import HandlingNote, Lagebild
from partner.models import PartnerType, User
from tests.helpers import make_audience
from zielgruppen.models import Scope


@pytest.fixture
def colleague(make_user) -> User:
    return make_user("karl.kollege@essen.de")


def lagebild(title: str, scope: str = Scope.ALLE, *, office=None, handling_note: str = "", **selection) -> Lagebild:
    return Lagebild.objects.create(
        title=title,
        summary=f"Kernaussagen zu {title}.",
        handling_note=handling_note,
        audience=make_audience(scope, **selection),
        published_by=office,
    )


@pytest.fixture
def for_kommunen(office) -> Lagebild:
    return lagebild(
        "Lagebild Shisha-Bars Ruhrgebiet 2026",
        Scope.BEHOERDENARTEN,
        office=office,
        types=[PartnerType.KOMMUNE],
        handling_note=HandlingNote.VS_NFD,
    )


@pytest.fixture
def for_lka(office, polizei) -> Lagebild:
    return lagebild("Hinweis Festnahmelage Duisburg", Scope.PARTNER, office=office, partners=[polizei])


@pytest.fixture
def for_secret(office, secret_arbeitskreis) -> Lagebild:
    return lagebild(
        "Lagebild Projekt Wolkenkuckucksheim", Scope.ARBEITSKREISE, office=office, arbeitskreise=[secret_arbeitskreis]
    )
