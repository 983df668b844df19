"""EditorGrantLog moves into the audit log: every old row becomes an audit event, a fact the audit
log already held is not doubled, a deleted account keeps its name, and the old table is gone.

- office gave olga (outsider) the Redaktion before the audit log existed and later took it;
- the grant to max (member) was written to both logs: it must appear once;
- a person whose account is gone since stays readable by name.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from fachgebiete.models import Fachgebiet
from partner.models import AuditEvent
from tests.helpers import migrate

BEFORE = ("fachgebiete", "0004_editorgrantlog_outlives_account")

pytestmark = pytest.mark.django_db(transaction=True)


def test_editor_grants_become_audit_events_once(office, outsider, member):
    shisha = Fachgebiet.objects.create(name="Shisha", slug="shisha", position=2)
    now = timezone.now()
    by = {"by_id": office.pk, "by_name": "Gina Muster (gina.geschaeftsstelle@essen.de)", "fachgebiet_id": shisha.pk}
    try:
        apps = migrate(BEFORE)
        EditorGrantLog = apps.get_model("fachgebiete", "EditorGrantLog")
        EditorGrantLog.objects.create(
            action="granted", user_id=outsider.pk, user_name="Olga", at=now - timedelta(days=90), **by
        )
        EditorGrantLog.objects.create(
            action="revoked", user_id=outsider.pk, user_name="Olga", at=now - timedelta(days=30), **by
        )
        EditorGrantLog.objects.create(
            action="granted", user_id=None, user_name="Gelöscht (alt@essen.de)", at=now - timedelta(days=20), **by
        )
        EditorGrantLog.objects.create(
            action="granted", user_id=member.pk, user_name="Max", at=now - timedelta(days=5), **by
        )
        # The audit log at that point of the history (its column still had the old name).
        apps.get_model("partner", "AuditEvent").objects.create(
            kind="editor_granted",
            actor_id=office.pk,
            actor_name="Gina",
            subject_id=member.pk,
            subject_name="Max",
            area=shisha.audit_bereich,
            at=now - timedelta(days=5, seconds=-1),
            detail={"area": "Shisha"},
        )
    finally:
        migrate()

    events = AuditEvent.objects.filter(bereich="fachgebiete:shisha").order_by("at")
    assert [(e.kind, e.subject_id, e.actor_id) for e in events] == [
        ("editor_granted", outsider.pk, office.pk),
        ("editor_revoked", outsider.pk, office.pk),
        ("editor_granted", None, office.pk),
        ("editor_granted", member.pk, office.pk),
    ]
    assert events[2].subject_name == "Gelöscht (alt@essen.de)"
    assert events[0].actor_name == by["by_name"] and events[0].detail == {"area": "Shisha"}
    assert "fachgebiete_editorgrantlog" not in connection.introspection.table_names()
