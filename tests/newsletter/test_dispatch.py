"""Dispatch: every confirmed address gets an issue exactly once, in batches over one connection each.

Tasks run inline here (immediate backend); the real worker is in test_worker_integration.py.
"""

from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.utils import timezone

from newsletter import dispatch, services
from newsletter.models import Delivery, Issue, Subscriber
from newsletter.tasks import dispatch_issue

pytestmark = pytest.mark.django_db

Status = Delivery.Status


QUEUES = django_settings.SIKO_TASK_QUEUES
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": QUEUES}}
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": QUEUES}}


@pytest.fixture
def start_paused(settings, office):
    """Start the dispatch but let no batch run yet (a worker that has not picked it up)."""

    def start(issue: Issue) -> None:
        settings.TASKS = DUMMY
        services.dispatch_start(issue=issue, started_by=office)
        settings.TASKS = IMMEDIATE

    return start


@pytest.fixture
def subscribers(make_subscriber):
    return [make_subscriber(f"person{i:02d}@bochum.de", name=f"Person {i}") for i in range(7)]


def sent_to() -> list[str]:
    return [message.to[0] for message in mail.outbox]


def statuses(issue: Issue) -> dict[str, int]:
    counts = issue.delivery_counts()
    return {status: counts[status] for status in Status.values if counts[status]}


def test_every_confirmed_address_gets_the_issue_once(issue, subscribers, office, make_subscriber, settings):
    settings.SIKO_NEWSLETTER_BATCH_SIZE = 3
    make_subscriber("wartet@bochum.de", Subscriber.Status.PENDING)
    make_subscriber("weg@bochum.de", Subscriber.Status.UNSUBSCRIBED)
    assert services.dispatch_start(issue=issue, started_by=office) == 7
    assert sorted(sent_to()) == sorted(s.email for s in subscribers)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT and issue.dispatch_finished_at and issue.recipient_count == 7
    assert statuses(issue) == {"sent": 7}
    assert issue.dispatch_started_by == "Gina Muster (gina.geschaeftsstelle@essen.de)"


def test_one_smtp_connection_per_batch(issue, subscribers, office, settings, recording_mail):
    settings.SIKO_NEWSLETTER_BATCH_SIZE = 3
    services.dispatch_start(issue=issue, started_by=office)
    assert [len(addresses) for addresses in recording_mail.connections] == [3, 3, 1]


def test_sending_an_issue_twice_is_refused(issue, subscribers, office):
    services.dispatch_start(issue=issue, started_by=office)
    with pytest.raises(services.NewsletterError, match="bereits am .* versandt. Jede Ausgabe wird nur einmal"):
        services.dispatch_start(issue=issue, started_by=office)
    assert len(mail.outbox) == 7 and Delivery.objects.count() == 7


def test_dispatch_without_subscribers_is_refused_and_the_draft_stays(issue, office, make_subscriber):
    make_subscriber("wartet@bochum.de", Subscriber.Status.PENDING)
    with pytest.raises(services.NewsletterError, match="noch keine bestätigten"):
        services.dispatch_start(issue=issue, started_by=office)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT and not Delivery.objects.exists() and not mail.outbox


def test_a_member_and_an_external_entry_of_one_address_get_one_mail(issue, office, member, make_subscriber):
    services.member_subscribe(user=member)
    Subscriber.objects.filter(user=member).update(email="alt@essen.de")  # the member changed the address since
    make_subscriber("max.nutzer@essen.de")
    assert services.dispatch_start(issue=issue, started_by=office) == 1
    assert sent_to() == ["max.nutzer@essen.de"]


def test_deactivated_members_get_nothing(issue, office, member, make_subscriber):
    services.member_subscribe(user=member)
    member.status = "deactivated"
    member.save()
    make_subscriber("extern@bochum.de")
    services.dispatch_start(issue=issue, started_by=office)
    assert sent_to() == ["extern@bochum.de"]


def test_a_refused_recipient_fails_without_stopping_the_batch(issue, subscribers, office, recording_mail):
    recording_mail.refused.add("person03@bochum.de")
    services.dispatch_start(issue=issue, started_by=office)
    assert len(mail.outbox) == 6 and "person03@bochum.de" not in sent_to()
    failed = Delivery.objects.get(status=Status.FAILED)
    assert failed.email == "person03@bochum.de"
    assert failed.error == "Empfänger vom Mailserver abgelehnt: 550 5.1.1 Postfach unbekannt"
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT and statuses(issue) == {"sent": 6, "failed": 1}


def test_retrying_failed_sends_only_those(issue, subscribers, office, recording_mail):
    recording_mail.refused.add("person03@bochum.de")
    services.dispatch_start(issue=issue, started_by=office)
    recording_mail.refused.clear()
    assert services.dispatch_retry_failed(issue=issue) == 1
    assert sent_to().count("person03@bochum.de") == 1 and len(mail.outbox) == 7
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT and statuses(issue) == {"sent": 7}
    with pytest.raises(services.NewsletterError, match="keine fehlgeschlagenen"):
        services.dispatch_retry_failed(issue=issue)


def test_a_lost_connection_fails_that_mail_and_reconnects(issue, subscribers, office, settings, recording_mail):
    settings.SIKO_NEWSLETTER_BATCH_SIZE = 10
    recording_mail.disconnect_on.add("person02@bochum.de")
    services.dispatch_start(issue=issue, started_by=office)
    assert [len(c) for c in recording_mail.connections] == [2, 4]
    failed = Delivery.objects.get(status=Status.FAILED)
    assert failed.email == "person02@bochum.de" and "Zustellung ungewiss" in failed.error


def test_an_unreachable_server_loses_nothing(issue, subscribers, office, recording_mail):
    recording_mail.unreachable = True
    services.dispatch_start(issue=issue, started_by=office)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENDING and statuses(issue) == {"pending": 7}
    assert "Mailserver ist nicht erreichbar" in issue.dispatch_error
    assert not Delivery.objects.exclude(claim_token="").exists(), "the batch's claims are released"
    recording_mail.unreachable = False
    services.dispatch_resume(issue=issue)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT and len(mail.outbox) == 7 and issue.dispatch_error == ""


def test_someone_who_unsubscribes_during_the_dispatch_is_skipped(issue, subscribers, start_paused, settings):
    settings.SIKO_NEWSLETTER_BATCH_SIZE = 3
    start_paused(issue)
    services.subscription_cancel(subscriber=subscribers[5], via=Subscriber.UnsubscribedVia.LINK)
    dispatch_issue.call(issue.pk)
    assert "person05@bochum.de" not in sent_to() and len(mail.outbox) == 6
    assert statuses(issue) == {"sent": 6, "skipped": 1}


def test_a_killed_worker_s_claims_are_sent_after_the_lease(issue, subscribers, start_paused, settings):
    """A worker died holding a batch: its rows wait for the lease, then go out once."""
    settings.SIKO_NEWSLETTER_BATCH_SIZE = 3
    start_paused(issue)
    dead = list(Delivery.objects.order_by("pk")[:3])
    Delivery.objects.filter(pk__in=[d.pk for d in dead]).update(
        claim_token="tot", claimed_until=timezone.now() + timedelta(minutes=5)
    )
    outcome = dispatch.run_batch(issue_id=issue.pk)
    assert outcome.sent == 3
    dispatch.run_batch(issue_id=issue.pk)
    waiting = dispatch.run_batch(issue_id=issue.pk)
    assert not waiting.more and not waiting.finished and waiting.retry_at > timezone.now() + timedelta(minutes=4)
    assert len(mail.outbox) == 4
    Delivery.objects.filter(claim_token="tot").update(claimed_until=timezone.now() - timedelta(seconds=1))
    dispatch_issue.call(issue.pk)
    assert sorted(sent_to()) == sorted(s.email for s in subscribers)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT


def test_a_crash_between_hand_over_and_bookkeeping_resends_that_one_mail(issue, subscribers, start_paused, settings):
    """The documented residual window: only the mail in flight can go out twice."""
    settings.SIKO_NEWSLETTER_BATCH_SIZE = 3
    start_paused(issue)
    original = dispatch._finish
    calls = []

    def crash_on_second(delivery, token, status, error=""):
        calls.append(delivery.pk)
        if len(calls) == 2:
            raise SystemExit("Worker beendet")  # like SIGKILL between send and UPDATE
        original(delivery, token, status, error)

    with mock.patch("newsletter.dispatch._finish", crash_on_second), pytest.raises(SystemExit):
        dispatch.run_batch(issue_id=issue.pk)
    # The dying worker's rows stay claimed until the lease ends.
    Delivery.objects.exclude(claim_token="").update(claimed_until=timezone.now() - timedelta(seconds=1))
    dispatch_issue.call(issue.pk)
    addresses = sent_to()
    assert len(addresses) == 8 and len(set(addresses)) == 7
    assert addresses.count("person01@bochum.de") == 2, "only the mail in flight was sent twice"


def test_a_renewed_lease_keeps_the_rows(issue, subscribers, start_paused, settings):
    settings.SIKO_NEWSLETTER_BATCH_SIZE = 10
    settings.SIKO_NEWSLETTER_CLAIM_SECONDS = 0  # renew before every mail
    start_paused(issue)
    outcome = dispatch.run_batch(issue_id=issue.pk)
    assert outcome.sent == 7 and len(mail.outbox) == 7


def test_test_mail_goes_to_the_office_only_and_records_nothing(issue, subscribers, office):
    services.issue_send_test(issue=issue, user=office)
    [message] = mail.outbox
    assert message.to == [office.email] and message.subject.startswith("[TEST] SiKo-Ruhr-Newsletter Nr. 7")
    assert "Guten Tag Gina Muster," in message.body
    assert not Delivery.objects.exists()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT


# --- Mail quality ----------------------------------------------------------------------------


def test_the_mail_is_multipart_personal_and_unsubscribable(issue, office, make_subscriber, settings):
    settings.SIKO_NEWSLETTER_FROM = "Geschäftsstelle SiKo Ruhr <newsletter@sikoruhr.nrw.de>"
    make_subscriber("juergen.gross@bochum.de", name="Jürgen Groß")
    make_subscriber("ohne.name@bochum.de")
    services.dispatch_start(issue=issue, started_by=office)
    named, anonymous = sorted(mail.outbox, key=lambda m: m.to[0])
    parsed = message_from_bytes(named.message().as_bytes(), policy=policy.default)
    # Django folds the encoded subject right after "Subject:"; readers drop that leading blank.
    assert parsed["Subject"].strip() == "SiKo-Ruhr-Newsletter Nr. 7: Gewerbekontrollen im Ruhrgebiet – Bilanz"
    assert parsed["To"] == "juergen.gross@bochum.de"
    assert parsed["From"] == "Geschäftsstelle SiKo Ruhr <newsletter@sikoruhr.nrw.de>"
    assert parsed["Reply-To"] == "poststelle@sikoruhr.nrw.de"
    assert parsed.get_content_type() == "multipart/alternative"
    text = parsed.get_body(("plain",)).get_content()
    html = parsed.get_body(("html",)).get_content()
    assert text.startswith("Newsletter der Sicherheitskooperation Ruhr – Nr. 7 vom 15.12.2021")
    assert "Guten Tag Jürgen Groß," in text and "Guten Tag Jürgen Groß," in html
    assert "Mehr bei den Partnern (https://portal.example.test/behoerden/stadt-essen/)" in text
    assert 'href="https://portal.example.test/behoerden/stadt-essen/"' in html
    assert "Ansprechpersonen der Stadt Essen: https://portal.example.test/behoerden/stadt-essen/" in text
    unsubscribe = parsed["List-Unsubscribe"].strip()  # folded like the subject
    assert unsubscribe.startswith("<https://portal.example.test/newsletter/abmelden/") and unsubscribe.endswith(">")
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe[1:-1] in text and unsubscribe[1:-1] in html
    assert "Guten Tag,\n" in anonymous.body


def test_the_unsubscribe_link_in_the_mail_works(client, issue, office, make_subscriber):
    subscriber = make_subscriber("klick@bochum.de")
    services.dispatch_start(issue=issue, started_by=office)
    url = mail.outbox[0].extra_headers["List-Unsubscribe"][1:-1].removeprefix("https://portal.example.test")
    client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_a_dispatch_refuses_an_issue_with_links_into_closed_arbeitskreise(issue, subscribers, office):
    Issue.objects.filter(pk=issue.pk).update(body="Siehe [Akte](/verwaltung/nutzer/1/).")
    issue.refresh_from_db()
    with pytest.raises(services.NewsletterError, match="unzulässige Links"):
        services.dispatch_start(issue=issue, started_by=office)
    assert not mail.outbox and not Delivery.objects.exists()


def test_a_member_deactivated_during_the_dispatch_is_skipped(
    issue, subscribers, start_paused, make_user, make_subscriber, settings
):
    """Who still receives is `SubscriberQuerySet.receiving()`, asked when the batch is claimed."""
    member = make_user("mia.mitglied@essen.de")
    make_subscriber(member.email, user=member)
    start_paused(issue)
    User = type(member)
    member.status = User.Status.DEACTIVATED
    member.save(update_fields=["status"])
    dispatch_issue.call(issue.pk)
    assert member.email not in sent_to() and len(mail.outbox) == 7
    assert statuses(issue) == {"sent": 7, "skipped": 1}
