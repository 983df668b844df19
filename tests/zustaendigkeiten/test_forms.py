"""Registering and changing entries: who may name whom, and bad input that saves nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zustaendigkeiten.models import Zustaendigkeit
from zustaendigkeiten.regions import Region

from ..helpers import main_text

pytestmark = pytest.mark.django_db

CREATE = reverse("zustaendigkeiten:create")


def test_a_member_registers_herself_with_her_profiles_unit_and_phone(login, owner, shisha):
    client = login("owner")
    form = client.get(CREATE, {"fachgebiet": "shisha"})
    assert form.context["form"]["fachgebiet"].value() == "shisha"
    assert form.context["form"]["phone"].value() == "0201 88-4711"
    response = client.post(CREATE, {"fachgebiet": "shisha", "region": Region.ESSEN, "unit": "", "phone": ""})
    assert response.status_code == 302
    entry = Zustaendigkeit.objects.get()
    assert (entry.person, entry.partner, entry.phone) == (owner, owner.partner, "0201 88-4711")
    assert entry.confirmed_by == owner
    assert response["Location"] == entry.get_absolute_url()


def test_a_member_cannot_register_somebody_else(login, owner, colleague, shisha):
    response = login("owner").post(CREATE, {"fachgebiet": "shisha", "region": Region.ESSEN, "person": colleague.pk})
    assert response.status_code == 302
    assert Zustaendigkeit.objects.get().person == owner  # the person field is fixed to herself


def test_the_contact_person_registers_a_colleague_with_a_deputy(login, member, owner, colleague, shisha):
    response = login("member").post(
        CREATE,
        {"fachgebiet": "shisha", "region": Region.ESSEN, "person": owner.pk, "deputies": [colleague.pk]},
    )
    assert response.status_code == 302
    entry = Zustaendigkeit.objects.get()
    assert entry.person == owner
    assert list(entry.deputies.all()) == [colleague]


def test_the_contact_person_cannot_register_staff_of_another_authority(login, member, zora, shisha):
    response = login("member").post(CREATE, {"fachgebiet": "shisha", "region": Region.DUISBURG, "person": zora.pk})
    assert response.status_code == 200
    assert "Diese Person können Sie nicht eintragen." in main_text(response)
    assert not Zustaendigkeit.objects.exists()


def test_the_office_registers_anybody(login, zora, shisha, zoll):
    response = login("office").post(CREATE, {"fachgebiet": "shisha", "region": Region.DUISBURG, "person": zora.pk})
    assert response.status_code == 302
    assert Zustaendigkeit.objects.get().partner == zoll


def test_a_deputy_of_another_authority_is_refused_and_the_input_kept(login, owner, zora, shisha):
    response = login("office").post(
        CREATE,
        {"fachgebiet": "shisha", "region": Region.ESSEN, "person": owner.pk, "deputies": [zora.pk], "note": "Mo–Do"},
    )
    assert response.status_code == 200
    text = main_text(response)
    assert "Die Vertretung muss bei derselben Behörde arbeiten wie die zuständige Person." in text
    assert "Mo–Do" in text
    assert not Zustaendigkeit.objects.exists()


def test_the_person_is_not_her_own_deputy(login, owner, shisha):
    response = login("owner").post(CREATE, {"fachgebiet": "shisha", "region": Region.ESSEN, "deputies": [owner.pk]})
    assert "nicht zugleich ihre eigene Vertretung" in main_text(response)
    assert not Zustaendigkeit.objects.exists()


def test_the_same_entry_twice_is_refused(login, entry):
    response = login("owner").post(CREATE, {"fachgebiet": "shisha", "region": Region.ESSEN})
    assert response.status_code == 200
    assert "Otto Eigner ist für dieses Fachgebiet und diesen Ort bereits eingetragen." in main_text(response)
    assert Zustaendigkeit.objects.count() == 1


def test_missing_fields_are_named_in_german(login, owner):
    text = main_text(login("owner").post(CREATE, {}))
    assert "Bitte wählen Sie das Fachgebiet." in text
    assert "Bitte wählen Sie die Stadt oder den Kreis." in text


def test_a_rubric_is_no_fachgebiet_of_the_directory(login, owner, lagebilder):
    response = login("owner").post(CREATE, {"fachgebiet": "lagebilder", "region": Region.ESSEN})
    assert response.status_code == 200
    assert not Zustaendigkeit.objects.exists()
