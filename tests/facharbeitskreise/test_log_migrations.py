"""The area logs that stood beside the audit log move into it: every old row becomes an audit
event, a fact the audit log already held is not doubled, and the old table is gone.

- ak_lead granted access to olga (outsider) before the audit log existed: only AccessEvent has it;
- a later grant to max (member) was written to both logs: it must appear once;
- a group's grant and a revocation by the portal itself (no actor) keep their facts.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone

from facharbeitskreise.models import Arbeitskreis
from partner.models import AuditEvent
from tests.helpers import migrate

BEFORE = ("facharbeitskreise", "0006_downloadlog_into_auditevent")

pytestmark = pytest.mark.django_db(transaction=True)


def test_access_events_become_audit_events_once(make_user, outsider, member):
    lead = make_user("lea.leitung@essen.de")
    arbeitskreis = Arbeitskreis.objects.create(name="AK Shisha", slug="ak-shisha", kind="facharbeitskreis")
    group = Group.objects.create(name="Ordnungsamt Essen")
    try:
        apps = migrate(BEFORE)
        AccessEvent = apps.get_model("facharbeitskreise", "AccessEvent")
        now = timezone.now()
        common = {"area_id": arbeitskreis.pk, "actor_id": lead.pk, "actor_name": "Lea Muster (lea.leitung@essen.de)"}
        AccessEvent.objects.create(
            action="granted",
            user_id=outsider.pk,
            subject_name="Olga",
            role="mitglied",
            reason="Antrag",
            at=now - timedelta(days=400),
            **common,
        )
        AccessEvent.objects.create(
            action="granted",
            group_id=group.pk,
            subject_name="Gruppe Ordnungsamt Essen",
            role="mitwirkend",
            at=now - timedelta(days=300),
            **common,
        )
        AccessEvent.objects.create(
            action="revoked",
            user_id=outsider.pk,
            subject_name="Olga",
            previous_role="mitglied",
            reason="Konto deaktiviert",
            area_id=arbeitskreis.pk,
            actor_id=None,
            actor_name="Portal (automatisch)",
            at=now - timedelta(days=200),
        )
        twin_at = now - timedelta(days=10)
        AccessEvent.objects.create(
            action="granted", user_id=member.pk, subject_name="Max", role="mitglied", at=twin_at, **common
        )
        # The audit log at that point of the history (its column still had the old name).
        apps.get_model("partner", "AuditEvent").objects.create(
            kind="area_granted",
            actor_id=lead.pk,
            actor_name="Lea",
            subject_id=member.pk,
            subject_name="Max",
            area=arbeitskreis.audit_bereich,
            at=twin_at - timedelta(milliseconds=3),
            detail={"role": "mitglied"},
        )
    finally:
        migrate()

    events = AuditEvent.objects.filter(bereich=arbeitskreis.audit_bereich).order_by("at")
    assert [(e.kind, e.subject_id, e.actor_id) for e in events] == [
        ("area_granted", outsider.pk, lead.pk),
        ("area_granted", None, lead.pk),
        ("area_revoked", outsider.pk, None),
        ("area_granted", member.pk, lead.pk),
    ]
    first, by_group, revoked, _ = events
    assert (first.detail["role"], first.detail["reason"], first.detail["area"]) == ("mitglied", "Antrag", "AK Shisha")
    assert (by_group.detail["group"], by_group.detail["group_id"], by_group.subject_name) == (
        "Ordnungsamt Essen",
        group.pk,
        "",
    )
    assert (revoked.actor_name, revoked.detail["previous_role"]) == ("Portal (automatisch)", "mitglied")
    assert "facharbeitskreise_accessevent" not in connection.introspection.table_names()


def test_download_logs_became_audit_events(outsider):
    """The earlier migration (0006): each DownloadLog row is a "download" event with file, version,
    document and area; a file that belongs to no document version keeps its name."""
    from dokumente.models import StoredFile
    from facharbeitskreise.models import ArbeitskreisDocument, ArbeitskreisDocumentVersion

    arbeitskreis = Arbeitskreis.objects.create(name="AK Rotlicht", slug="ak-rotlicht", kind="facharbeitskreis")
    document = ArbeitskreisDocument.objects.create(arbeitskreis=arbeitskreis, title="Lagebild")

    def stored(name: str) -> StoredFile:
        return StoredFile.objects.create(
            file=f"test/{name}", original_name=name, content_type="application/pdf", size=3, sha256="0" * 64
        )

    version_file, loose_file = stored("Lagebild 2026.pdf"), stored("Notiz.pdf")
    ArbeitskreisDocumentVersion.objects.create(document=document, number=2, file=version_file)
    at = timezone.now() - timedelta(days=3)
    try:
        apps = migrate(("facharbeitskreise", "0005_review_cancelled_on_archive"))
        DownloadLog = apps.get_model("facharbeitskreise", "DownloadLog")
        DownloadLog.objects.create(area_id=arbeitskreis.pk, file_id=version_file.pk, user_id=outsider.pk, at=at)
        DownloadLog.objects.create(area_id=arbeitskreis.pk, file_id=loose_file.pk, user_id=outsider.pk, at=at)
    finally:
        migrate()

    events = sorted(AuditEvent.objects.filter(kind="download"), key=lambda e: e.detail["name"])
    assert [(e.actor_id, e.bereich, e.at) for e in events] == [(outsider.pk, arbeitskreis.audit_bereich, at)] * 2
    versioned, loose = events
    assert versioned.target == f"facharbeitskreise.areadocument:{document.pk}"
    assert versioned.detail == {"file": version_file.pk, "name": "Lagebild 2026.pdf", "version": 2}
    assert (loose.target, loose.detail["name"], loose.detail["version"]) == ("", "Notiz.pdf", None)
    assert "facharbeitskreise_downloadlog" not in connection.introspection.table_names()
