"""The demo's directory: loaded with load_demo, findable as a user would look for it."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from partner.models import User
from suche.query import search
from zustaendigkeiten.models import Zustaendigkeit
from zustaendigkeiten.reminders import send_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def demo(loaded_demo, settings) -> str:
    settings.MEDIA_ROOT = settings.SENDFILE_ROOT = str(loaded_demo.media)
    return loaded_demo.output


def test_the_demo_fills_the_directory_and_a_second_run_changes_nothing(demo):
    assert "Wer ist zuständig?: 18 Einträge (18 neu)" in demo
    assert Zustaendigkeit.objects.listed().count() == 18
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "Wer ist zuständig?: 18 Einträge (0 neu)" in out.getvalue()


def test_shisha_duisburg_zoll_finds_the_customs_officer_first_in_the_demo():
    member = User.objects.get(email="nutzer@essen.de")
    hit = search(member, "Shisha Duisburg Zoll").hits[0]
    assert "Jens Kaya" in hit.title
    assert hit.url.startswith(reverse("zustaendigkeiten:list"))


def test_the_demo_has_overdue_entries_to_remind(client):
    result = send_reminders()
    assert result.reminded_entries == 2
    assert len(mail.outbox) == 2
