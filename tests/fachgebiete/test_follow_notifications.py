"""Mails to followers: immediate mails, the weekly digest, exactly once even after failures.

- follower_now follows Shisha with immediate mails, follower_weekly with the weekly digest;
- member (Stadt Essen) writes the items and follows nothing unless a test says so;
- outsider follows another Fachgebiet (Glücksspiel).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from benachrichtigungen import outbox
from benachrichtigungen.models import Frequency, Notice, Subscription
from fachgebiete import notifications, services
from fachgebiete.models import Article, Status
from partner.models import User

WEEK_AGO = timedelta(days=7, minutes=5)


@pytest.fixture(autouse=True)
def _mail(recording_mail):
    return recording_mail


@pytest.fixture
def follower_now(make_user, shisha):
    user = make_user("ines.sofort@essen.de")
    Subscription.objects.create(user=user, topic=shisha, frequency=Frequency.IMMEDIATE)
    return user


@pytest.fixture
def follower_weekly(make_user, shisha):
    user = make_user("wilma.woche@essen.de")
    Subscription.objects.create(
        user=user, topic=shisha, frequency=Frequency.WEEKLY, digest_from=timezone.now() - WEEK_AGO
    )
    return user


@pytest.fixture
def make_article(member):
    def make(fachgebiet, title="Hagen: Lebensmittelüberwachung bei Shisha-Kontrollen", **fields) -> Article:
        fields.setdefault("status", Status.PUBLISHED)
        fields.setdefault("published_at", timezone.now())
        fields.setdefault("author", member)
        return Article.objects.create(
            fachgebiet=fachgebiet,
            kind=Article.Kind.GOOD_PRACTICE,
            title=title,
            summary="Kurzfassung.",
            body="Vertraulicher Text, der nie in einer E-Mail stehen darf.",
            **fields,
        )

    return make


def _to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def _publish(item, callbacks):
    with callbacks(execute=True):
        notifications.item_published(item)


# --- Immediate ------------------------------------------------------------------------------


def test_immediate_follower_gets_one_mail(follower_now, shisha, make_article, django_capture_on_commit_callbacks):
    article = make_article(shisha)
    _publish(article, django_capture_on_commit_callbacks)
    [message] = _to(follower_now.email)
    assert message.subject == "[SiKo Ruhr Portal] Neu in Shisha: Hagen: Lebensmittelüberwachung bei Shisha-Kontrollen"
    assert "Rubrik: Informationen" in message.body
    assert f"https://portal.example.test{article.get_absolute_url()}" in message.body
    assert "https://portal.example.test/fachgebiete/abonniert/" in message.body
    assert "Vertraulicher Text" not in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f'href="https://portal.example.test{article.get_absolute_url()}"' in html
    assert Notice.objects.get().sent_at is not None


def test_title_is_not_escaped_in_the_subject(follower_now, shisha, make_article, django_capture_on_commit_callbacks):
    _publish(make_article(shisha, title="Spielhallen & Wettbüros"), django_capture_on_commit_callbacks)
    assert _to(follower_now.email)[0].subject.endswith("Spielhallen & Wettbüros")


def test_weekly_follower_gets_nothing_at_once(
    follower_weekly, shisha, make_article, django_capture_on_commit_callbacks
):
    _publish(make_article(shisha), django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert Notice.objects.get(user=follower_weekly).sent_at is None


def test_followers_of_other_fachgebiete_get_nothing(
    follower_now, outsider, gluecksspiel, shisha, make_article, django_capture_on_commit_callbacks
):
    Subscription.objects.create(user=outsider, topic=gluecksspiel, frequency=Frequency.IMMEDIATE)
    _publish(make_article(shisha), django_capture_on_commit_callbacks)
    assert _to(outsider.email) == []


def test_the_author_is_not_notified_of_their_own_item(member, shisha, make_article, django_capture_on_commit_callbacks):
    Subscription.objects.create(user=member, topic=shisha, frequency=Frequency.IMMEDIATE)
    _publish(make_article(shisha, author=member), django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert not Notice.objects.exists()


def test_a_user_no_longer_admitted_gets_nothing(follower_now, shisha, make_article, django_capture_on_commit_callbacks):
    User.objects.filter(pk=follower_now.pk).update(status=User.Status.DEACTIVATED)
    _publish(make_article(shisha), django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_publishing_again_sends_nothing_again(follower_now, shisha, make_article, django_capture_on_commit_callbacks):
    article = make_article(shisha)
    _publish(article, django_capture_on_commit_callbacks)
    _publish(article, django_capture_on_commit_callbacks)
    assert len(_to(follower_now.email)) == 1


def test_failed_immediate_mail_is_retried_by_the_daily_run_once(
    follower_now, shisha, make_article, django_capture_on_commit_callbacks, recording_mail
):
    recording_mail.refused.add(follower_now.email)
    _publish(make_article(shisha), django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert Notice.objects.get().sent_at is None
    recording_mail.refused.clear()
    call_command("send_notifications", stdout=open("/dev/null", "w"))
    call_command("send_notifications", stdout=open("/dev/null", "w"))
    assert len(_to(follower_now.email)) == 1


def test_one_refused_address_does_not_stop_the_others(
    follower_now, make_user, shisha, make_article, django_capture_on_commit_callbacks, recording_mail
):
    other = make_user("otto.sofort@essen.de")
    Subscription.objects.create(user=other, topic=shisha, frequency=Frequency.IMMEDIATE)
    recording_mail.refused.add(follower_now.email)
    _publish(make_article(shisha), django_capture_on_commit_callbacks)
    assert len(_to(other.email)) == 1
    assert Notice.objects.filter(sent_at__isnull=True).get().user == follower_now


def test_unreachable_server_leaves_every_notice_for_the_next_run(
    follower_now, make_user, shisha, make_article, django_capture_on_commit_callbacks, recording_mail
):
    other = make_user("otto.sofort@essen.de")
    Subscription.objects.create(user=other, topic=shisha, frequency=Frequency.IMMEDIATE)
    recording_mail.unreachable = True
    _publish(make_article(shisha), django_capture_on_commit_callbacks)
    assert len(recording_mail.connections) == 0
    assert Notice.objects.filter(sent_at__isnull=True, claim_token="").count() == 2
    recording_mail.unreachable = False
    _run()
    assert len(_to(follower_now.email)) == 1 and len(_to(other.email)) == 1


def test_a_claimed_notice_is_not_sent_by_a_second_sender(follower_now, shisha, make_article):
    notices = Notice.objects.all()
    notifications.item_published(make_article(shisha))  # on_commit not run: the task has not sent yet
    Notice.objects.update(claim_token="anderer", claimed_until=timezone.now() + timedelta(minutes=5))
    outbox.send_immediate(notices)
    assert mail.outbox == []
    Notice.objects.update(claimed_until=timezone.now() - timedelta(seconds=1))  # that sender died
    outbox.send_immediate(notices)
    assert len(mail.outbox) == 1


def test_withdrawn_item_is_not_announced(follower_now, shisha, make_article):
    article = make_article(shisha)
    notifications.item_published(article)  # on_commit not run
    Article.objects.filter(pk=article.pk).update(status=Status.WITHDRAWN)
    outbox.send_due()
    assert mail.outbox == []
    assert not Notice.objects.exists()


# --- Weekly digest --------------------------------------------------------------------------------


def _run() -> str:
    from io import StringIO

    out = StringIO()
    call_command("send_notifications", stdout=out)
    return out.getvalue()


def test_digest_collects_the_weeks_items(follower_weekly, shisha, make_article):
    first = make_article(shisha, title="Erfahrungsbericht Gelsenkirchen")
    second = make_article(shisha, title="Checkliste Shisha-Kontrolle")
    notifications.item_published(first)
    notifications.item_published(second)
    output = _run()
    [message] = _to(follower_weekly.email)
    assert message.subject == "[SiKo Ruhr Portal] Wochenübersicht: 2 neue Inhalte in Ihren Fachgebieten"
    assert "Erfahrungsbericht Gelsenkirchen" in message.body and "Checkliste Shisha-Kontrolle" in message.body
    assert f"https://portal.example.test{first.get_absolute_url()}" in message.body
    assert "Vertraulicher Text" not in message.body
    assert "1 E-Mails mit 2 Hinweisen versandt" in output
    assert Subscription.objects.get(user=follower_weekly).digest_from > timezone.now() - timedelta(minutes=1)


def test_digest_rerun_sends_nothing(follower_weekly, shisha, make_article):
    notifications.item_published(make_article(shisha))
    _run()
    _run()
    assert len(_to(follower_weekly.email)) == 1


def test_digest_waits_a_week_after_following(make_user, shisha, make_article):
    user = make_user("neu.woche@essen.de")
    Subscription.objects.create(
        user=user, topic=shisha, frequency=Frequency.WEEKLY, digest_from=timezone.now() - timedelta(days=2)
    )
    notifications.item_published(make_article(shisha))
    _run()
    assert mail.outbox == []


def test_digest_waits_a_week_after_the_last_one(follower_weekly, shisha, make_article):
    notifications.item_published(make_article(shisha, title="Erste Woche"))
    _run()
    notifications.item_published(make_article(shisha, title="Zweite Woche"))
    _run()
    assert len(_to(follower_weekly.email)) == 1
    Subscription.objects.update(digest_from=timezone.now() - WEEK_AGO)
    _run()
    messages = _to(follower_weekly.email)
    assert len(messages) == 2 and "Zweite Woche" in messages[1].body and "Erste Woche" not in messages[1].body


def test_digest_tolerates_a_run_a_little_early(follower_weekly, shisha, make_article):
    Subscription.objects.update(digest_from=timezone.now() - timedelta(days=7) + timedelta(minutes=10))
    notifications.item_published(make_article(shisha))
    _run()
    assert len(_to(follower_weekly.email)) == 1


def test_no_news_no_digest(follower_weekly):
    before = Subscription.objects.get().digest_from
    _run()
    assert mail.outbox == []
    assert Subscription.objects.get().digest_from == before


def test_one_digest_covers_all_fachgebiete_of_a_user(follower_weekly, shisha, gluecksspiel, make_article):
    Subscription.objects.create(
        user=follower_weekly,
        topic=gluecksspiel,
        frequency=Frequency.WEEKLY,
        digest_from=timezone.now() - WEEK_AGO,
    )
    notifications.item_published(make_article(shisha, title="Shisha-Bericht"))
    notifications.item_published(make_article(gluecksspiel, title="Spielhallen-Bericht"))
    _run()
    [message] = _to(follower_weekly.email)
    assert message.body.index("Shisha\n") < message.body.index("Glücksspiel\n")
    assert "Shisha-Bericht" in message.body and "Spielhallen-Bericht" in message.body


def test_failed_digest_is_sent_by_the_next_run_once(follower_weekly, shisha, make_article, recording_mail):
    notifications.item_published(make_article(shisha))
    before = Subscription.objects.get().digest_from
    recording_mail.unreachable = True
    output = _run()
    assert mail.outbox == []
    assert "1 fehlgeschlagen" in output
    assert Subscription.objects.get().digest_from == before
    assert Notice.objects.get().claim_token == ""
    recording_mail.unreachable = False
    _run()
    _run()
    assert len(_to(follower_weekly.email)) == 1


def test_digest_skips_users_no_longer_admitted(follower_weekly, shisha, make_article):
    notifications.item_published(make_article(shisha))
    User.objects.filter(pk=follower_weekly.pk).update(status=User.Status.DEACTIVATED)
    _run()
    assert mail.outbox == []


def test_deactivated_follower_gets_no_digest(
    follower_weekly, office, shisha, make_article, django_capture_on_commit_callbacks
):
    from partner.services import account_deactivate

    notifications.item_published(make_article(shisha))
    with django_capture_on_commit_callbacks(execute=True):
        account_deactivate(user=follower_weekly, decided_by=office, reason="Ausgeschieden")
    _run()
    assert [m.subject for m in _to(follower_weekly.email) if "Wochenübersicht" in m.subject] == []
    assert not Notice.objects.exists()


def test_switching_to_weekly_moves_unsent_notices_into_the_digest(
    follower_now, shisha, make_article, recording_mail, django_capture_on_commit_callbacks
):
    recording_mail.refused.add(follower_now.email)
    _publish(make_article(shisha, title="Zuerst gescheitert"), django_capture_on_commit_callbacks)
    recording_mail.refused.clear()
    Subscription.objects.update(frequency=Frequency.WEEKLY, digest_from=timezone.now() - WEEK_AGO)
    _run()
    [message] = _to(follower_now.email)
    assert message.subject.startswith("[SiKo Ruhr Portal] Wochenübersicht: 1 neuer Inhalt")


# --- Through the review workflow ------------------------------------------------------------------


def test_publishing_through_the_review_workflow_notifies_followers(
    follower_now, member, office, shisha, make_article, django_capture_on_commit_callbacks
):
    Subscription.objects.create(user=member, topic=shisha, frequency=Frequency.IMMEDIATE)
    article = make_article(shisha, status=Status.SUBMITTED, published_at=None, author=member)
    with django_capture_on_commit_callbacks(execute=True):
        services.contribution_publish(article, user=office)
    [message] = _to(follower_now.email)
    assert article.title in message.subject
    # the author hears of it from the workflow's own mail, not as a follower
    assert all("Neu in Shisha" not in m.subject for m in _to(member.email))
