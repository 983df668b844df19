"""New Lagebilder reach their audience through the one outbox, as often as each person wants.

member and colleague (Essen) are in the audience "Kommunen", outsider (LKA) is not; wilma (Essen)
follows the rubric "Lagebilder" weekly, so she hears of Lagebilder in her weekly digest.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from benachrichtigungen import outbox
from benachrichtigungen.models import Frequency, Notice, Subscription
from fachgebiete.models import Fachgebiet
from lagebilder import notifications, services
from partner.models import PartnerType
from zielgruppen.models import Scope

from .conftest import lagebild

pytestmark = pytest.mark.django_db


@pytest.fixture
def wilma(make_user):
    user = make_user("wilma.woche@essen.de")
    Subscription.objects.create(
        user=user,
        topic=Fachgebiet.objects.get(slug="lagebilder"),
        frequency=Frequency.WEEKLY,
        digest_from=timezone.now() - timedelta(days=7, minutes=5),
    )
    return user


@pytest.fixture
def kommunen_news(office, member, colleague, outsider):
    return lagebild("Lagebild Shisha 2026", Scope.BEHOERDENARTEN, office=office, types=[PartnerType.KOMMUNE])


def _publish(item, callbacks) -> None:
    with callbacks(execute=True):
        notifications.lagebild_published(item)


def _to(user) -> list:
    return [m for m in mail.outbox if m.to == [user.email]]


def test_the_audience_hears_at_once_nobody_else(
    kommunen_news, member, colleague, outsider, office, django_capture_on_commit_callbacks
):
    _publish(kommunen_news, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, colleague.email])  # not the publisher
    [message] = _to(member)
    assert "Lagebild Shisha 2026" in message.subject and "zur Kenntnis" in message.subject
    assert "Kernaussagen" not in message.body  # title and link only, never the text
    assert kommunen_news.get_absolute_url() in message.body
    assert not _to(outsider)


def test_a_closed_arbeitskreis_s_lagebild_reaches_its_members_only(
    office, insider, outsider, secret_arbeitskreis, django_capture_on_commit_callbacks
):
    item = lagebild("Lagebild Projekt", Scope.ARBEITSKREISE, office=office, arbeitskreise=[secret_arbeitskreis])
    _publish(item, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[insider.email]]


def test_a_weekly_follower_of_the_rubric_gets_it_in_the_digest(
    kommunen_news, wilma, django_capture_on_commit_callbacks
):
    _publish(kommunen_news, django_capture_on_commit_callbacks)
    assert not _to(wilma)
    outbox.send_due()
    [digest] = _to(wilma)
    assert "Zusammenfassung" in digest.subject and "Lagebild Shisha 2026" in digest.body
    outbox.send_due()
    assert len(_to(wilma)) == 1


def test_who_acknowledged_before_the_digest_gets_no_mail(kommunen_news, wilma, django_capture_on_commit_callbacks):
    _publish(kommunen_news, django_capture_on_commit_callbacks)
    services.acknowledge(lagebild=kommunen_news, user=wilma)
    outbox.send_due()
    assert not _to(wilma)
    assert not Notice.objects.filter(user=wilma).exists()


def test_who_left_the_audience_before_sending_hears_nothing(
    office, insider, secret_arbeitskreis, django_capture_on_commit_callbacks
):
    from facharbeitskreise import services as arbeitskreis_services

    item = lagebild("Lagebild Projekt", Scope.ARBEITSKREISE, office=office, arbeitskreise=[secret_arbeitskreis])
    Subscription.objects.create(
        user=insider, topic=Fachgebiet.objects.get(slug="lagebilder"), frequency=Frequency.WEEKLY
    )
    _publish(item, django_capture_on_commit_callbacks)
    arbeitskreis_services.role_revoke(arbeitskreis=secret_arbeitskreis, user=insider, actor=None)
    outbox.send_due(timezone.now() + timedelta(days=8))
    assert mail.outbox == []
