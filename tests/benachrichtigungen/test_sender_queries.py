"""Query-count bounds of the one sender: a digest costs the same for one item as for many, and
immediate mails a fixed number of queries plus one UPDATE per mail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benachrichtigungen import outbox
from benachrichtigungen.models import Frequency, Notice, Subscription
from fachgebiete import notifications
from fachgebiete.models import Article, Fachgebiet, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def fachgebiete(db) -> list[Fachgebiet]:
    return [Fachgebiet.objects.create(name=f"Gebiet {n}", slug=f"gebiet-{n}", position=n) for n in range(3)]


def _publish(fachgebiet: Fachgebiet, author, count: int) -> None:
    for n in range(count):
        article = Article.objects.create(
            fachgebiet=fachgebiet,
            kind=Article.Kind.GOOD_PRACTICE,
            title=f"Bericht {n} aus {fachgebiet.name}",
            summary="Kurz.",
            body="Text.",
            status=Status.PUBLISHED,
            published_at=timezone.now(),
            author=author,
        )
        notifications.item_published(article)  # on_commit not run: nothing is sent yet


def _queries(run) -> int:
    with CaptureQueriesContext(connection) as context:
        run()
    return len(context.captured_queries)


def _weekly(user, fachgebiete) -> None:
    for fachgebiet in fachgebiete:
        Subscription.objects.create(
            user=user, topic=fachgebiet, frequency=Frequency.WEEKLY, digest_from=timezone.now() - timedelta(days=8)
        )


@pytest.mark.parametrize("items", [1, 4])
def test_a_digest_costs_the_same_for_one_item_as_for_many(items, make_user, member, fachgebiete):
    reader = make_user("wilma.woche@essen.de")
    _weekly(reader, fachgebiete[:1])
    _publish(fachgebiete[0], member, 1)
    one = _queries(outbox.send_digests)
    Notice.objects.all().delete()
    Subscription.objects.update(digest_from=timezone.now() - timedelta(days=8))
    _weekly(reader, fachgebiete[1:])
    for fachgebiet in fachgebiete:
        _publish(fachgebiet, member, items)
    mail.outbox.clear()
    many = _queries(outbox.send_digests)
    assert len(mail.outbox) == 1 and f"{3 * items} neue Inhalte" in mail.outbox[0].subject
    # One topic query per Fachgebiet (the send-time rule asks each topic), nothing per item.
    assert many == one + 2 * (len(fachgebiete) - 1)


def test_immediate_mails_cost_one_update_each(make_user, member, fachgebiete):
    readers = [make_user(f"leser{n}@essen.de") for n in range(5)]
    for reader in readers[:1]:
        Subscription.objects.create(user=reader, topic=fachgebiete[0], frequency=Frequency.IMMEDIATE)
    _publish(fachgebiete[0], member, 1)
    one = _queries(lambda: outbox.send_immediate(Notice.objects.all()))
    for reader in readers[1:]:
        Subscription.objects.create(user=reader, topic=fachgebiete[1], frequency=Frequency.IMMEDIATE)
    _publish(fachgebiete[1], member, 1)
    mail.outbox.clear()
    four = _queries(lambda: outbox.send_immediate(Notice.objects.unsent()))
    assert len(mail.outbox) == 4
    assert four == one + 3
