"""The contact persons of an authority hear of its overdue entries: once, until confirmed again.

member (Max, Stadt Essen) is the contact person of the Stadt Essen; owner and colleague work there
too; zora works at the Hauptzollamt Duisburg, which has no contact person."""

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


def later(days: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


@pytest.fixture
def essen_entries(make_entry, owner, colleague, member, shisha, gluecksspiel):
    return {
        "owner": make_entry(owner, shisha, Region.ESSEN),
        "colleague": make_entry(colleague, gluecksspiel, Region.ESSEN),
        "member": make_entry(member, shisha, Region.MUELHEIM),
    }


def _to(user) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


def test_nothing_before_twelve_months(essen_entries, member):
    result = send_reminders(now=later(360))
    assert (result.reminded_contacts, result.contact_entries) == (0, 0)
    assert mail.outbox == []


def test_the_contact_person_gets_one_mail_listing_the_others_entries_once(
    essen_entries, member, owner, zora, make_entry, shisha
):
    make_entry(zora, shisha, Region.DUISBURG)  # another authority: not in Essen's mail
    result = send_reminders(now=later(370))
    assert (result.reminded_contacts, result.contact_entries) == (1, 4)
    own, contact = sorted(_to(member), key=lambda message: "Behörde" in message.subject)
    assert "Bitte bestätigen Sie Ihre Angaben" in own.subject and "Mülheim" in own.body  # her own reminder
    assert "Ihrer Behörde" in contact.subject
    assert "Shisha · Essen: Otto Eigner" in contact.body and "Clara Kollegin" in contact.body
    assert "Mülheim" not in contact.body  # her own entry is in her own reminder
    assert "Zöllner" not in contact.body and "Duisburg" not in contact.body
    assert essen_entries["owner"].get_absolute_url() in contact.body
    assert len(_to(owner)) == 1  # the person's own reminder only
    # The next day, a month later: nothing more.
    assert send_reminders(now=later(371)).reminded_contacts == 0
    assert send_reminders(now=later(400)).reminded_contacts == 0
    assert len(_to(member)) == 2


def test_a_confirmation_starts_the_contact_period_anew(login, essen_entries, member):
    Zustaendigkeit.objects.update(confirmed_at=later(-400))
    send_reminders()
    login("owner").post(reverse("zustaendigkeiten:confirm", args=[essen_entries["owner"].pk]))
    mail.outbox.clear()
    assert send_reminders(now=later(300)).reminded_contacts == 0
    result = send_reminders(now=later(370))
    assert (result.reminded_contacts, result.contact_entries) == (1, 1)
    [contact] = [message for message in _to(member) if "Ihrer Behörde" in message.subject]
    assert "Otto Eigner" in contact.body and "Clara Kollegin" not in contact.body


def test_no_contact_person_no_mail(make_entry, owner, shisha):
    make_entry(owner, shisha, Region.ESSEN)
    result = send_reminders(now=later(370))
    assert (result.reminded_people, result.reminded_contacts) == (1, 0)
    assert [message.to for message in mail.outbox] == [[owner.email]]


def test_a_deactivated_contact_person_hears_nothing(essen_entries, member):
    User.objects.filter(pk=member.pk).update(status=User.Status.DEACTIVATED)
    assert send_reminders(now=later(370)).reminded_contacts == 0
    assert not _to(member)


def test_a_failed_contact_mail_marks_nothing_and_the_next_run_tries_again(essen_entries, member, recording_mail):
    recording_mail.refused.add(member.email)
    result = send_reminders(now=later(370))
    assert result.reminded_contacts == 0 and result.failed_mails == 2  # her own reminder and the contact mail
    assert not Zustaendigkeit.objects.filter(contacts_reminded_at__isnull=False).exists()
    recording_mail.refused.clear()
    mail.outbox.clear()
    result = send_reminders(now=later(371))
    assert (result.reminded_contacts, result.contact_entries) == (1, 3)
    assert len(_to(member)) == 2


def test_the_command_reports_the_contact_persons(essen_entries, capsys):
    Zustaendigkeit.objects.update(confirmed_at=later(-400))
    call_command("remind_zustaendigkeiten")
    out = capsys.readouterr().out
    assert "3 Person(en) an 3 Eintrag/Einträge erinnert" in out
    assert "1 Ansprechperson(en) an 3 Eintrag/Einträge ihrer Behörde erinnert" in out
