"""The people and entries of "Wer ist zuständig?".

- owner (Otto Eigner, Stadt Essen) is responsible for Shisha in Essen: he maintains his entry;
- member (the root conftest's Max, Stadt Essen) is the contact person of the Stadt Essen: she
  maintains all of Essen's entries, Otto's included;
- colleague (Clara Kollegin, Stadt Essen) is neither: she reads, but may not change Otto's entry;
- outsider (LKA NRW) reads, but changes nothing of Essen's;
- office maintains everything; applicant and anonymous see nothing;
- zoll is the Hauptzollamt Duisburg with Zora Zöllner, responsible for Shisha in Duisburg.
"""

from __future__ import annotations

import pytest

from partner.models import Partner, PartnerKind, PartnerType
from zustaendigkeiten.models import Zustaendigkeit
from zustaendigkeiten.regions import Region


@pytest.fixture
def owner(make_user):
    return make_user("otto.eigner@essen.de", first_name="Otto", last_name="Eigner", phone="0201 88-4711")


@pytest.fixture
def colleague(make_user):
    return make_user("clara.kollegin@essen.de", first_name="Clara", last_name="Kollegin")


@pytest.fixture
def zoll(db) -> Partner:
    return Partner.objects.create(
        name="Hauptzollamt Duisburg",
        short_name="HZA Duisburg",
        slug="hza-duisburg",
        kind=PartnerKind.KOOPERATIONSPARTNER,
        type=PartnerType.ZOLL,
        city="Duisburg",
    )


@pytest.fixture
def zora(make_user, zoll):
    return make_user("zora.zoellner@zoll.bund.de", partner=zoll, first_name="Zora", last_name="Zöllner")


@pytest.fixture
def make_entry(db):
    def make(person, fachgebiet, region=Region.ESSEN, **fields) -> Zustaendigkeit:
        fields.setdefault("unit", person.unit)
        fields.setdefault("phone", person.phone)
        return Zustaendigkeit.objects.create(
            person=person, partner=person.partner, fachgebiet=fachgebiet, region=region, **fields
        )

    return make


@pytest.fixture
def entry(make_entry, owner, shisha):
    """Otto Eigner, Stadt Essen: Shisha in Essen."""
    return make_entry(owner, shisha, Region.ESSEN)
