"""The person's entries in „Meine Daten“, and what the erasure of her account does with them."""

from __future__ import annotations

import pytest

from partner.data_protection import export_sections, processing_activities
from partner.erasure import deletion_request_confirm, deletion_request_create
from zustaendigkeiten.models import Zustaendigkeit
from zustaendigkeiten.regions import Region

pytestmark = pytest.mark.django_db


def sections(user) -> dict:
    return {section.key: section for section in export_sections(user)}


def test_the_export_shows_own_entries_and_deputyships_without_the_colleagues_name(
    make_entry, owner, colleague, shisha, gluecksspiel
):
    make_entry(owner, shisha, Region.ESSEN, note="Gaststättenrecht")
    make_entry(colleague, gluecksspiel, Region.ESSEN).deputies.add(owner)
    found = sections(owner)
    assert found["zustaendigkeiten"].rows[0]["fachgebiet"] == "Shisha"
    assert found["zustaendigkeiten"].rows[0]["hinweis"] == "Gaststättenrecht"
    assert found["vertretungen"].rows == [{"fachgebiet": "Glücksspiel", "ort": "Essen", "behoerde": "Stadt Essen"}]
    assert "Kollegin" not in str(found["vertretungen"].as_json())


def test_the_register_names_the_directory():
    assert any(activity.name == "Verzeichnis „Wer ist zuständig?“" for activity in processing_activities())


def test_the_erasure_removes_entries_and_deputyships(make_entry, owner, colleague, shisha, gluecksspiel, office):
    make_entry(owner, shisha, Region.ESSEN)
    other = make_entry(colleague, gluecksspiel, Region.ESSEN, confirmed_by=owner)
    other.deputies.add(owner)
    deletion_request_confirm(deletion_request=deletion_request_create(user=owner), by=office)
    assert not Zustaendigkeit.objects.filter(person=owner).exists()
    other.refresh_from_db()
    assert list(other.deputies.all()) == []
    assert other.confirmed_by is None
