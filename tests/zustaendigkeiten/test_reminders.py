"""Entries unconfirmed for twelve months: one reminder per person, once, with a moved clock."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from partner.models import User
from zustaendigkeiten.models import Zustaendigkeit
from zustaendigkeiten.regions import Region
from zustaendigkeiten.reminders import send_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_entries(make_entry, owner, shisha, gluecksspiel):
    return [make_entry(owner, shisha, Region.ESSEN), make_entry(owner, gluecksspiel, Region.ESSEN)]


def later(days: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


def test_nothing_before_twelve_months(two_entries):
    assert send_reminders(now=later(360)).reminded_people == 0
    assert mail.outbox == []


def test_one_mail_per_person_once_after_twelve_months(two_entries, owner):
    result = send_reminders(now=later(370))
    assert (result.reminded_people, result.reminded_entries) == (1, 2)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [owner.email]
    assert "Wer ist zuständig?" in message.subject
    assert "Shisha · Essen · Stadt Essen" in message.body
    assert two_entries[0].get_absolute_url() in message.body
    # Again the next day, and a month later: nothing more.
    assert send_reminders(now=later(371)).reminded_people == 0
    assert send_reminders(now=later(400)).reminded_people == 0
    assert len(mail.outbox) == 1


def test_a_confirmation_starts_the_period_anew(login, two_entries):
    # Both were confirmed more than a year ago and reminded; then the owner confirms the first.
    Zustaendigkeit.objects.update(confirmed_at=later(-400))
    send_reminders()
    login("owner").post(reverse("zustaendigkeiten:confirm", args=[two_entries[0].pk]))
    mail.outbox.clear()
    # The other one was reminded already; the confirmed one is not due before a year has passed.
    assert send_reminders(now=later(300)).reminded_people == 0
    result = send_reminders(now=later(370))
    assert result.reminded_entries == 1
    assert "Shisha" in mail.outbox[0].body and "Glücksspiel" not in mail.outbox[0].body


def test_deactivated_people_are_not_reminded(two_entries, owner):
    User.objects.filter(pk=owner.pk).update(status=User.Status.DEACTIVATED)
    assert send_reminders(now=later(370)).reminded_people == 0


def test_a_failed_mail_marks_nothing_and_the_next_run_tries_again(two_entries, recording_mail):
    recording_mail.unreachable = True
    assert send_reminders(now=later(370)).failed_mails == 1
    assert not Zustaendigkeit.objects.filter(reminded_at__isnull=False).exists()
    recording_mail.unreachable = False
    assert send_reminders(now=later(371)).reminded_people == 1


def test_the_command_reports_what_it_did(two_entries, capsys):
    Zustaendigkeit.objects.update(confirmed_at=timezone.now() - datetime.timedelta(days=400))
    call_command("remind_zustaendigkeiten")
    assert "1 Person(en) an 2 Eintrag/Einträge erinnert" in capsys.readouterr().out
    call_command("remind_zustaendigkeiten")
    assert "0 Person(en)" in capsys.readouterr().out
    assert len(mail.outbox) == 1
