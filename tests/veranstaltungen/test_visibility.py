"""An event is seen by its audience and by nobody else: lists, detail, calendar file, material,
search and start page alike (outsider and wrong audience 404, anonymous to the login)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from partner.models import PartnerType
from suche.index import reindex
from tests.helpers import main_text, make_audience
from zielgruppen.models import Scope

from .conftest import make_event

pytestmark = pytest.mark.django_db


def _detail(event) -> str:
    return reverse("veranstaltungen:detail", kwargs={"pk": event.pk})


@pytest.mark.parametrize(
    ("role", "status"),
    [("member", 200), ("outsider", 200), ("insider", 200), ("office", 200), ("arbeitskreis_lead", 200)],
)
def test_an_event_for_all_members_is_seen_by_every_admitted_person(login, event, role, status):
    response = login(role).get(_detail(event))
    assert response.status_code == status
    assert "Jahrestagung" in response.content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client, event):
    response = client.get(_detail(event))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_an_applicant_sees_no_event(login, applicant, event):
    response = login(applicant).get(_detail(event))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(("role", "status"), [("insider", 200), ("arbeitskreis_lead", 200), ("office", 200)])
def test_a_closed_arbeitskreis_event_is_seen_by_its_members_its_lead_and_the_office(login, closed_event, role, status):
    assert login(role).get(_detail(closed_event)).status_code == status


@pytest.mark.parametrize("role", ["member", "outsider"])
def test_a_closed_arbeitskreis_event_is_404_for_everyone_else(login, closed_event, role):
    client = login(role)
    response = client.get(_detail(closed_event))
    assert response.status_code == 404
    assert "Verborgen" not in response.content.decode()
    for name in ("ics", "register", "unregister"):
        method = client.get if name == "ics" else client.post
        assert method(reverse(f"veranstaltungen:{name}", kwargs={"pk": closed_event.pk})).status_code == 404


def test_an_event_for_chosen_authority_types_is_404_for_the_others(login, member, outsider):
    kommunen = make_event(make_audience(Scope.BEHOERDENARTEN, types=[PartnerType.KOMMUNE]), title="Nur Kommunen")
    assert login(member).get(_detail(kommunen)).status_code == 200
    assert login(outsider).get(_detail(kommunen)).status_code == 404


def test_an_event_for_chosen_partners_is_404_for_the_others(login, member, outsider, polizei):
    lka = make_event(make_audience(Scope.PARTNER, partners=[polizei]), title="Nur LKA")
    assert login(outsider).get(_detail(lka)).status_code == 200
    assert login(member).get(_detail(lka)).status_code == 404


def test_lists_show_only_the_events_of_ones_audience(login, member, insider, event, closed_event):
    make_event(title="Vergangene Tagung", days=-30)
    member_list = login(member).get(reverse("veranstaltungen:list")).content.decode()
    assert "Jahrestagung" in member_list and "Verborgene" not in member_list and "Vergangene Tagung" not in member_list
    insider_list = login(insider).get(reverse("veranstaltungen:list")).content.decode()
    assert "Jahrestagung" in insider_list and "Verborgene Fallkonferenz" in insider_list
    archive = login(member).get(reverse("veranstaltungen:archive")).content.decode()
    assert "Vergangene Tagung" in archive and "Jahrestagung" not in archive


def test_the_start_page_names_the_next_events_of_ones_audience_only(login, member, insider, event, closed_event):
    home = login(member).get(reverse("home")).content.decode()
    assert "Nächste Veranstaltungen" in home and "Jahrestagung" in home and "Verborgene" not in home
    assert "Verborgene Fallkonferenz" in login(insider).get(reverse("home")).content.decode()


def test_the_start_page_names_the_status_of_a_postponed_event_only(login, member, event):
    home = main_text(login(member).get(reverse("home")))
    assert "Jahrestagung" in home and "· geplant" not in home
    event.status = event.Status.POSTPONED
    event.save()
    assert "· verschoben" in main_text(login(member).get(reverse("home")))


def test_the_search_finds_an_event_for_its_audience_only(login, member, insider, closed_event):
    reindex()
    url = reverse("search") + "?q=Fallkonferenz"
    assert "1 Treffer" in main_text(login(insider).get(url))
    assert f'href="{_detail(closed_event)}"' in login(insider).get(url).content.decode()
    answer = login(member).get(url).content.decode()
    assert "Verborgene" not in answer and _detail(closed_event) not in answer


def test_the_list_costs_a_fixed_number_of_queries(login, member, django_assert_max_num_queries):
    for number in range(8):
        make_event(title=f"Veranstaltung {number}", capacity=10)
    client = login(member)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("veranstaltungen:list")).status_code == 200


def test_the_archive_costs_a_fixed_number_of_queries(login, member, django_assert_max_num_queries):
    for number in range(8):
        make_event(title=f"Rückblick {number}", days=-10 - number)
    client = login(member)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("veranstaltungen:archive")).status_code == 200


def test_the_office_lists_every_event_but_its_start_page_only_its_own_audiences(login, office, closed_event):
    assert "Verborgene Fallkonferenz" in login(office).get(reverse("veranstaltungen:list")).content.decode()
    assert "Verborgene Fallkonferenz" not in login(office).get(reverse("home")).content.decode()
