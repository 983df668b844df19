"""The demo's Lagebilder: four entries to different audiences, some acknowledged, each visible to
its audience only (demo/lagebilder.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lagebilder.models import Lagebild
from partner.models import User
from zielgruppen.models import Scope

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def demo(loaded_demo, settings) -> str:
    settings.MEDIA_ROOT = settings.SENDFILE_ROOT = str(loaded_demo.media)
    return loaded_demo.output


def test_four_entries_with_different_audiences_some_acknowledged():
    items = list(Lagebild.objects.select_related("audience"))
    assert len(items) == 4
    assert {item.audience.scope for item in items} == set(Scope.values)
    assert sum(item.acknowledgements.count() for item in items) >= 4
    assert Lagebild.objects.filter(attachments__isnull=False, handling_note="vs_nfd").count() == 1


def test_the_essen_member_sees_hers_and_not_the_customs_notice(client):
    member = User.objects.get(email="nutzer@essen.de")
    client.force_login(member)
    titles = set(Lagebild.objects.visible_to(member).values_list("title", flat=True))
    assert "Hinweis an Zoll und Bundespolizei: Bargeldkuriere an Bahnhöfen" not in titles
    assert "Hinweis: Schwerpunktkontrollen Shisha-Bars im Dezember" in titles
    item = Lagebild.objects.get(title="Lagebild Clankriminalität Ruhr – 1. Halbjahr 2026")
    assert client.get(item.get_absolute_url()).status_code == 200
    download = client.get(item.attachments.get().get_absolute_url())
    assert download.status_code == 200 and "VS-NfD_" in download["Content-Disposition"]
    closed = Lagebild.objects.get(audience__scope=Scope.ARBEITSKREISE)
    assert client.get(closed.get_absolute_url()).status_code == 404
    assert client.get(reverse("lagebilder:list")).status_code == 200


def test_the_demo_office_sees_the_figures(client):
    client.force_login(User.objects.get(email="geschaeftsstelle@sikoruhr.nrw.de"))
    item = Lagebild.objects.get(title="Lagebild Clankriminalität Ruhr – 1. Halbjahr 2026")
    response = client.get(reverse("lagebilder:status", kwargs={"pk": item.pk}))
    assert response.status_code == 200 and "3 von" in response.content.decode()
