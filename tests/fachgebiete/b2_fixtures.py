"""Fixtures of the glossary and follow tests (imported by test_glossar*.py and test_follow*.py).

- member (Stadt Essen) and outsider (LKA NRW) are admitted users without editor rights;
- editor is the Redaktion of the Fachgebiet Shisha (object permission) and may therefore keep the glossary;
- office is the Geschäftsstelle.
"""

from __future__ import annotations

import pytest
from guardian.shortcuts import assign_perm

from fachgebiete.models import Fachgebiet, GlossaryTerm
from tests.newsletter import backends


@pytest.fixture
def shisha(db) -> Fachgebiet:
    return Fachgebiet.objects.create(name="Shisha", slug="shisha", position=2)


@pytest.fixture
def gluecksspiel(db) -> Fachgebiet:
    return Fachgebiet.objects.create(name="Glücksspiel", slug="gluecksspiel", position=3)


@pytest.fixture
def editor(make_user, shisha):
    user = make_user("erika.redaktion@essen.de", second_factor=True)
    assign_perm("fachgebiete.edit_fachgebiet", user, shisha)
    return user


@pytest.fixture
def login(client, request):
    def as_role(role: str):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return as_role


@pytest.fixture
def make_term(db):
    def make(term: str, definition: str = "Eine Erläuterung.", **fields) -> GlossaryTerm:
        return GlossaryTerm.objects.create(term=term, definition=definition, **fields)

    return make


@pytest.fixture
def recording_mail(settings):
    """Mails into the outbox through a backend that can refuse recipients or be unreachable."""
    settings.EMAIL_BACKEND = "tests.newsletter.backends.RecordingBackend"
    backends.reset()
    yield backends
    backends.reset()
