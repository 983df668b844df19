"""Fachgebiete and their Redaktion, for every test package (registered in `tests/conftest.py`).

- shisha and gluecksspiel are Fachgebiete without content (lagebilder is the rubric the
  migrations create);
- hagen is the Stadt Hagen, a second authority next to the root conftest's Stadt Essen;
- editor is Petra Neumann of the Stadt Hagen, the Redaktion of the Fachgebiet Shisha only (an
  object permission; the office grants it in production, see `fachgebiete.services.editor_grant`);
- make_term creates glossary terms; recording_mail sends mail through a backend that can refuse
  recipients or be unreachable.
"""

from __future__ import annotations

import pytest
from guardian.shortcuts import assign_perm

from fachgebiete.models import Fachgebiet, GlossaryTerm
from partner.models import Partner, PartnerDomain, PartnerKind, PartnerType
from tests.newsletter import backends


@pytest.fixture
def hagen(db) -> Partner:
    partner = Partner.objects.create(
        name="Stadt Hagen",
        slug="stadt-hagen",
        kind=PartnerKind.KOOPERATIONSPARTNER,
        type=PartnerType.KOMMUNE,
        city="Hagen",
    )
    PartnerDomain.objects.create(partner=partner, domain="hagen.de")
    return partner


@pytest.fixture
def shisha(db) -> Fachgebiet:
    return Fachgebiet.objects.create(
        name="Shisha", slug="shisha", position=2, description="Kontrollen von Shisha-Bars."
    )


@pytest.fixture
def gluecksspiel(db) -> Fachgebiet:
    return Fachgebiet.objects.create(name="Glücksspiel", slug="gluecksspiel", position=3)


@pytest.fixture
def lagebilder(db) -> Fachgebiet:
    return Fachgebiet.objects.get(slug="lagebilder")


@pytest.fixture
def editor(make_user, hagen, shisha):
    user = make_user(
        "petra.redaktion@hagen.de", partner=hagen, first_name="Petra", last_name="Neumann", second_factor=True
    )
    assign_perm("fachgebiete.edit_fachgebiet", user, shisha)
    return user


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
