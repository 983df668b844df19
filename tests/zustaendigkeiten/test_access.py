"""Who sees and who changes an entry: every role on every view (see conftest for the people)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partner.models import User
from zustaendigkeiten.models import Zustaendigkeit
from zustaendigkeiten.regions import Region

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")


def _urls(entry) -> dict[str, str]:
    return {
        "list": reverse("zustaendigkeiten:list"),
        "create": reverse("zustaendigkeiten:create"),
        "edit": reverse("zustaendigkeiten:edit", args=[entry.pk]),
        "confirm": reverse("zustaendigkeiten:confirm", args=[entry.pk]),
        "delete": reverse("zustaendigkeiten:delete", args=[entry.pk]),
    }


@pytest.mark.parametrize("role", ["anonymous", "applicant", "deactivated"])
@pytest.mark.parametrize("view", ["list", "create", "edit", "confirm", "delete"])
def test_it_asks_everybody_not_admitted_to_log_in(login, entry, role, view):
    response = login(role).post(_urls(entry)[view]) if view == "confirm" else login(role).get(_urls(entry)[view])
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


@pytest.mark.parametrize("role", ["member", "colleague", "outsider", "office", "owner"])
def test_every_admitted_member_reads_the_directory(login, entry, role):
    response = login(role).get(reverse("zustaendigkeiten:list"))
    assert response.status_code == 200
    assert "Otto Eigner" in response.content.decode()


@pytest.mark.parametrize("role", ["owner", "member", "office"])
def test_owner_contact_person_of_the_authority_and_office_may_edit(login, entry, role, shisha):
    client = login(role)
    urls = _urls(entry)
    assert client.get(urls["edit"]).status_code == 200
    response = client.post(
        urls["edit"],
        {"fachgebiet": "shisha", "region": Region.ESSEN, "person": entry.person_id, "unit": "Ordnungsamt, Team 3"},
    )
    assert response.status_code == 302, response.content.decode()
    entry.refresh_from_db()
    assert entry.unit == "Ordnungsamt, Team 3"


@pytest.mark.parametrize("role", ["colleague", "outsider"])
def test_other_members_get_403_and_change_nothing(login, entry, role):
    client = login(role)
    urls = _urls(entry)
    before = entry.confirmed_at
    assert client.get(urls["edit"]).status_code == 403
    assert client.post(urls["edit"], {"fachgebiet": "shisha", "region": "dortmund", "unit": "x"}).status_code == 403
    assert client.post(urls["confirm"]).status_code == 403
    assert client.post(urls["delete"]).status_code == 403
    entry.refresh_from_db()
    assert (entry.region, entry.confirmed_at) == (Region.ESSEN, before)


def test_entry_of_a_deactivated_person_is_gone_for_everybody(login, entry, owner):
    owner.status = User.Status.DEACTIVATED
    owner.save()
    client = login("office")
    assert "Otto Eigner" not in client.get(reverse("zustaendigkeiten:list")).content.decode()
    assert client.get(_urls(entry)["edit"]).status_code == 404


def test_a_suspended_person_disappears_too(login, entry, owner):
    User.objects.filter(pk=owner.pk).update(status=User.Status.SUSPENDED)
    assert "Otto Eigner" not in login("member").get(reverse("zustaendigkeiten:list")).content.decode()


def test_a_person_who_moved_to_another_authority_leaves_its_entries(login, entry, owner, polizei):
    owner.partner = polizei
    owner.save()
    assert Zustaendigkeit.objects.listed().count() == 0


@pytest.mark.parametrize("role", ["owner", "member", "office"])
def test_one_click_confirms_the_entry(login, entry, role, request):
    old = timezone.now() - datetime.timedelta(days=400)
    Zustaendigkeit.objects.filter(pk=entry.pk).update(confirmed_at=old, reminded_at=old)
    response = login(role).post(_urls(entry)["confirm"])
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.confirmed_at > old + datetime.timedelta(days=399)
    assert entry.confirmed_by == request.getfixturevalue(role)
    assert entry.reminded_at is None


def test_confirm_is_post_only(login, entry):
    assert login("owner").get(_urls(entry)["confirm"]).status_code == 405


def test_delete_asks_first_then_deletes(login, entry):
    client = login("owner")
    page = client.get(_urls(entry)["delete"])
    assert "Zuständigkeit löschen?" in page.content.decode()
    assert Zustaendigkeit.objects.filter(pk=entry.pk).exists()
    assert client.post(_urls(entry)["delete"]).status_code == 302
    assert not Zustaendigkeit.objects.filter(pk=entry.pk).exists()


def test_a_member_without_an_authority_of_the_list_may_not_create(login, make_user):
    person = make_user("frei@example.org", partner=None, other_authority="Verein XY")
    assert login(person).get(reverse("zustaendigkeiten:create")).status_code == 403


def test_the_edit_links_show_only_where_allowed(login, entry):
    edit = _urls(entry)["edit"]
    assert edit in login("member").get(reverse("zustaendigkeiten:list")).content.decode()
    assert edit not in login("colleague").get(reverse("zustaendigkeiten:list")).content.decode()
