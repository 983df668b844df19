"""The Geschäftsstelle administers every area — and reads none without its own grant."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from facharbeitskreise import access, services
from facharbeitskreise.access import Role
from facharbeitskreise.models import Arbeitskreis
from tests.helpers import count_queries, main_text

pytestmark = pytest.mark.django_db

LIST = reverse("facharbeitskreise:office_arbeitskreis_list")


def _url(name, arbeitskreis, **kwargs):
    return reverse(f"facharbeitskreise:office_{name}", kwargs={"slug": arbeitskreis.slug, **kwargs})


def test_office_sees_all_arbeitskreise_including_confidential_and_archived(
    login, office, arbeitskreis, other_arbeitskreis
):
    archived = Arbeitskreis.objects.create(name="Altes Projekt", slug="alt", is_archived=True)
    text = main_text(login(office).get(LIST))
    assert arbeitskreis.name in text and other_arbeitskreis.name in text and archived.name in text


def test_office_list_runs_a_fixed_number_of_queries(login, office, make_user, arbeitskreis, ak_lead):
    client = login(office)
    small = count_queries(client, LIST)
    for i in range(8):
        new = Arbeitskreis.objects.create(name=f"Bereich {i}", slug=f"bereich-{i}")
        services.role_grant(arbeitskreis=new, user=make_user(f"l{i}@essen.de"), role=Role.LEITUNG, actor=None)
    assert count_queries(client, LIST) == small


def test_office_list_counts_open_requests_and_filters_to_them(
    login, office, outsider, member, arbeitskreis, other_arbeitskreis
):
    from facharbeitskreise.models import MembershipRequest

    services.membership_request_create(arbeitskreis=arbeitskreis, user=outsider, reason="Bitte.")
    services.membership_request_create(arbeitskreis=arbeitskreis, user=member, reason="Bitte.")
    MembershipRequest.objects.create(
        arbeitskreis=other_arbeitskreis, user=member, reason="Alt.", status=MembershipRequest.Status.DECLINED
    )
    client = login(office)
    everything = main_text(client.get(LIST))
    assert arbeitskreis.name in everything and other_arbeitskreis.name in everything
    # Two open requests in the one area; the decided one in the other area is not counted.
    assert '<strong>2</strong> <span class="kern-sr-only">offene Mitgliedschaftsanträge' in everything
    assert everything.count("offene Mitgliedschaftsanträge – entscheidet") == 1
    assert "Nur Bereiche mit offenen Mitgliedschaftsanträgen" in everything
    only_open = main_text(client.get(LIST, {"offen": "1"}))
    assert "1 Bereich mit offenen Mitgliedschaftsanträgen" in only_open
    assert arbeitskreis.name in only_open and other_arbeitskreis.name not in only_open
    assert "Alle Bereiche zeigen" in only_open


def test_office_list_without_open_requests_says_so(login, office, arbeitskreis):
    text = main_text(login(office).get(LIST, {"offen": "1"}))
    assert "In keinem Bereich ist ein Mitgliedschaftsantrag offen." in text


def test_office_creates_an_arbeitskreis(login, office):
    response = login(office).post(
        reverse("facharbeitskreise:office_arbeitskreis_create"),
        {"name": "FAK Glücksspiel", "slug": "gluecksspiel", "kind": "facharbeitskreis", "description": "Spielhallen"},
    )
    assert response.status_code == 302
    assert Arbeitskreis.objects.filter(slug="gluecksspiel").exists()


def test_office_does_not_read_arbeitskreis_content_without_a_grant(login, office, arbeitskreis, ak_lead):
    assert login(office).get(arbeitskreis.get_absolute_url()).status_code == 404


def test_office_grants_a_user_and_the_table_says_by_whom(login, office, outsider, arbeitskreis):
    client = login(office)
    client.post(_url("grant_user", arbeitskreis), {"person-user": outsider.email, "person-role": "leitung"})
    assert access.role_of(outsider, arbeitskreis) == Role.LEITUNG
    text = main_text(client.get(_url("arbeitskreis_detail", arbeitskreis)))
    assert "Olga Muster" in text and "direkte Berechtigung" in text and "Gina Muster" in text


def test_office_grants_a_group(login, office, outsider, arbeitskreis):
    group = Group.objects.create(name="LKA Clan-Ermittlungen")
    outsider.groups.add(group)
    client = login(office)
    client.post(_url("grant_group", arbeitskreis), {"gruppe-group": group.pk, "gruppe-role": "mitglied"})
    assert access.role_of(outsider, arbeitskreis) == Role.MITGLIED
    assert "Gruppe LKA Clan-Ermittlungen" in main_text(client.get(_url("arbeitskreis_detail", arbeitskreis)))


def test_granting_an_unknown_address_keeps_the_input(login, office, arbeitskreis):
    response = login(office).post(
        _url("grant_user", arbeitskreis), {"person-user": "x@nirgends.de", "person-role": "mitglied"}
    )
    assert response.status_code == 200
    assert "x@nirgends.de" in main_text(response)


def test_office_revokes_a_user_after_confirmation(login, office, ak_member, arbeitskreis):
    client = login(office)
    assert client.get(_url("revoke_user", arbeitskreis, user_pk=ak_member.pk)).status_code == 200
    client.post(_url("revoke_user", arbeitskreis, user_pk=ak_member.pk))
    assert access.role_of(ak_member, arbeitskreis) is None


def test_office_archives_and_reopens(login, office, arbeitskreis):
    client = login(office)
    client.post(_url("arbeitskreis_archive", arbeitskreis))
    arbeitskreis.refresh_from_db()
    assert arbeitskreis.is_archived and arbeitskreis.archived_at
    client.post(_url("arbeitskreis_reopen", arbeitskreis))
    arbeitskreis.refresh_from_db()
    assert not arbeitskreis.is_archived


def test_archiving_twice_says_so(office, arbeitskreis):
    services.arbeitskreis_archive(arbeitskreis=arbeitskreis, actor=office)
    with pytest.raises(services.AccessError, match="bereits am"):
        services.arbeitskreis_archive(arbeitskreis=arbeitskreis, actor=office)


def test_members_cannot_reach_office_pages(login, ak_lead, arbeitskreis):
    assert login(ak_lead).get(_url("arbeitskreis_detail", arbeitskreis)).status_code == 403


def test_office_detail_runs_a_fixed_number_of_queries(login, office, arbeitskreis, ak_lead, ak_member, make_user):
    def add_group(name):
        group = Group.objects.create(name=name)
        make_user(f"{name.lower()}@essen.de").groups.add(group)
        services.role_grant(arbeitskreis=arbeitskreis, group=group, role=Role.MITGLIED, actor=office)

    add_group("Erste")  # with no group at all, the group lookups are skipped
    client = login(office)
    small = count_queries(client, _url("arbeitskreis_detail", arbeitskreis))
    for i in range(5):
        services.role_grant(
            arbeitskreis=arbeitskreis, user=make_user(f"p{i}@essen.de"), role=Role.MITWIRKEND, actor=office
        )
        add_group(f"Gruppe{i}")
    assert count_queries(client, _url("arbeitskreis_detail", arbeitskreis)) == small


def test_granting_without_a_group_keeps_the_form(login, office, arbeitskreis):
    response = login(office).post(_url("grant_group", arbeitskreis), {"gruppe-role": "mitglied"})
    assert response.status_code == 200
    assert "Gruppe berechtigen" in main_text(response)
    assert not arbeitskreis.group_grants.exists()


def test_revoking_a_user_without_a_direct_grant_says_so(login, office, outsider, arbeitskreis):
    response = login(office).post(_url("revoke_user", arbeitskreis, user_pk=outsider.pk), follow=True)
    assert "keinen direkten Zugang" in main_text(response)
