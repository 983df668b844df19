"""Fixtures of the newsletter tests: subscribers, issues and a mail server that can misbehave.

- member is subscribed through the portal, outsider is not subscribed;
- external subscribers (no account) are made with `make_subscriber`;
- office writes and sends issues.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from newsletter.models import Issue, Subscriber

from . import backends


@pytest.fixture(autouse=True)
def recording_mail(settings):
    settings.EMAIL_BACKEND = "tests.newsletter.backends.RecordingBackend"
    backends.reset()
    yield backends
    backends.reset()


@pytest.fixture
def office_client(client, office):
    client.force_login(office)
    return client


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def make_subscriber(db):
    def make(email: str, status: str = Subscriber.Status.CONFIRMED, *, name: str = "", **fields) -> Subscriber:
        now = timezone.now()
        fields.setdefault("source", Subscriber.Source.SELF)
        if status == Subscriber.Status.CONFIRMED:
            fields.setdefault("confirmed_at", now)
        if status == Subscriber.Status.UNSUBSCRIBED:
            fields.setdefault("unsubscribed_at", now)
            fields.setdefault("unsubscribed_via", Subscriber.UnsubscribedVia.LINK)
        return Subscriber.objects.create(email=email, name=name, status=status, **fields)

    return make


@pytest.fixture
def make_issue(db, office):
    def make(number: int = 7, **fields) -> Issue:
        fields.setdefault("title", "Gewerbekontrollen im Ruhrgebiet – Bilanz")
        fields.setdefault("issue_date", datetime.date(2021, 12, 15))
        fields.setdefault(
            "body",
            "## Schwerpunkt Shisha-Bars\n\nDie **Kontrollen** in Essen und Gelsenkirchen zeigten Wirkung.\n\n"
            "- Gewerberecht\n- Steuerrecht\n\nMehr bei den [Partnern](/behoerden/stadt-essen/) und auf "
            "[nrw.de](https://www.im.nrw/).",
        )
        fields.setdefault("portal_links", "Ansprechpersonen der Stadt Essen | /behoerden/stadt-essen/")
        fields.setdefault("created_by", office)
        return Issue.objects.create(number=number, **fields)

    return make


@pytest.fixture
def issue(make_issue) -> Issue:
    return make_issue()
