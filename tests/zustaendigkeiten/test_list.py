"""The directory's list: filters, landesweit entries, pagination, empty state, the flag on old
entries, a fixed number of queries; and the boxes on the Fachgebiet and partner pages."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partner.models import Partner, PartnerKind, PartnerType, User
from zustaendigkeiten.models import Zustaendigkeit
from zustaendigkeiten.regions import Region

from ..helpers import count_queries, main_text

pytestmark = pytest.mark.django_db

LIST = reverse("zustaendigkeiten:list")


@pytest.fixture
def lka_person(make_user, polizei):
    return make_user("lars.landesweit@polizei.nrw.de", partner=polizei, first_name="Lars", last_name="Landesweit")


@pytest.fixture
def directory(make_entry, owner, zora, lka_person, shisha, gluecksspiel):
    """Otto: Shisha in Essen; Zora (Zoll): Shisha in Duisburg; Zora: Glücksspiel in Duisburg;
    Lars (LKA): Shisha landesweit."""
    return [
        make_entry(owner, shisha, Region.ESSEN),
        make_entry(zora, shisha, Region.DUISBURG),
        make_entry(zora, gluecksspiel, Region.DUISBURG),
        make_entry(lka_person, shisha, Region.LANDESWEIT),
    ]


def rows(client, **query) -> list[tuple[str, str, str]]:
    response = client.get(LIST, query)
    assert response.status_code == 200
    page = response.context["page"]
    return [(e.person.last_name, e.fachgebiet.slug, e.region) for e in page]


def test_filter_by_fachgebiet(login, directory):
    found = rows(login("member"), fachgebiet="gluecksspiel")
    assert found == [("Zöllner", "gluecksspiel", Region.DUISBURG)]


def test_filter_by_place_shows_the_statewide_entries_too(login, directory):
    found = rows(login("member"), fachgebiet="shisha", region=Region.DUISBURG)
    assert sorted(found) == [("Landesweit", "shisha", Region.LANDESWEIT), ("Zöllner", "shisha", Region.DUISBURG)]


def test_filter_by_authority_type(login, directory):
    assert sorted(rows(login("member"), typ=PartnerType.ZOLL)) == [
        ("Zöllner", "gluecksspiel", Region.DUISBURG),
        ("Zöllner", "shisha", Region.DUISBURG),
    ]
    found = rows(login("member"), fachgebiet="shisha", region=Region.DUISBURG, typ=PartnerType.ZOLL)
    assert found == [("Zöllner", "shisha", Region.DUISBURG)]


def test_only_mine_shows_what_i_maintain(login, directory):
    assert rows(login("owner"), meine="on") == [("Eigner", "shisha", Region.ESSEN)]
    # The contact person of the Stadt Essen maintains Otto's entry, nobody else's here.
    assert rows(login("member"), meine="on") == [("Eigner", "shisha", Region.ESSEN)]
    assert len(rows(login("office"), meine="on")) == 4


def test_an_unknown_filter_value_is_explained(login, directory):
    response = login("member").get(LIST, {"region": "paris"})
    assert response.status_code == 200
    assert "paris ist keine gültige Auswahl" in main_text(response)


def test_empty_state_says_so_and_offers_to_register(login, shisha):
    text = main_text(login("member").get(LIST, {"fachgebiet": "shisha"}))
    assert "Für diese Auswahl ist noch niemand eingetragen." in text
    assert reverse("zustaendigkeiten:create") in text


def test_entries_unconfirmed_for_twelve_months_are_flagged(login, directory):
    Zustaendigkeit.objects.filter(pk=directory[0].pk).update(confirmed_at=timezone.now() - datetime.timedelta(days=370))
    text = main_text(login("member").get(LIST))
    assert text.count("Seit über 12 Monaten nicht bestätigt") == 1


def test_the_list_pages(login, settings, make_entry, shisha, make_user):
    settings.SIKO_PAGE_SIZE = 2
    for number in range(5):
        make_entry(make_user(f"p{number}@essen.de", last_name=f"Person{number}"), shisha)
    client = login("member")
    assert len(rows(client)) == 2
    assert len(rows(client, seite=3)) == 1
    assert "Seite 1 von 3" in client.get(LIST).content.decode()


def test_the_list_costs_the_same_number_of_queries_for_few_and_many_entries(login, make_entry, shisha, make_user):
    client = login("member")
    first = make_entry(make_user("erste@essen.de", last_name="Erste"), shisha)
    first.deputies.add(make_user("vertretung@essen.de", last_name="Vertretung"))
    few = count_queries(client, LIST)
    for number in range(12):
        entry = make_entry(make_user(f"viele{number}@essen.de", last_name=f"Viele{number}"), shisha, Region.BOCHUM)
        entry.deputies.add(first.person)
    assert count_queries(client, LIST) == few
    assert few <= 14


def test_deputies_are_shown_while_admitted(login, entry, colleague, make_user):
    gone = make_user("weg@essen.de", first_name="Willi", last_name="Weg")
    entry.deputies.add(colleague, gone)
    User.objects.filter(pk=gone.pk).update(status=User.Status.DEACTIVATED)
    text = main_text(login("outsider").get(LIST))
    assert "Clara Kollegin" in text
    assert "Willi Weg" not in text


def test_an_authority_that_left_the_cooperation_takes_its_entries_along(login, entry, essen):
    Partner.objects.filter(pk=essen.pk).update(is_active=False)
    assert rows(login("office")) == []


def test_the_fachgebiet_page_offers_the_search_with_its_fachgebiet_preset(login, shisha):
    text = main_text(login("member").get(shisha.get_absolute_url()))
    assert "Wer ist zuständig?" in text
    assert 'name="fachgebiet" value="shisha"' in text
    assert f"{reverse('zustaendigkeiten:create')}?fachgebiet=shisha" in text


def test_a_rubric_page_has_no_box(login, lagebilder):
    assert "Wer ist zuständig?" not in main_text(login("member").get(lagebilder.get_absolute_url()))


def test_the_authority_page_lists_its_entries(login, directory, zoll):
    text = main_text(login("member").get(zoll.get_absolute_url()))
    assert "Zuständigkeiten" in text
    assert text.count("Zora Zöllner") == 2
    assert "Otto Eigner" not in text


def test_the_authority_page_without_entries_says_so(login, essen):
    other = Partner.objects.create(
        name="Stadt Bottrop", slug="stadt-bottrop", kind=PartnerKind.KOOPERATIONSPARTNER, type=PartnerType.KOMMUNE
    )
    text = main_text(login("member").get(other.get_absolute_url()))
    assert "Für diese Behörde sind noch keine Zuständigkeiten eingetragen." in text


def test_my_profile_lists_my_entries(login, entry):
    text = main_text(login("owner").get(reverse("partner:profile")))
    assert "Ihre Zuständigkeiten" in text
    assert "Shisha · Essen" in text
    assert "noch für kein Fachgebiet eingetragen" in main_text(login("colleague").get(reverse("partner:profile")))
