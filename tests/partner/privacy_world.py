"""Two people with something in every app, for the export and erasure tests.

- member (Max, Stadt Essen) wrote an article, replied in a thread, is Mitglied of the area,
  follows the Fachgebiet and gets the newsletter;
- outsider (Olga, LKA) leads the same area, started the thread, wrote an article too and
  was the subject of something member did (an admin change), so her name could leak into
  member's export through the audit log or the shared thread;
- office (Gina) changed member's login address: member's export says "another person".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from benachrichtigungen.models import Frequency, Subscription
from facharbeitskreise import services as arbeitskreis_services
from facharbeitskreise.access import Role
from facharbeitskreise.models import Arbeitskreis, Post, Thread
from fachgebiete.models import Article, Fachgebiet
from newsletter.services import member_subscribe
from partner.audit import audit_record
from partner.models import AuditEvent

# Strings that belong to the outsider or the office and must never appear in member's export.
FOREIGN = [
    "Olga",
    "olga.aussen",
    "Gina",
    "gina.geschaeftsstelle",
    "Landeskriminalamt",
    "Geheime Notiz",
    "198.51.100.7",
    "Beitrag der Leitung",
]


@dataclass
class World:
    fachgebiet: Fachgebiet
    arbeitskreis: Arbeitskreis
    member_article: Article
    outsider_article: Article
    thread: Thread


def build(member, outsider, office) -> World:
    fachgebiet = Fachgebiet.objects.create(name="Shisha", slug="shisha", position=2)
    now = timezone.now()

    def article(author, title):
        return Article.objects.create(
            fachgebiet=fachgebiet,
            author=author,
            title=title,
            kind=Article.Kind.GOOD_PRACTICE,
            summary="Kurz.",
            body="Text.",
            status="published",
            submitted_at=now,
            published_at=now,
        )

    arbeitskreis = Arbeitskreis.objects.create(name="Facharbeitskreis Shisha", slug="fak-shisha")
    arbeitskreis_services.role_grant(
        arbeitskreis=arbeitskreis, role=Role.LEITUNG, actor=None, user=outsider, notify=False
    )
    arbeitskreis_services.role_grant(
        arbeitskreis=arbeitskreis, role=Role.MITGLIED, actor=None, user=member, notify=False
    )
    thread = Thread.objects.create(arbeitskreis=arbeitskreis, title="Kontrollen im Sommer", created_by=outsider)
    Post.objects.create(thread=thread, author=outsider, body="Beitrag der Leitung zur Planung")
    Post.objects.create(thread=thread, author=member, body="Max antwortet: Termin passt")
    Subscription.objects.create(user=member, topic=fachgebiet, frequency=Frequency.WEEKLY)
    member_subscribe(user=member)
    audit_record(kind=AuditEvent.Kind.LOGIN, actor=member, subject=member, ip_address="192.0.2.10")
    audit_record(kind=AuditEvent.Kind.LOGIN, actor=outsider, subject=outsider, ip_address="198.51.100.7")
    audit_record(
        kind=AuditEvent.Kind.EMAIL_CHANGE_REQUESTED,
        actor=office,
        subject=member,
        detail={"old": member.email, "new": "max.neu@essen.de", "reason": "Namensänderung"},
    )
    audit_record(
        kind=AuditEvent.Kind.ADMIN_CHANGE,
        actor=member,
        subject=outsider,
        detail={"reason": "Geheime Notiz über Olga"},
    )
    return World(
        fachgebiet=fachgebiet,
        arbeitskreis=arbeitskreis,
        member_article=article(member, "Max: Probenahme bei Kontrollen"),
        outsider_article=article(outsider, "Olga: Lagebild Bochum"),
        thread=thread,
    )
