"""The portal's audit log: who did what to which account, when."""

from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .accounts import User


class SuspensionCause(models.TextChoices):
    """Why the portal suspends an account (partner.recertification); the audit log's detail "cause"."""

    RECERTIFICATION = "recertification", _("nicht rechtzeitig bestätigt")
    INACTIVITY = "inactivity", _("lange keine Anmeldung")
    PARTNER_LEFT = "partner_left", _("Behörde aus der Kooperation ausgeschieden")
    SSO_LEAVER = "sso_leaver", _("lange keine Anmeldung über den Anmeldedienst der Behörde")


def _cause_label(detail: dict) -> str:
    cause = detail.get("cause")
    return str(SuspensionCause(cause).label) if cause in SuspensionCause.values else ""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    # Append-only: the application records events and never rewrites or removes them.
    # (Deleting an account still sets actor/subject to NULL: Django's collector updates
    # through the base manager, and the name snapshots keep the entry readable.)
    def update(self, **kwargs):
        raise TypeError("AuditEvent ist unveränderlich: Einträge werden nur angelegt.")

    def delete(self):
        raise TypeError("AuditEvent ist unveränderlich: Einträge werden nicht gelöscht.")


class AuditEvent(models.Model):
    """One entry of the portal's audit log: who did what to which account, when.

    Written only through `partner.audit.audit_record`; never changed or deleted by the
    application. `detail` holds short facts (old and new address, changed field names,
    a reason) and never a password, hash or secret.
    """

    class Kind(models.TextChoices):
        LOGIN = "login", _("Anmeldung")
        LOGIN_FAILED = "login_failed", _("Anmeldung fehlgeschlagen")
        LOCKED_OUT = "locked_out", _("Anmeldung gesperrt (zu viele Fehlversuche)")
        LOGOUT = "logout", _("Abmeldung")
        MFA_ADDED = "mfa_added", _("Zweiter Faktor eingerichtet")
        MFA_REMOVED = "mfa_removed", _("Zweiter Faktor entfernt")
        MFA_RESET = "mfa_reset", _("Wiederherstellungscodes neu erzeugt")
        RECOVERY_CODE_USED = "recovery_code_used", _("Wiederherstellungscode verwendet")
        PASSWORD_CHANGED = "password_changed", _("Passwort geändert")
        PASSWORD_RESET = "password_reset", _("Passwort zurückgesetzt")
        EMAIL_CHANGED = "email_changed", _("Anmeldeadresse geändert")
        EMAIL_CHANGE_REQUESTED = "email_change_requested", _("Änderung der Anmeldeadresse veranlasst")
        ADMITTED = "admitted", _("Antrag zugelassen")
        REJECTED = "rejected", _("Antrag abgelehnt")
        DEACTIVATED = "deactivated", _("Konto deaktiviert")
        REACTIVATED = "reactivated", _("Konto reaktiviert")
        SUSPENDED = "suspended", _("Konto ruhend gestellt")
        SUSPENSION_WARNED = "suspension_warned", _("Ruhendstellung angekündigt")
        RECERTIFIED = "recertified", _("Konto bestätigt (Rezertifizierung)")
        ARBEITSKREIS_GRANTED = "area_granted", _("Zugang zum Arbeitskreis erteilt")
        ARBEITSKREIS_ROLE_CHANGED = "area_role_changed", _("Rolle im Arbeitskreis geändert")
        ARBEITSKREIS_REVOKED = "area_revoked", _("Zugang zum Arbeitskreis entzogen")
        EDITOR_GRANTED = "editor_granted", _("Redaktion übertragen")
        EDITOR_REVOKED = "editor_revoked", _("Redaktion entzogen")
        ADMIN_CHANGE = "admin_change", _("Änderung in der Administration")
        DOWNLOAD = "download", _("Datei abgerufen")
        AUDIT_VIEWED = "audit_viewed", _("Protokoll eingesehen")
        STATISTICS_EXPORTED = "statistics_exported", _("Statistik exportiert")
        PARTICIPANTS_EXPORTED = "participants_exported", _("Teilnehmerliste einer Veranstaltung exportiert")
        DATA_EXPORTED = "data_exported", _("Eigene Daten abgerufen")
        DELETION_REQUESTED = "deletion_requested", _("Löschung des Kontos beantragt")
        DELETION_WITHDRAWN = "deletion_withdrawn", _("Löschantrag zurückgezogen")
        DELETION_DECLINED = "deletion_declined", _("Löschantrag abgelehnt")
        ACCOUNT_ERASED = "account_erased", _("Konto gelöscht (anonymisiert)")
        SSO_LINKED = "sso_linked", _("Konto mit dem Anmeldedienst der Behörde verknüpft")
        SSO_REFUSED = "sso_refused", _("Anmeldung über den Anmeldedienst abgelehnt")
        ACKNOWLEDGED = "acknowledged", _("Lagebild zur Kenntnis genommen")
        ACKNOWLEDGEMENT_REMINDED = "acknowledgement_reminded", _("An Kenntnisnahme erinnert")
        ACKNOWLEDGEMENTS_EXPORTED = "acknowledgements_exported", _("Kenntnisnahmen exportiert")
        LAGEBILD_EDITED = "lagebild_edited", _("Lagebild geändert")
        LAGEBILD_WITHDRAWN = "lagebild_withdrawn", _("Lagebild zurückgezogen")
        DIRECTORY_CREATED = "directory_created", _("Zuständigkeit für eine andere Person angelegt")
        DIRECTORY_CHANGED = "directory_changed", _("Zuständigkeit einer anderen Person geändert")
        DIRECTORY_DELETED = "directory_deleted", _("Zuständigkeit einer anderen Person gelöscht")
        DIRECTORY_CONFIRMED = "directory_confirmed", _("Zuständigkeit einer anderen Person bestätigt")
        DOCUMENT_SUPERSEDED = "document_superseded", _("Dokument als überholt markiert")
        DOCUMENT_REINSTATED = "document_reinstated", _("Dokument wieder als aktuell markiert")

    at = models.DateTimeField(_("Zeitpunkt"), default=timezone.now, db_index=True)
    kind = models.CharField(_("Ereignis"), max_length=40, choices=Kind.choices)
    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("ausgeführt von")
    )
    # Kept as text so the record stays readable after the account is gone (as on Decision).
    actor_name = models.CharField(_("ausgeführt von (Name)"), max_length=300)
    subject = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("betroffenes Konto"),
    )
    subject_name = models.CharField(_("betroffenes Konto (Name)"), max_length=300, blank=True)
    detail = models.JSONField(_("Einzelheiten"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    # Only on login events (sign-in, failure, lock-out, logout): to tell an attack from a typo.
    ip_address = models.GenericIPAddressField(_("IP-Adresse"), null=True, blank=True)
    # Where it happened, "<app>:<slug>" (e.g. "facharbeitskreise:lagebild"): the filter by area and
    # the lead's view of their own area. Text, because partner imports no other app.
    bereich = models.CharField(_("Bereich"), max_length=120, blank=True, db_index=True)
    # What it concerned, "<app>.<model>:<pk>" (e.g. "fachgebiete.document:12"): who fetched a document.
    target = models.CharField(_("Gegenstand"), max_length=120, blank=True, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokoll")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["subject", "-at"], name="partner_audit_subject_at")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject_name or '–'} ({self.at:%d.%m.%Y %H:%M})"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise TypeError("AuditEvent ist unveränderlich: Einträge werden nur angelegt.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("AuditEvent ist unveränderlich: Einträge werden nicht gelöscht.")

    @property
    def summary(self) -> str:
        """The entry in one German line, for the office's account page."""
        detail = self.detail or {}
        if "new" in detail:
            return f"{detail.get('old') or '–'} → {detail['new']}"
        if self.kind == self.Kind.DOWNLOAD:
            version = f" (Version {detail['version']})" if detail.get("version") else ""
            return f"{detail.get('name', '')}{version}"
        if self.kind == self.Kind.SUSPENSION_WARNED:
            due = ".".join(reversed(str(detail.get("due", "")).split("-")))
            return f"{_cause_label(detail)} · ruht ab {due}"
        if self.kind == self.Kind.SUSPENDED and detail.get("cause"):
            return f"{_cause_label(detail)} · {detail.get('reason', '')}"
        if "model" not in detail:
            # Security and rights events: the facts worth a line, never a secret (see audit.py).
            parts = [
                detail.get("area"),
                detail.get("group"),
                detail.get("role"),
                detail.get("reason"),
                detail.get("type"),
            ]
            return " · ".join(str(part) for part in parts if part)
        action = {"add": "angelegt", "change": "geändert", "delete": "gelöscht"}.get(detail.get("action", ""), "")
        fields = [
            name
            for entry in detail.get("message") or []
            if isinstance(entry, dict)
            for name in entry.get("changed", {}).get("fields", [])
        ]
        text = f"{detail.get('object', '')} ({detail.get('model', '')}) {action}".strip()
        return f"{text}: {', '.join(fields)}" if fields else text
