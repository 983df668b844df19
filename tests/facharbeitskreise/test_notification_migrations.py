"""The two notification pipelines move into the outbox (benachrichtigungen): follows, area
settings, digest cursors and news not mailed yet become subscriptions and notices, the old
tables are gone — and what was pending goes out afterwards, to members only.

- ines follows Shisha at once and has one notice unsent (its mail failed), one sent;
- wilma follows Shisha weekly, her last digest went out three days ago;
- ak_member reads the area weekly (cursor two days ago); ak_lead switched it off;
- an area news entry from before the cursor was digested, one after it waits; one more was
  never mailed at all (its task had not run).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from django.utils import timezone

from benachrichtigungen import outbox
from benachrichtigungen.models import Notice, Subscription
from fachgebiete.models import Article, Fachgebiet
from tests.helpers import migrate

BEFORE = [
    ("fachgebiete", "0007_fachgebiet_content_version"),
    ("facharbeitskreise", "0007_accessevent_into_auditevent"),
]

pytestmark = pytest.mark.django_db(transaction=True)


def test_rows_move_into_the_outbox_and_pending_news_goes_out_once(make_user, arbeitskreis, ak_member, ak_lead, member):
    shisha = Fachgebiet.objects.create(name="Shisha", slug="shisha", position=2)
    article = Article.objects.create(
        fachgebiet=shisha,
        kind=Article.Kind.GOOD_PRACTICE,
        title="Kontrollen in Hagen",
        summary="Kurz.",
        body="Text.",
        status="published",
        published_at=timezone.now(),
        author=member,
    )
    ines = make_user("ines.sofort@essen.de")
    wilma = make_user("wilma.woche@essen.de")
    outsider = make_user("otto.aussen@polizei.nrw.de")
    now = timezone.now()
    try:
        apps = migrate(*BEFORE)
        Follow = apps.get_model("fachgebiete", "Follow")
        FollowNotice = apps.get_model("fachgebiete", "FollowNotice")
        Setting = apps.get_model("facharbeitskreise", "AreaNotificationSetting")
        Cursor = apps.get_model("facharbeitskreise", "DigestCursor")
        ArbeitskreisEvent = apps.get_model("facharbeitskreise", "AreaEvent")
        at_once = Follow.objects.create(
            user_id=ines.pk, fachgebiet_id=shisha.pk, frequency="immediate", created_at=now - timedelta(days=30)
        )
        Follow.objects.create(
            user_id=wilma.pk,
            fachgebiet_id=shisha.pk,
            frequency="weekly",
            created_at=now - timedelta(days=30),
            last_digest_at=now - timedelta(days=3),
        )
        article_type = ContentType.objects.get_for_model(Article).pk
        common = {"follow_id": at_once.pk, "content_type_id": article_type, "section_label": "Informationen"}
        FollowNotice.objects.create(object_id=article.pk, title=article.title, url="/a/", published_at=now, **common)
        FollowNotice.objects.create(
            object_id=article.pk + 1000, title="Früher", url="/b/", published_at=now, sent_at=now, **common
        )
        Setting.objects.create(
            user_id=ak_member.pk, area_id=arbeitskreis.pk, frequency="woechentlich", changed_at=now - timedelta(days=20)
        )
        Setting.objects.create(user_id=ak_lead.pk, area_id=arbeitskreis.pk, frequency="aus", changed_at=now)
        Cursor.objects.create(user_id=ak_member.pk, frequency="woechentlich", sent_until=now - timedelta(days=2))
        event = {"area_id": arbeitskreis.pk, "kind": "diskussion", "path": f"/arbeitskreise/{arbeitskreis.slug}/"}
        ArbeitskreisEvent.objects.create(
            title="Schon zusammengefasst", created_at=now - timedelta(days=3), mailed_at=now, **event
        )
        waiting = ArbeitskreisEvent.objects.create(
            title="Wartet", created_at=now - timedelta(days=1), mailed_at=now, **event
        )
        unmailed = ArbeitskreisEvent.objects.create(title="Nie versandt", created_at=now, **event)
    finally:
        migrate()

    fachgebiet_type = ContentType.objects.get_for_model(Fachgebiet)
    tables = connection.introspection.table_names()
    assert not {"fachgebiete_follow", "fachgebiete_follownotice"} & set(tables)
    assert not {"facharbeitskreise_areanotificationsetting", "facharbeitskreise_digestcursor"} & set(tables)

    follows = {s.user_id: s for s in Subscription.objects.of(shisha)}
    assert follows[ines.pk].frequency == "immediate"
    assert follows[wilma.pk].frequency == "weekly"
    assert follows[wilma.pk].digest_from == now - timedelta(days=3)  # the next digest four days from now
    settings = {s.user_id: s for s in Subscription.objects.of(arbeitskreis)}
    assert settings[ak_member.pk].frequency == "weekly" and settings[ak_lead.pk].frequency == "off"
    assert settings[ak_member.pk].digest_from == now - timedelta(days=2)

    assert set(Notice.objects.filter(user=ines, topic_type=fachgebiet_type).values_list("title", "sent_at")) == {
        (article.title, None),
        ("Früher", now),
    }
    assert set(Notice.objects.filter(user=ak_member).values_list("item_id", flat=True)) == {waiting.pk, unmailed.pk}
    assert not Notice.objects.filter(user=ak_lead).exists()  # switched off
    assert Notice.objects.filter(user=outsider, item_id=unmailed.pk).exists()  # asked at send time

    mail.outbox.clear()
    outbox.send_due()
    outbox.send_due()
    sent = {
        address: [m.subject for m in mail.outbox if m.to == [address]] for address in {m.to[0] for m in mail.outbox}
    }
    assert sent.pop(ines.email) == [f"[SiKo Ruhr Portal] Neu in Shisha: {article.title}"]
    assert sent == {}  # the weekly digests are not due yet, the outsider is no member
    assert not Notice.objects.filter(user=outsider).exists()
    assert outbox.send_digests(now + timedelta(days=5)).sent == 1
    [digest] = [m for m in mail.outbox if m.to == [ak_member.email]]
    assert "Wartet" in digest.body and "Nie versandt" in digest.body and "Schon zusammengefasst" not in digest.body
