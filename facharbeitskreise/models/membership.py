"""Who has access to an area and why: membership requests and periodic access reviews (the grant
log is the portal's audit log, `partner.AuditEvent`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .base import Arbeitskreis, Role


class MembershipRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        ACCEPTED = "accepted", _("angenommen")
        DECLINED = "declined", _("abgelehnt")
        WITHDRAWN = "withdrawn", _("zurückgezogen")

    arbeitskreis = models.ForeignKey(Arbeitskreis, on_delete=models.CASCADE, related_name="membership_requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("Begründung"))
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("gestellt am"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("entschieden am"), null=True, blank=True)
    comment = models.TextField(_("Anmerkung der Leitung"), blank=True)

    class Meta:
        verbose_name = _("Mitgliedschaftsantrag")
        verbose_name_plural = _("Mitgliedschaftsanträge")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["arbeitskreis", "user"], condition=Q(status="open"), name="fak_one_open_request_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.arbeitskreis} ({self.get_status_display()})"


class AccessReview(models.Model):
    """The lead confirms the member list; whoever is not confirmed by `due_at` loses access."""

    class Outcome(models.TextChoices):
        OPEN = "open", _("läuft")
        COMPLETED = "completed", _("von der Leitung abgeschlossen")
        EXPIRED = "expired", _("Frist abgelaufen")
        CANCELLED = "cancelled", _("mit der Archivierung des Bereichs beendet")

    arbeitskreis = models.ForeignKey(Arbeitskreis, on_delete=models.CASCADE, related_name="access_reviews")
    started_at = models.DateTimeField(_("begonnen am"), default=timezone.now)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    due_at = models.DateTimeField(_("Frist"))
    completed_at = models.DateTimeField(_("beendet am"), null=True, blank=True)
    outcome = models.CharField(_("Ergebnis"), max_length=20, choices=Outcome.choices, default=Outcome.OPEN)
    confirmed_count = models.PositiveIntegerField(_("bestätigt"), default=0)
    removed_count = models.PositiveIntegerField(_("entfernt"), default=0)

    class Meta:
        verbose_name = _("Zugriffsüberprüfung")
        verbose_name_plural = _("Zugriffsüberprüfungen")
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["arbeitskreis"], condition=Q(outcome="open"), name="fak_one_open_review_per_arbeitskreis"
            )
        ]

    def __str__(self) -> str:
        return f"{self.arbeitskreis}: Überprüfung vom {timezone.localdate(self.started_at):%d.%m.%Y}"

    @property
    def due_date(self):
        """The deadline's day in the portal's time zone: the one date every page, mail and
        message shows (formatting the UTC value directly named the day before after 23:00)."""
        return timezone.localdate(self.due_at)

    @property
    def is_open(self) -> bool:
        return self.outcome == self.Outcome.OPEN


class AccessReviewItem(models.Model):
    class Decision(models.TextChoices):
        PENDING = "pending", _("noch nicht bestätigt")
        CONFIRMED = "confirmed", _("bestätigt")
        REMOVED = "removed", _("entfernt")

    review = models.ForeignKey(AccessReview, on_delete=models.CASCADE, related_name="items")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)
    decision = models.CharField(_("Entscheidung"), max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decided_at = models.DateTimeField(_("entschieden am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Eintrag der Zugriffsüberprüfung")
        verbose_name_plural = _("Einträge der Zugriffsüberprüfung")
        ordering = ["user__last_name", "user__first_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["review", "user"], name="fak_review_item_unique")]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_decision_display()}"
