"""People and Lagebilder of the Lagebilder tests.

member (Stadt Essen, a Kommune) and colleague (Essen) are reached by "Kommunen"; outsider (LKA NRW,
Landespolizei) by "LKA"; insider (LKA NRW) is also a member of the closed project "Verborgen";
office publishes and follows up; applicant is not admitted.
"""

from __future__ import annotations

import pytest

from facharbeitskreise import services as arbeitskreis_services
from facharbeitskreise.access import Role
from facharbeitskreise.models import Arbeitskreis
from lagebilder.models import HandlingNote, Lagebild
from partner.models import PartnerType, User
from zielgruppen.models import Audience, AudienceType, Scope


@pytest.fixture
def secret(db) -> Arbeitskreis:
    return Arbeitskreis.objects.create(name="Projekt Verborgen", slug="verborgen", is_confidential=True)


@pytest.fixture
def insider(make_user, secret, polizei) -> User:
    user = make_user("ina.innen@polizei.nrw.de", partner=polizei)
    arbeitskreis_services.role_grant(arbeitskreis=secret, user=user, role=Role.MITGLIED, actor=None)
    return user


@pytest.fixture
def colleague(make_user) -> User:
    return make_user("karl.kollege@essen.de")


def audience(scope: str, *, types=(), partners=(), arbeitskreise=()) -> Audience:
    row = Audience.objects.create(scope=scope)
    row.partners.set(partners)
    row.arbeitskreise.set(arbeitskreise)
    AudienceType.objects.bulk_create(AudienceType(audience=row, type=value) for value in types)
    return row


def lagebild(title: str, scope: str = Scope.ALLE, *, office=None, handling_note: str = "", **selection) -> Lagebild:
    return Lagebild.objects.create(
        title=title,
        summary=f"Kernaussagen zu {title}.",
        handling_note=handling_note,
        audience=audience(scope, **selection),
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
def for_secret(office, secret) -> Lagebild:
    return lagebild("Lagebild Projekt Wolkenkuckucksheim", Scope.ARBEITSKREISE, office=office, arbeitskreise=[secret])
