"""load_demo shows the lifecycle of Muster and Rechtstatsachen: überholt with successor, a Wiedervorlage
due and one overdue, a decision aufgehoben with its follow-up, and runs twice without change."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from demo import lifecycle
from fachgebiete.models import Document, Fachgebiet, Rechtstatsache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def demo(loaded_demo, settings) -> str:
    settings.MEDIA_ROOT = settings.SENDFILE_ROOT = str(loaded_demo.media)
    return loaded_demo.output


def test_superseded_muster_point_to_their_successor_in_the_same_fachgebiet():
    superseded = Document.objects.filter(is_superseded=True).select_related("successor")
    with_successor = [d for d in superseded if d.successor is not None]
    assert len(with_successor) >= 5
    assert all(d.successor.fachgebiet_id == d.fachgebiet_id and not d.successor.is_superseded for d in with_successor)


def test_the_shisha_redaktion_has_wiedervorlagen_due_and_overdue():
    shisha = Fachgebiet.objects.get(slug="shisha")
    assert Document.objects.filter(fachgebiet=shisha).review_due().count() >= 2
    assert Document.objects.filter(fachgebiet=shisha).review_overdue().count() >= 1
    assert Rechtstatsache.objects.filter(fachgebiet=shisha).review_due().count() >= 1
    assert Document.objects.filter(fachgebiet=shisha, valid_until__gt=timezone.localdate()).exists()


def test_a_decision_aufgehoben_links_its_follow_up():
    record = Rechtstatsache.objects.select_related("follow_up").get(aktenzeichen="19 L 905/23")
    assert record.legal_status == Rechtstatsache.LegalStatus.AUFGEHOBEN
    assert record.current_follow_up is not None and record.follow_up.aktenzeichen == "4 B 1310/23"
    assert Rechtstatsache.objects.filter(legal_status="ueberholt", follow_up__isnull=False).count() >= 2


def test_running_it_again_changes_nothing():
    out = StringIO()
    lifecycle.load(out)
    assert "0 Angaben gesetzt" in out.getvalue()


def test_the_demo_announces_nothing(demo):
    from benachrichtigungen.models import Notice
    from fachgebiete.models import LifecycleEvent

    assert not LifecycleEvent.objects.exists() and not Notice.objects.filter(kind__contains="überholt").exists()
    assert "Lebenszyklus Muster/Rechtstatsachen:" in demo
    call_command("send_review_reminders", stdout=StringIO())  # works on the demo's dates
