"""Behörden & Institutionen: the partner directory and its contact persons."""

from __future__ import annotations

import pytest
from django.urls import reverse

from partner.models import Partner, PartnerKind, PartnerType, User

from ..helpers import count_queries, main_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def zoll(db) -> Partner:
    return Partner.objects.create(
        name="Generalzolldirektion",
        slug="gzd",
        kind=PartnerKind.KOOPERATIONSPARTNER,
        type=PartnerType.ZOLL,
        city="Bonn",
    )


def test_list_shows_partners_with_type_city_and_contacts(member_client, essen, polizei, zoll):
    page = main_text(member_client.get(reverse("partner:list")))
    for text in (
        "Stadt Essen",
        "Landeskriminalamt NRW",
        "Generalzolldirektion",
        "Kommune",
        "Landespolizei",
        "Netzwerkpartner",
        "Kooperationspartner",
        "Bonn",
        "3 Behörden und Institutionen",
    ):
        assert text in page


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ({"type": "zoll"}, "Generalzolldirektion", "Stadt Essen"),
        ({"kind": "netzwerk"}, "Landeskriminalamt NRW", "Generalzolldirektion"),
        ({"city": "Essen"}, "Stadt Essen", "Landeskriminalamt NRW"),
        ({"q": "zoll"}, "Generalzolldirektion", "Stadt Essen"),
    ],
)
def test_list_filters(member_client, essen, polizei, zoll, query, expected, absent):
    page = main_text(member_client.get(reverse("partner:list"), query))
    assert expected in page and absent not in page


def test_list_empty_state_and_invalid_filter(member_client, essen):
    page = main_text(member_client.get(reverse("partner:list"), {"q": "Atlantis"}))
    assert "Keine Behörde entspricht diesen Filtern." in page
    page = main_text(member_client.get(reverse("partner:list"), {"type": "unbekannt"}))
    assert "unbekannt ist keine gültige Auswahl" in page


def test_list_hides_inactive_partners(member_client, essen, zoll):
    Partner.objects.filter(pk=zoll.pk).update(is_active=False)
    assert "Generalzolldirektion" not in main_text(member_client.get(reverse("partner:list")))
    assert member_client.get(zoll.get_absolute_url()).status_code == 404


def test_list_paginates(member_client, settings):
    settings.SIKO_PAGE_SIZE = 5
    for i in range(12):
        Partner.objects.create(name=f"Stadt {i:02d}", slug=f"stadt-{i}", kind="kooperation", type="kommune", city="X")
    page = main_text(member_client.get(reverse("partner:list"), {"seite": 3, "type": "kommune"}))
    assert "Seite 3 von 3" in page and "Stadt 10" in page and "Stadt 00" not in page
    assert "type=kommune" in main_text(member_client.get(reverse("partner:list"), {"type": "kommune"}))


def test_list_runs_a_fixed_number_of_queries(member_client, make_user):
    url = reverse("partner:list")
    few = count_queries(member_client, url)
    for i in range(20):
        partner = Partner.objects.create(
            name=f"Kreis {i}", slug=f"kreis-{i}", kind="kooperation", type="kreis", city=f"Ort {i}"
        )
        make_user(f"kontakt{i}@kreis{i}.de", partner=partner, is_contact_person=True)
    assert count_queries(member_client, url) == few


def test_detail_shows_only_admitted_opted_in_contacts(member_client, member, make_user, essen):
    make_user("still@essen.de", is_contact_person=False, first_name="Stefan", last_name="Still")
    make_user("weg@essen.de", User.Status.DEACTIVATED, is_contact_person=True, first_name="Wanda", last_name="Weg")
    make_user("neu@essen.de", User.Status.VERIFIED, is_contact_person=True, first_name="Nina", last_name="Neu")
    page = main_text(member_client.get(essen.get_absolute_url()))
    assert "Max Muster" in page and member.email in page and "0201 88-12345" in page
    for hidden in ("Stefan Still", "Wanda Weg", "Nina Neu"):
        assert hidden not in page
    assert "1" in main_text(member_client.get(reverse("partner:list")))


def test_detail_without_contacts_invites_to_opt_in(member_client, polizei):
    assert "noch niemand als Ansprechperson eingetragen" in main_text(member_client.get(polizei.get_absolute_url()))


def test_unknown_partner_is_404(member_client):
    assert member_client.get(reverse("partner:detail", args=["gibt-es-nicht"])).status_code == 404
