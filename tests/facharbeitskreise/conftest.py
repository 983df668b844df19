"""Who is who in the closed-area tests; every grant is on the world area (`world.world_arbeitskreis`).

- outsider (root conftest) is admitted staff of the LKA with no grant anywhere;
- requester is admitted and has an open membership request for the area, but no grant yet;
- ak_member may read the area (Mitglied), ak_contributor may also contribute (Mitwirkend),
  ak_lead leads it (Leitung: members, requests, description, review);
- other_lead leads another, confidential area and has no grant on this one;
- office works in the Geschäftsstelle: administers every area but holds no grant, so it
  reads no area content;
- deactivated was a member of the area until the Geschäftsstelle deactivated the account.

The content tests take the files they upload from `uploads.py`.
"""

from __future__ import annotations

import pytest

from facharbeitskreise import services
from facharbeitskreise.access import Role
from facharbeitskreise.models import Arbeitskreis, MembershipRequest
from partner.services import account_deactivate

from .world import world_arbeitskreis


def grant(arbeitskreis, user, role, actor=None) -> None:
    services.role_grant(arbeitskreis=arbeitskreis, role=role, actor=actor, user=user)


@pytest.fixture(autouse=True)
def _mail_in_memory(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def arbeitskreis(request) -> Arbeitskreis:
    return world_arbeitskreis(request)


@pytest.fixture
def other_arbeitskreis(db) -> Arbeitskreis:
    return Arbeitskreis.objects.create(
        name="Projekt Sozialleistungsbetrug", slug="projekt-slb", kind="projekt", is_confidential=True
    )


@pytest.fixture
def ak_lead(make_user, arbeitskreis):
    user = make_user("lena.leitung@essen.de", first_name="Lena", last_name="Leitung", second_factor=True)
    grant(arbeitskreis, user, Role.LEITUNG)
    return user


@pytest.fixture
def ak_contributor(make_user, arbeitskreis, ak_lead):
    user = make_user("mira.mitwirkend@essen.de", first_name="Mira", last_name="Mitwirkend")
    grant(arbeitskreis, user, Role.MITWIRKEND)
    return user


@pytest.fixture
def ak_member(make_user, arbeitskreis, ak_lead, polizei):
    user = make_user("karl.mitglied@polizei.nrw.de", partner=polizei, first_name="Karl", last_name="Mitglied")
    grant(arbeitskreis, user, Role.MITGLIED)
    return user


@pytest.fixture
def other_lead(make_user, other_arbeitskreis):
    user = make_user("otto.andere-leitung@essen.de", first_name="Otto", last_name="Anders", second_factor=True)
    grant(other_arbeitskreis, user, Role.LEITUNG)
    return user


@pytest.fixture
def requester(make_user, arbeitskreis, ak_lead):
    user = make_user("rita.antrag@essen.de", first_name="Rita", last_name="Antrag")
    services.membership_request_create(
        arbeitskreis=arbeitskreis, user=user, reason="Ich koordiniere die Kontrollen in Essen."
    )
    return user


@pytest.fixture
def open_request(requester, arbeitskreis) -> MembershipRequest:
    return MembershipRequest.objects.get(
        user=requester, arbeitskreis=arbeitskreis, status=MembershipRequest.Status.OPEN
    )


@pytest.fixture
def deactivated(make_user, arbeitskreis, ak_lead, office, django_capture_on_commit_callbacks):
    user = make_user("dora.deaktiviert@essen.de", first_name="Dora", last_name="Deaktiviert")
    grant(arbeitskreis, user, Role.MITWIRKEND)
    with django_capture_on_commit_callbacks(execute=True):
        account_deactivate(user=user, decided_by=office, reason="Versetzt")
    user.refresh_from_db()
    return user
