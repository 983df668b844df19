"""The global search finds the responsible person first, and only what the directory shows."""

from __future__ import annotations

import datetime

import pytest

from fachgebiete.models import Document
from fachgebiete.models.content import Status
from partner.models import Partner, PartnerKind, PartnerType, User
from suche.models import SearchEntry
from suche.query import search
from zustaendigkeiten.regions import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowd(make_entry, make_user, owner, zora, zoll, shisha, gluecksspiel, polizei, member):
    """The right person (Zora: Shisha, Duisburg, Zoll) among near misses that share two of the words."""
    duisburg = Partner.objects.create(
        name="Stadt Duisburg",
        slug="stadt-duisburg",
        kind=PartnerKind.KOOPERATIONSPARTNER,
        type=PartnerType.KOMMUNE,
        city="Duisburg",
    )
    essen_zoll = Partner.objects.create(
        name="Hauptzollamt Essen",
        slug="hza-essen",
        kind=PartnerKind.KOOPERATIONSPARTNER,
        type=PartnerType.ZOLL,
        city="Essen",
    )
    dora = make_user("dora.duisburg@stadt-duisburg.de", partner=duisburg, first_name="Dora", last_name="Duis")
    emil = make_user("emil.essen@zoll.bund.de", partner=essen_zoll, first_name="Emil", last_name="Zollmann")
    zeno = make_user("zeno.zoll@zoll.bund.de", partner=zoll, first_name="Zeno", last_name="Zwei")
    make_entry(dora, shisha, Region.DUISBURG, note="Kontrollen mit dem Zoll")  # Shisha, Duisburg, Kommune
    make_entry(emil, shisha, Region.ESSEN)  # Shisha, Zoll, but Essen
    make_entry(zeno, gluecksspiel, Region.DUISBURG)  # Zoll, Duisburg, but Glücksspiel
    # A document that mentions all three words in passing.
    Document.objects.create(
        fachgebiet=shisha,
        author=member,
        status=Status.PUBLISHED,
        published_at=datetime.datetime.now(datetime.UTC),
        kind=Document.Kind.VORLAGE,
        title="Checkliste Shisha-Kontrolle",
        description="Gemeinsame Kontrolle von Stadt Duisburg und Zoll in Shisha-Bars.",
    )
    return make_entry(zora, shisha, Region.DUISBURG)


def test_shisha_duisburg_zoll_ranks_the_responsible_person_first(member, crowd):
    results = search(member, "Shisha Duisburg Zoll")
    assert results.hits[0].url == crowd.get_absolute_url()
    assert "Zora Zöllner" in results.hits[0].title


def test_the_entry_shows_no_phone_or_email_in_the_index(crowd):
    stored = SearchEntry.objects.get(kind="zustaendigkeit", object_id=crowd.pk)
    text = " ".join([stored.title, stored.text_a, stored.text_b, stored.text_c, stored.text_d, stored.words])
    assert "zora.zoellner@zoll.bund.de" not in text


def test_a_deactivated_person_leaves_the_index(member, crowd, zora):
    zora.status = User.Status.DEACTIVATED
    zora.save()
    assert not SearchEntry.objects.filter(kind="zustaendigkeit", object_id=crowd.pk).exists()
    assert all("Zora" not in hit.title for hit in search(member, "Shisha Duisburg Zoll").hits)


def test_a_kreis_is_found_by_its_towns(member, make_entry, owner, shisha):
    entry = make_entry(owner, shisha, Region.KREIS_RECKLINGHAUSEN)
    assert search(member, "Shisha Marl").hits[0].url == entry.get_absolute_url()


def test_not_admitted_people_find_no_entry(applicant, crowd):
    assert all(hit.type_label != "Zuständigkeit" for hit in search(applicant, "Shisha Duisburg Zoll").hits)
