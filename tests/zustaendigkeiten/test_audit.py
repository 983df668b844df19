"""Changes to another person's directory entry are audited; one's own entry is not (see conftest)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from partner.models import AuditEvent
from zustaendigkeiten.models import Zustaendigkeit
from zustaendigkeiten.regions import Region

pytestmark = pytest.mark.django_db

Kind = AuditEvent.Kind
DIRECTORY_KINDS = [Kind.DIRECTORY_CREATED, Kind.DIRECTORY_CHANGED, Kind.DIRECTORY_CONFIRMED, Kind.DIRECTORY_DELETED]


def _events():
    return AuditEvent.objects.filter(kind__in=DIRECTORY_KINDS)


def _edit(entry, **changes) -> dict:
    data = {
        "fachgebiet": "shisha",
        "region": entry.region,
        "person": entry.person_id,
        "unit": entry.unit,
        "phone": entry.phone,
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("role", ["member", "office"])  # the contact person of Essen, the office
def test_edit_confirm_delete_of_another_s_entry_are_audited(login, entry, owner, role, request):
    actor = request.getfixturevalue(role)
    client = login(role)
    edit = client.post(reverse("zustaendigkeiten:edit", args=[entry.pk]), _edit(entry, unit="Ordnungsamt, Team 3"))
    assert edit.status_code == 302
    client.post(reverse("zustaendigkeiten:confirm", args=[entry.pk]))
    pk = entry.pk
    client.post(reverse("zustaendigkeiten:delete", args=[pk]))
    assert not Zustaendigkeit.objects.filter(pk=pk).exists()

    events = list(_events().order_by("pk"))
    assert [e.kind for e in events] == [Kind.DIRECTORY_CHANGED, Kind.DIRECTORY_CONFIRMED, Kind.DIRECTORY_DELETED]
    for event in events:
        assert (event.actor, event.subject) == (actor, owner)
        assert event.target == f"zustaendigkeiten.zustaendigkeit:{pk}"
        assert event.detail["region"] == "Essen" and event.detail["behoerde"] == "Stadt Essen"
    assert events[0].detail["changed"] == ["Organisationseinheit"]
    assert events[2].subject_name  # the person's name is kept with the event, the entry is gone


def test_the_contact_person_registering_a_colleague_is_audited(login, member, owner, shisha):
    login("member").post(
        reverse("zustaendigkeiten:create"), {"fachgebiet": "shisha", "region": Region.ESSEN, "person": owner.pk}
    )
    event = _events().get()
    assert (event.kind, event.actor, event.subject) == (Kind.DIRECTORY_CREATED, member, owner)
    assert event.target == f"zustaendigkeiten.zustaendigkeit:{Zustaendigkeit.objects.get().pk}"


def test_the_person_s_own_changes_are_not_audited(login, entry, owner, shisha):
    client = login("owner")
    client.post(reverse("zustaendigkeiten:edit", args=[entry.pk]), _edit(entry, unit="Neu"))
    client.post(reverse("zustaendigkeiten:confirm", args=[entry.pk]))
    client.post(reverse("zustaendigkeiten:create"), {"fachgebiet": "shisha", "region": Region.BOCHUM})
    client.post(reverse("zustaendigkeiten:delete", args=[entry.pk]))
    assert Zustaendigkeit.objects.filter(person=owner, region=Region.BOCHUM).exists()
    assert not Zustaendigkeit.objects.filter(pk=entry.pk).exists()
    assert not _events().exists()


def test_refused_changes_record_nothing(login, entry):
    client = login("colleague")
    client.post(reverse("zustaendigkeiten:confirm", args=[entry.pk]))
    client.post(reverse("zustaendigkeiten:delete", args=[entry.pk]))
    assert not _events().exists()


def test_an_invalid_edit_records_nothing(login, entry):
    response = login("office").post(reverse("zustaendigkeiten:edit", args=[entry.pk]), _edit(entry, region="nirgendwo"))
    assert response.status_code == 200
    assert not _events().exists()
