"""Who is who in the event tests.

- member (root conftest) is admitted staff of the Stadt Essen (a Kommune), no area;
- outsider (root conftest) is admitted staff of the LKA NRW (Landespolizei), no area;
- insider is LKA staff and a member of the closed area "Projekt Verborgen";
- arbeitskreis_lead leads that area (may announce events for it, and only for it);
- office works in the Geschäftsstelle (manages every event);
- applicant has registered but is not admitted: sees nothing.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from facharbeitskreise import services as arbeitskreis_services
from facharbeitskreise.access import Role
from facharbeitskreise.models import Arbeitskreis
from veranstaltungen.models import Event
from zielgruppen.models import Audience, AudienceType, Scope


@pytest.fixture(autouse=True)
def _mail_in_memory(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def secret(db) -> Arbeitskreis:
    return Arbeitskreis.objects.create(name="Projekt Verborgen", slug="verborgen", is_confidential=True)


@pytest.fixture
def insider(make_user, secret, polizei):
    user = make_user("ina.innen@polizei.nrw.de", partner=polizei, first_name="Ina", last_name="Innen")
    arbeitskreis_services.role_grant(arbeitskreis=secret, user=user, role=Role.MITGLIED, actor=None)
    return user


@pytest.fixture
def arbeitskreis_lead(make_user, secret):
    user = make_user("lea.leitung@essen.de", first_name="Lea", last_name="Leitung", second_factor=True)
    arbeitskreis_services.role_grant(arbeitskreis=secret, user=user, role=Role.LEITUNG, actor=None)
    return user


def make_audience(scope: str = Scope.ALLE, *, types=(), partners=(), arbeitskreise=()) -> Audience:
    audience = Audience.objects.create(scope=scope)
    audience.partners.set(partners)
    audience.arbeitskreise.set(arbeitskreise)
    AudienceType.objects.bulk_create(AudienceType(audience=audience, type=value) for value in types)
    return audience


def make_event(audience: Audience | None = None, *, days: float = 14, hours: float = 6, **fields) -> Event:
    starts = timezone.now().replace(microsecond=0) + timedelta(days=days)
    fields.setdefault("title", "Fachveranstaltung Glücksspiel")
    fields.setdefault("venue", "Polizeipräsidium Essen, Saal 1")
    return Event.objects.create(
        audience=audience or make_audience(), starts_at=starts, ends_at=starts + timedelta(hours=hours), **fields
    )


@pytest.fixture
def event(db) -> Event:
    """For every admitted member."""
    return make_event(title="Jahrestagung der Sicherheitskooperation Ruhr", capacity=2)


@pytest.fixture
def closed_event(secret) -> Event:
    """For the members of "Projekt Verborgen" only."""
    return make_event(make_audience(Scope.ARBEITSKREISE, arbeitskreise=[secret]), title="Verborgene Fallkonferenz")
