"""The search sources of "Behörden & Institutionen": authorities and the people who chose to be listed.

Contact persons are personal data: the index holds only people the directory shows, and only what
identifies them as a contact (name, authority, unit, function) – never their e-mail or telephone.
"""

from __future__ import annotations

from dataclasses import asdict

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partner.models import Partner, PartnerKind, PartnerType, User
from partner.search import SOURCES, ContactPersonSource, PartnerSource
from partner.services import account_deactivate, account_reactivate
from suche.entry import Entry

from ..helpers import main_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def zoll(db) -> Partner:
    return Partner.objects.create(
        name="Hauptzollamt Duisburg",
        short_name="HZA DU",
        slug="hza-duisburg",
        kind=PartnerKind.KOOPERATIONSPARTNER,
        type=PartnerType.ZOLL,
        city="Duisburg",
        description="Finanzkontrolle Schwarzarbeit und Kontrollen der Tabaksteuer.",
    )


@pytest.fixture
def retired(db) -> Partner:
    return Partner.objects.create(
        name="Ehemalige Projektstelle",
        slug="ehemalig",
        kind=PartnerKind.NETZWERKPARTNER,
        type=PartnerType.SONSTIGE,
        city="Bochum",
        is_active=False,
    )


@pytest.fixture
def zoellnerin(make_user, zoll) -> User:
    return make_user(
        "zora.zoll@zoll.de",
        partner=zoll,
        first_name="Zora",
        last_name="Zöllner",
        unit="Sachgebiet E – Prüfungen und Ermittlungen",
        function="Sachgebietsleitung",
        phone="0203 9876-0",
        is_contact_person=True,
    )


@pytest.fixture
def people(make_user, member, outsider, zoellnerin, zoll, retired):
    """Listed and not listed, for every reason the directory has."""
    return {
        "listed": [member, zoellnerin],
        "not_listed": [
            outsider,  # did not choose to be listed
            make_user("anna.antrag@zoll.de", User.Status.VERIFIED, partner=zoll, is_contact_person=True),
            make_user("dora.deaktiviert@zoll.de", User.Status.DEACTIVATED, partner=zoll, is_contact_person=True),
            make_user("rolf.ruhestand@bochum.de", partner=retired, is_contact_person=True),  # authority gone
            make_user("frei.ohne@verein.de", partner=None, other_authority="Verein X", is_contact_person=True),
        ],
    }


def test_the_sources_and_their_labels():
    assert [(s.kind, s.label, s.label_plural, s.model) for s in SOURCES] == [
        ("behoerde", "Behörde / Institution", "Behörden & Institutionen", Partner),
        ("person", "Ansprechperson", "Ansprechpersonen", User),
    ]


# --- Access: the directory's own querysets ------------------------------------------------------


@pytest.mark.parametrize("role", ["member", "outsider", "office"])
def test_visible_authorities_are_the_directory(request, client, essen, polizei, zoll, retired, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    src = PartnerSource()
    assert set(src.visible(user)) == {essen, polizei, zoll}
    listing = main_text(client.get(reverse("partner:list")))
    for partner in src.indexable():
        opens = client.get(src.entry(partner).url).status_code == 200
        assert opens == (partner in src.visible(user)) == (partner.name in listing), partner


@pytest.mark.parametrize("role", ["member", "outsider", "office"])
def test_visible_people_are_exactly_those_the_directory_shows(request, client, people, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    src = ContactPersonSource()
    assert set(src.visible(user)) == set(people["listed"])
    shown = set()
    for partner in Partner.objects.active():
        page = main_text(client.get(partner.get_absolute_url()))
        shown |= {person for person in User.objects.all() if f">{person.get_full_name()}<" in page}
    assert shown == set(people["listed"])


def test_only_listed_people_are_indexed(people):
    assert set(ContactPersonSource().indexable()) == set(people["listed"])


def test_unlisting_yourself_leaves_the_index(client, zoellnerin):
    client.force_login(zoellnerin)
    response = client.post(
        reverse("partner:profile"),
        {"first_name": "Zora", "last_name": "Zöllner", "unit": "SG E", "function": "Leitung", "phone": ""},
    )
    assert response.status_code == 302
    assert not ContactPersonSource().indexable().filter(pk=zoellnerin.pk).exists()


def test_deactivation_leaves_the_index_and_reactivation_returns(office, zoellnerin):
    account_deactivate(user=zoellnerin, decided_by=office, reason="Versetzt")
    assert not ContactPersonSource().indexable().filter(pk=zoellnerin.pk).exists()
    assert not ContactPersonSource().visible(office).filter(pk=zoellnerin.pk).exists()
    account_reactivate(user=zoellnerin, decided_by=office)
    assert ContactPersonSource().indexable().filter(pk=zoellnerin.pk).exists()


def test_a_deactivated_account_opens_no_directory_page(client, deactivated, zoll):
    """The search page sits behind the same gate: a deactivated account is logged out everywhere."""
    client.force_login(deactivated)
    assert client.get(zoll.get_absolute_url()).status_code == 302


# --- Entries -----------------------------------------------------------------------------------


def test_an_authority_entry(client, member, zoll):
    entry = PartnerSource().entry(zoll)
    assert type(entry) is Entry  # exactly the fields of the protocol
    assert entry.title == "Hauptzollamt Duisburg"
    assert entry.context == "Behörde · Duisburg"
    assert entry.a == "HZA DU"
    for word in ("Behörde", "Zoll", "Kooperationspartner", "Duisburg"):
        assert word in entry.words  # only to find it by: the snippet shows the description
    assert entry.b == ""
    assert entry.c == "Finanzkontrolle Schwarzarbeit und Kontrollen der Tabaksteuer."
    assert (entry.rubric, entry.partner_id, entry.fachgebiet_id, entry.arbeitskreis_id) == (
        "behoerden",
        zoll.pk,
        None,
        None,
    )
    assert (entry.d, entry.keys, entry.date) == ("", [], None)
    client.force_login(member)
    assert client.get(entry.url).status_code == 200


def test_a_contact_person_entry(client, member, zoellnerin, zoll):
    src = ContactPersonSource()
    entry = src.entry(src.indexable().get(pk=zoellnerin.pk))
    assert type(entry) is Entry  # exactly the fields of the protocol
    assert entry.title == "Zora Zöllner"
    assert entry.url == f"{zoll.get_absolute_url()}#ansprechperson-{zoellnerin.pk}"  # her card
    assert entry.context == "Hauptzollamt Duisburg"
    for word in ("Ansprechperson", "Ansprechpartner", "Kontakt", "Hauptzollamt Duisburg", "HZA DU", "Zoll", "Duisburg"):
        assert word in entry.words
    assert entry.b == ""
    assert "Sachgebiet E" in entry.c and "Sachgebietsleitung" in entry.c
    assert (entry.rubric, entry.partner_id, entry.date) == ("behoerden", zoll.pk, None)
    stored = " ".join(str(value) for value in asdict(entry).values())
    assert "zora.zoll@zoll.de" not in stored and "9876" not in stored and "zoll.de" not in stored
    client.force_login(member)
    response = client.get(entry.url)
    assert response.status_code == 200 and "Zora Zöllner" in main_text(response)
    assert f'id="ansprechperson-{zoellnerin.pk}"' in response.content.decode()


# --- Keeping the index current --------------------------------------------------------------


def test_dependents(people, zoll, essen, member, zoellnerin):
    assert PartnerSource().dependents() == {}
    deps = ContactPersonSource().dependents()
    assert set(deps) == {Partner}
    assert set(deps[Partner](zoll)) == {zoellnerin}
    assert set(deps[Partner](essen)) == {member}


def test_an_authority_leaving_the_directory_takes_its_people_along(zoll, zoellnerin):
    zoll.is_active = False
    zoll.save()
    src = ContactPersonSource()
    # The index rebuilds what dependents() returns; what is no longer indexable loses its entry.
    affected = src.dependents()[Partner](zoll)
    assert set(affected) == {zoellnerin}
    assert not src.indexable().filter(pk__in=[p.pk for p in affected]).exists()
    assert not PartnerSource().visible(zoellnerin).filter(pk=zoll.pk).exists()


def test_no_files(zoll):
    assert not PartnerSource().for_files([1, 2]).exists()
    assert not ContactPersonSource().for_files([1, 2]).exists()


def test_entries_cost_a_fixed_number_of_queries(make_user, essen, zoll, polizei):
    def build(src) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as loading:
            objects = list(src.indexable())
        with CaptureQueriesContext(connection) as building:
            for obj in objects:
                src.entry(obj)
        return len(loading.captured_queries), len(building.captured_queries)

    def add(n: int) -> None:
        start = User.objects.count()
        for i in range(start, start + n):
            partner = (essen, zoll, polizei)[i % 3]
            make_user(f"person{i}@example.org", partner=partner, is_contact_person=True)

    add(2)
    few = [build(src) for src in SOURCES]
    add(5)
    Partner.objects.create(name="Stadt Hagen", slug="hagen", kind="kooperation", type="kommune", city="Hagen")
    assert [build(src) for src in SOURCES] == few
    assert all(building == 0 for _, building in few)


def test_a_login_leaves_the_contact_persons_entry_alone(client, zoellnerin):
    from suche.models import SearchEntry

    before = SearchEntry.objects.get(kind="person", object_id=zoellnerin.pk).indexed_at
    with CaptureQueriesContext(connection) as queries:
        client.force_login(zoellnerin)  # saves last_login (update_fields=["last_login"])
    assert not [query for query in queries.captured_queries if "sikoportal_searchentry" in query["sql"]]
    zoellnerin.refresh_from_db()
    assert zoellnerin.last_login is not None
    assert SearchEntry.objects.get(kind="person", object_id=zoellnerin.pk).indexed_at == before
    zoellnerin.function = "Sachgebietsleitung Vollzug"
    zoellnerin.save(update_fields=["function", "last_login"])  # anything more: indexed again
    assert "Sachgebietsleitung" in SearchEntry.objects.get(kind="person", object_id=zoellnerin.pk).text_c
