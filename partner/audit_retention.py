"""How long each kind of audit event is kept, and the one place that deletes due entries.

The periods are settings (SIKO_AUDIT_RETENTION_DAYS, per group; the reasons are written there
and in the README). `audit_prune` is the only deletion path of the audit log: AuditEvent's own
delete() and its queryset's delete() stay forbidden for the application, and this function
deletes through Django's raw delete of the base queryset, for entries past their period only.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import AuditEvent

Kind = AuditEvent.Kind

RETENTION_GROUP: dict[str, str] = {
    Kind.LOGIN: "login",
    Kind.LOGIN_FAILED: "login",
    Kind.LOCKED_OUT: "login",
    Kind.LOGOUT: "login",
    Kind.MFA_ADDED: "account",
    Kind.MFA_REMOVED: "account",
    Kind.MFA_RESET: "account",
    Kind.RECOVERY_CODE_USED: "account",
    Kind.PASSWORD_CHANGED: "account",
    Kind.PASSWORD_RESET: "account",
    Kind.EMAIL_CHANGED: "account",
    Kind.EMAIL_CHANGE_REQUESTED: "account",
    Kind.ADMITTED: "rights",
    Kind.REJECTED: "rights",
    Kind.DEACTIVATED: "rights",
    Kind.REACTIVATED: "rights",
    Kind.SUSPENDED: "rights",
    Kind.SUSPENSION_WARNED: "rights",
    Kind.RECERTIFIED: "rights",
    Kind.ARBEITSKREIS_GRANTED: "rights",
    Kind.ARBEITSKREIS_ROLE_CHANGED: "rights",
    Kind.ARBEITSKREIS_REVOKED: "rights",
    Kind.EDITOR_GRANTED: "rights",
    Kind.EDITOR_REVOKED: "rights",
    Kind.ADMIN_CHANGE: "rights",
    Kind.DOWNLOAD: "download",
    Kind.AUDIT_VIEWED: "rights",
    Kind.STATISTICS_EXPORTED: "rights",
    Kind.PARTICIPANTS_EXPORTED: "rights",
    Kind.DATA_EXPORTED: "account",
    Kind.DELETION_REQUESTED: "rights",
    Kind.DELETION_WITHDRAWN: "rights",
    Kind.DELETION_DECLINED: "rights",
    Kind.ACCOUNT_ERASED: "rights",
    Kind.SSO_LINKED: "account",
    Kind.SSO_REFUSED: "login",
    # Lagebilder: who took note (or was reminded, or exported the list) is evidence like a download.
    Kind.ACKNOWLEDGED: "download",
    Kind.ACKNOWLEDGEMENT_REMINDED: "rights",
    Kind.ACKNOWLEDGEMENTS_EXPORTED: "rights",
    Kind.LAGEBILD_EDITED: "rights",
    Kind.LAGEBILD_WITHDRAWN: "rights",
    # Changes to another person's directory entry (by the office or a contact person of her
    # authority) and the Redaktion's "überholt" marks: who changed what others rely on.
    Kind.DIRECTORY_CREATED: "rights",
    Kind.DIRECTORY_CHANGED: "rights",
    Kind.DIRECTORY_DELETED: "rights",
    Kind.DIRECTORY_CONFIRMED: "rights",
    Kind.DOCUMENT_SUPERSEDED: "rights",
    Kind.DOCUMENT_REINSTATED: "rights",
}


def retention_days(kind: str) -> int:
    return int(settings.SIKO_AUDIT_RETENTION_DAYS[RETENTION_GROUP[kind]])


def due(now: datetime | None = None) -> Q:
    """Entries past their kind's period at `now`."""
    now = now or timezone.now()
    condition = Q(pk__in=[])
    for kind in Kind.values:
        condition |= Q(kind=kind, at__lt=now - timedelta(days=retention_days(kind)))
    return condition


def audit_prune(*, now: datetime | None = None) -> int:
    """Delete what is due; returns how many entries. Run daily (manage.py audit_prune)."""
    # QuerySet._raw_delete: one DELETE without signals or cascades (nothing points at an
    # AuditEvent), bypassing the forbidden AuditEventQuerySet.delete on purpose - here only.
    queryset = AuditEvent.objects.filter(due(now))
    return queryset._raw_delete(queryset.db)
