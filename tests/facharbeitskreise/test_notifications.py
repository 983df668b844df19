"""Mails about news in an area: immediate or digest, titles only, to current members only."""

from __future__ import annotations

import smtplib
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from benachrichtigungen import outbox
from benachrichtigungen.models import Frequency, Notice, Subscription
from devtools import smtp_sink
from facharbeitskreise import content_services, notifications, services

from .uploads import pdf_upload

pytestmark = pytest.mark.django_db


def _to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_members_hear_of_a_new_thread_at_once_without_its_text(ak_member, ak_lead, ak_contributor, arbeitskreis):
    mail.outbox.clear()
    content_services.thread_create(
        arbeitskreis=arbeitskreis, user=ak_contributor, title="Kontrollen am Wochenende", body="GEHEIMER TEXT"
    )
    message = _to(ak_member)[0]
    html = message.alternatives[0][0]
    assert arbeitskreis.name in message.subject
    assert "Kontrollen am Wochenende" in message.body and "GEHEIMER TEXT" not in message.body + html
    assert "https://portal.example.test/arbeitskreise/" in message.body
    assert _to(ak_lead) and not _to(ak_contributor)  # the author is not told of their own post


def test_outsiders_and_the_other_arbeitskreise_lead_hear_nothing(
    outsider, other_lead, ak_member, ak_contributor, arbeitskreis, office
):
    mail.outbox.clear()
    content_services.document_create(
        arbeitskreis=arbeitskreis,
        user=ak_contributor,
        title="Lagebild",
        description="",
        is_result=False,
        upload=pdf_upload(),
    )
    recipients = {address for m in mail.outbox for address in m.to}
    assert ak_member.email in recipients
    assert not recipients & {outsider.email, other_lead.email, office.email}


def test_a_user_who_lost_access_gets_nothing(ak_member, ak_lead, ak_contributor, arbeitskreis):
    services.role_revoke(arbeitskreis=arbeitskreis, actor=ak_lead, user=ak_member)
    mail.outbox.clear()
    content_services.thread_create(arbeitskreis=arbeitskreis, user=ak_contributor, title="Nach dem Austritt", body="x")
    assert not _to(ak_member)


def test_off_means_no_mail(ak_member, ak_contributor, arbeitskreis):
    notifications.setting_change(user=ak_member, arbeitskreis=arbeitskreis, frequency=Frequency.OFF)
    mail.outbox.clear()
    content_services.thread_create(arbeitskreis=arbeitskreis, user=ak_contributor, title="Still", body="x")
    assert not _to(ak_member)


def test_a_meeting_mail_carries_no_agenda(ak_member, ak_lead, arbeitskreis):
    from facharbeitskreise.models import Meeting

    start = timezone.now() + timedelta(days=3)
    mail.outbox.clear()
    content_services.meeting_create(
        meeting=Meeting(
            arbeitskreis=arbeitskreis,
            title="Sondersitzung",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            location="Essen",
            agenda="Fall Familie X",
        ),
        user=ak_lead,
    )
    message = _to(ak_member)[0]
    assert "Sondersitzung" in message.body and "Fall Familie X" not in message.body + message.alternatives[0][0]


def test_an_event_is_mailed_once(ak_member, ak_contributor, arbeitskreis):
    mail.outbox.clear()
    content_services.thread_create(arbeitskreis=arbeitskreis, user=ak_contributor, title="Einmal", body="x")
    event = arbeitskreis.events.get()
    assert outbox.send_immediate(Notice.objects.of_item(event)).sent == 0
    assert len(_to(ak_member)) == 1


@pytest.fixture
def smtp(settings):
    """A real SMTP server (aiosmtpd on 127.0.0.1) that can refuse a recipient."""
    sink = smtp_sink.Sink()
    with smtp_sink.running(sink) as port:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        yield sink


def _run() -> None:
    call_command("send_notifications", stdout=StringIO())


def test_a_failed_immediate_mail_is_retried_once_never_twice(smtp, ak_member, ak_lead, ak_contributor, arbeitskreis):
    """Before the outbox the event was marked mailed before sending: a refused mail was lost."""
    member, lead = ak_member.email.lower(), ak_lead.email.lower()
    smtp.refuse.add(member)
    content_services.thread_create(
        arbeitskreis=arbeitskreis, user=ak_contributor, title="Kontrolle am Samstag", body="x"
    )
    assert smtp.recipients[member] == 0
    assert smtp.recipients[lead] == 1  # one refused address does not stop the others
    assert Notice.objects.get(user=ak_member).sent_at is None
    smtp.refuse.clear()
    _run()
    _run()
    assert smtp.recipients[member] == 1
    assert smtp.recipients[lead] == 1
    [(_to, content)] = [m for m in smtp.messages if m[0] == [ak_member.email]]
    assert b"Kontrolle am Samstag" in content and arbeitskreis.name.encode() in content


def test_a_failed_immediate_mail_is_not_retried_to_who_lost_access(
    smtp, ak_member, ak_lead, ak_contributor, arbeitskreis
):
    smtp.refuse.add(ak_member.email.lower())
    content_services.thread_create(arbeitskreis=arbeitskreis, user=ak_contributor, title="Nach dem Austritt", body="x")
    services.role_revoke(arbeitskreis=arbeitskreis, actor=ak_lead, user=ak_member)
    smtp.refuse.clear()
    _run()
    assert smtp.recipients[ak_member.email.lower()] == 0
    assert not Notice.objects.filter(user=ak_member).exists()


def test_the_daily_digest_collects_news_and_is_sent_once(
    ak_member, ak_contributor, arbeitskreis, other_arbeitskreis, other_lead
):
    notifications.setting_change(user=ak_member, arbeitskreis=arbeitskreis, frequency=Frequency.DAILY)
    mail.outbox.clear()
    content_services.thread_create(arbeitskreis=arbeitskreis, user=ak_contributor, title="Erstes Thema", body="x")
    content_services.thread_create(
        arbeitskreis=other_arbeitskreis, user=other_lead, title="Geheimes Projektthema", body="x"
    )
    assert not _to(ak_member)  # not at once
    call_command("send_notifications", stdout=mock.MagicMock())
    digest = _to(ak_member)
    assert len(digest) == 1
    assert "Erstes Thema" in digest[0].body and "Geheimes Projektthema" not in digest[0].body
    call_command("send_notifications", stdout=mock.MagicMock())
    assert len(_to(ak_member)) == 1


def test_a_failed_digest_is_sent_on_the_next_run(ak_member, ak_contributor, arbeitskreis):
    notifications.setting_change(user=ak_member, arbeitskreis=arbeitskreis, frequency=Frequency.DAILY)
    content_services.thread_create(arbeitskreis=arbeitskreis, user=ak_contributor, title="Wichtiges Thema", body="x")
    mail.outbox.clear()
    before = Subscription.objects.get(user=ak_member).digest_from
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=smtplib.SMTPServerDisconnected("weg")):
        report = outbox.send_digests()
    assert report.failed == 1 and Subscription.objects.get(user=ak_member).digest_from == before
    assert outbox.send_digests().sent == 1
    assert "Wichtiges Thema" in _to(ak_member)[0].body
    assert outbox.send_digests().sent == 0


def test_the_digest_skips_arbeitskreise_the_user_has_left(ak_member, ak_lead, ak_contributor, arbeitskreis):
    notifications.setting_change(user=ak_member, arbeitskreis=arbeitskreis, frequency=Frequency.WEEKLY)
    content_services.thread_create(arbeitskreis=arbeitskreis, user=ak_contributor, title="Vor dem Austritt", body="x")
    services.role_revoke(arbeitskreis=arbeitskreis, actor=ak_lead, user=ak_member)
    mail.outbox.clear()
    outbox.send_digests()
    assert not _to(ak_member)


def test_the_weekly_digest_waits_a_week(ak_member, ak_contributor, arbeitskreis):
    notifications.setting_change(user=ak_member, arbeitskreis=arbeitskreis, frequency=Frequency.WEEKLY)
    content_services.thread_create(arbeitskreis=arbeitskreis, user=ak_contributor, title="Erste Woche", body="x")
    assert outbox.send_digests().sent == 1
    content_services.thread_create(arbeitskreis=arbeitskreis, user=ak_contributor, title="Zweites Thema", body="x")
    assert outbox.send_digests(now=timezone.now() + timedelta(days=2)).sent == 0
    assert outbox.send_digests(now=timezone.now() + timedelta(days=7)).sent == 1


def test_member_changes_the_setting(login, ak_member, arbeitskreis):
    url = reverse("facharbeitskreise:notification_settings", kwargs={"slug": arbeitskreis.slug})
    response = login(ak_member).post(url, {"frequency": Frequency.WEEKLY})
    assert response.status_code == 302
    assert notifications.setting_for(ak_member, arbeitskreis) == Frequency.WEEKLY


def test_outsider_cannot_open_the_setting(login, outsider, arbeitskreis):
    url = reverse("facharbeitskreise:notification_settings", kwargs={"slug": arbeitskreis.slug})
    assert login(outsider).get(url).status_code == 404


def test_an_unknown_setting_is_refused_and_the_old_one_kept(login, ak_member, arbeitskreis):
    notifications.setting_change(user=ak_member, arbeitskreis=arbeitskreis, frequency=Frequency.DAILY)
    url = reverse("facharbeitskreise:notification_settings", kwargs={"slug": arbeitskreis.slug})
    response = login(ak_member).post(url, {"frequency": "stuendlich"})
    assert response.status_code == 200
    assert "keine gültige Auswahl" in response.content.decode()
    assert notifications.setting_for(ak_member, arbeitskreis) == Frequency.DAILY
