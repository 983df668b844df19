"""Retention of the audit log: each kind has its period, the daily audit_prune deletes exactly what is due."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from partner import audit_retention
from partner.audit import audit_record
from partner.audit_retention import RETENTION_GROUP, retention_days
from partner.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_every_kind_has_a_retention_period(settings):
    assert set(RETENTION_GROUP) == set(AuditEvent.Kind.values)
    assert set(RETENTION_GROUP.values()) == set(settings.SIKO_AUDIT_RETENTION_DAYS)
    assert retention_days("login") == 90 and retention_days("download") == 365
    assert retention_days("admitted") == retention_days("password_changed") == 730


@pytest.fixture
def moved_clock(monkeypatch):
    """timezone.now as seen by audit_retention, moved forward by `clock.days`."""

    class Clock:
        days = 0

    clock = Clock()
    real_now = timezone.now
    monkeypatch.setattr(audit_retention.timezone, "now", lambda: real_now() + timedelta(days=clock.days))
    return clock


def prune() -> str:
    out = StringIO()
    call_command("audit_prune", stdout=out)
    return out.getvalue()


def test_the_daily_run_deletes_exactly_what_is_due(member, moved_clock):
    login = audit_record(kind="login", actor=member, subject=member)
    download = audit_record(kind="download", actor=member, detail={"file": 1})
    password = audit_record(kind="password_changed", actor=member, subject=member)
    decision = audit_record(kind="admitted", actor=None, actor_name="Geschäftsstelle", subject=member)

    moved_clock.days = 89
    assert prune().startswith("0 ")
    moved_clock.days = 91
    assert prune().startswith("1 ")
    assert not AuditEvent.objects.filter(pk=login.pk).exists()
    moved_clock.days = 366
    prune()
    assert set(AuditEvent.objects.values_list("pk", flat=True)) == {password.pk, decision.pk}
    assert download.pk not in AuditEvent.objects.values_list("pk", flat=True)
    moved_clock.days = 731
    prune()
    assert not AuditEvent.objects.exists()


def test_the_periods_follow_the_settings(member, moved_clock, settings):
    settings.SIKO_AUDIT_RETENTION_DAYS = {**settings.SIKO_AUDIT_RETENTION_DAYS, "login": 7}
    audit_record(kind="logout", actor=member, subject=member)
    moved_clock.days = 8
    prune()
    assert not AuditEvent.objects.exists()


def test_the_application_still_cannot_delete_entries(member):
    audit_record(kind="login", actor=member, subject=member)
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.get().delete()
