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
from tests.helpers import make_audience
from veranstaltungen.models import Event
from zielgruppen.models import Audience, Scope


@pytest.fixture(autouse=True)
def _mail_in_memory(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def arbeitskreis_lead(make_user, secret_arbeitskreis):
    user = make_user("lea.leitung@essen.de", first_name="Lea", last_name="Leitung", second_factor=True)
    arbeitskreis_services.role_grant(arbeitskreis=secret_arbeitskreis, user=user, role=Role.LEITUNG, actor=None)
    return user


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
def closed_event(secret_arbeitskreis) -> Event:
    """For the members of "Projekt Verborgen" only."""
    return make_event(
        make_audience(Scope.ARBEITSKREISE, arbeitskreise=[secret_arbeitskreis]), title="Verborgene Fallkonferenz"
    )
