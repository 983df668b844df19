"""A known year for the statistics: 2025 (the default period, "last calendar year", in Dec 2026).

Accounts (admission decisions on file unless said otherwise; applications 3 days before):
- Stadt Essen (Kommune): 2 admitted in 2024, 6 in 2025, one more on 31.12.2025 at 23:30 German time
  (still 2025) and one on 01.01.2026 at 00:10 (already 2026, though 2025 in UTC);
- LKA NRW (Landespolizei): 3 admitted in 2025;
- Hauptzollamt Dortmund (Zoll): 5 admitted in 2024, one of them deactivated in June 2025;
- one account admitted in 2024 and erased at the person's request in September 2025;
- one application rejected in 2025, one waiting for admission (applied 2025).
The office itself (and other fixture users) were created admitted today, outside the year.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from facharbeitskreise.models import Arbeitskreis
from facharbeitskreise.models.base import Role
from facharbeitskreise.services import role_grant
from fachgebiete.models import Article, Fachgebiet, Rechtstatsache, Status
from newsletter.models import Delivery, Issue, Subscriber
from partner.models import AuditEvent, Decision, Partner, PartnerKind, PartnerType, User
from statistik.models import SearchDay

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(*args) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


@pytest.fixture
def zoll(db) -> Partner:
    return Partner.objects.create(
        name="Hauptzollamt Dortmund",
        slug="hza-dortmund",
        kind=PartnerKind.KOOPERATIONSPARTNER,
        type=PartnerType.ZOLL,
        city="Dortmund",
    )


@pytest.fixture
def admit(make_user, office):
    counter = iter(range(1, 1000))

    def make(partner, at: datetime, status: str = User.Status.ADMITTED, action=Decision.Action.ADMITTED) -> User:
        user = make_user(f"person{next(counter)}@{partner.slug if partner else 'ohne'}.de", status, partner=partner)
        User.objects.filter(pk=user.pk).update(date_joined=at - timedelta(days=3))
        Decision.objects.create(user=user, action=action, decided_by=office, decided_by_name="GS", decided_at=at)
        return user

    return make


@pytest.fixture
def year_2025(db, essen, polizei, zoll, admit, make_user, office):
    for month in (1, 2):
        admit(essen, berlin(2024, month, 10, 12))
    for month in (2, 3, 5, 7, 9, 11):
        admit(essen, berlin(2025, month, 15, 9))
    admit(essen, berlin(2025, 12, 31, 23, 30))
    admit(essen, berlin(2026, 1, 1, 0, 10))
    for month in (4, 6, 8):
        admit(polizei, berlin(2025, month, 1, 10))
    zoll_staff = [admit(zoll, berlin(2024, 11, day, 10)) for day in (1, 2, 3, 4, 5)]
    leaver = zoll_staff[0]
    User.objects.filter(pk=leaver.pk).update(status=User.Status.DEACTIVATED)
    Decision.objects.create(
        user=leaver, action=Decision.Action.DEACTIVATED, decided_by_name="GS", decided_at=berlin(2025, 6, 20, 10)
    )
    erased = admit(essen, berlin(2024, 3, 1, 10))
    User.objects.filter(pk=erased.pk).update(
        status=User.Status.ERASED, partner=None, status_changed_at=berlin(2025, 9, 1, 10)
    )
    admit(essen, berlin(2025, 10, 1, 10), User.Status.REJECTED, Decision.Action.REJECTED)
    waiting = make_user("wartet@essen.de", User.Status.VERIFIED)
    User.objects.filter(pk=waiting.pk).update(date_joined=berlin(2025, 11, 20, 10))

    # Newsletter: two recipients at the end of 2025, one confirmed and one unsubscribed in 2025.
    Subscriber.objects.create(
        email="a@extern.de", source="self", status="confirmed", confirmed_at=berlin(2024, 5, 1, 10)
    )
    Subscriber.objects.create(
        email="b@extern.de", source="self", status="confirmed", confirmed_at=berlin(2025, 3, 1, 10)
    )
    Subscriber.objects.create(
        email="c@extern.de",
        source="self",
        status="unsubscribed",
        confirmed_at=berlin(2024, 6, 1, 10),
        unsubscribed_at=berlin(2025, 7, 1, 10),
    )
    Subscriber.objects.create(email="d@extern.de", source="self", status="pending")
    old = Issue.objects.create(number=1, title="Ausgabe 4/2024", body="Text", status=Issue.Status.SENT)
    Issue.objects.filter(pk=old.pk).update(dispatch_started_at=berlin(2024, 12, 1, 9), recipient_count=2)
    issue = Issue.objects.create(number=2, title="Ausgabe 1/2025", body="Text", status=Issue.Status.SENT)
    Issue.objects.filter(pk=issue.pk).update(dispatch_started_at=berlin(2025, 4, 2, 9), recipient_count=3)
    for email, status, sent_at in (
        ("a@extern.de", Delivery.Status.SENT, berlin(2025, 4, 2, 9, 1)),
        ("b@extern.de", Delivery.Status.SENT, berlin(2025, 4, 2, 9, 2)),
        ("c@extern.de", Delivery.Status.FAILED, None),
    ):
        Delivery.objects.create(issue=issue, email=email, status=status, sent_at=sent_at)

    # Areas: six members in one, two in the other (one of them through the lead's own grant).
    rotlicht = Arbeitskreis.objects.create(name="FAK Rotlicht", slug="rotlicht")
    projekt = Arbeitskreis.objects.create(name="Projekt Nordlicht", slug="nordlicht", kind="projekt")
    essen_staff = list(User.objects.filter(partner=essen, status=User.Status.ADMITTED).order_by("pk"))
    for person in essen_staff[:6]:
        role_grant(arbeitskreis=rotlicht, user=person, role=Role.MITGLIED, actor=office, notify=False)
    for person in essen_staff[6:8]:
        role_grant(arbeitskreis=projekt, user=person, role=Role.MITGLIED, actor=office, notify=False)

    # Contributions: published in 2025 count, the rest not.
    shisha = Fachgebiet.objects.create(name="Shisha", slug="shisha", position=1)
    lagebilder = Fachgebiet.objects.get(slug="lagebilder")  # the open rubrics come with the migrations
    author = essen_staff[0]

    def article(arbeitskreis, published_at, status=Status.PUBLISHED):
        Article.objects.create(
            fachgebiet=arbeitskreis,
            kind=Article.Kind.ERFAHRUNGSBERICHT,
            title="Bericht",
            summary="Kurz",
            body="Text",
            author=author,
            status=status,
            submitted_at=published_at,
            published_at=published_at if status == Status.PUBLISHED else None,
        )

    article(shisha, berlin(2025, 2, 1, 10))
    article(shisha, berlin(2025, 12, 31, 23, 59))
    article(shisha, berlin(2024, 12, 31, 23, 59))
    article(shisha, berlin(2025, 6, 1, 10), status=Status.SUBMITTED)
    article(lagebilder, berlin(2025, 5, 5, 10))
    Rechtstatsache.objects.create(
        fachgebiet=shisha,
        court="VG Gelsenkirchen",
        decision_date=date(2025, 1, 10),
        aktenzeichen="16 L 1/25",
        headnote="Leitsatz",
        author=author,
        status=Status.PUBLISHED,
        published_at=berlin(2025, 3, 3, 10),
    )

    # Downloads: July begins at 00:00 German time (22:00 UTC the day before).
    for at, arbeitskreis in (
        (berlin(2025, 1, 5, 10), "fachgebiete:shisha"),
        (berlin(2025, 6, 30, 23, 30), "fachgebiete:shisha"),
        (berlin(2025, 7, 1, 0, 30), "fachgebiete:shisha"),
        (berlin(2025, 8, 1, 10), "facharbeitskreise:rotlicht"),
        (berlin(2024, 12, 31, 23, 30), "fachgebiete:shisha"),
    ):
        AuditEvent.objects.create(kind=AuditEvent.Kind.DOWNLOAD, at=at, actor_name="jemand", bereich=arbeitskreis)

    for day, count in ((date(2025, 1, 15), 3), (date(2025, 1, 31), 2), (date(2025, 12, 31), 1), (date(2026, 1, 1), 7)):
        SearchDay.objects.create(day=day, count=count)
