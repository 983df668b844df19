"""A person's request to have their account deleted (Art. 17 DSGVO); the Geschäftsstelle decides.

Exported by the app's models package (partner/models/__init__.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DeletionRequestQuerySet(models.QuerySet["DeletionRequest"]):
    def open(self) -> DeletionRequestQuerySet:
        return self.filter(status=DeletionRequest.Status.OPEN)


class DeletionRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        CONFIRMED = "confirmed", _("bestätigt – Konto gelöscht")
        DECLINED = "declined", _("abgelehnt")
        WITHDRAWN = "withdrawn", _("zurückgezogen")

    # The account row outlives its erasure (anonymised), so the request stays linked to it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deletion_requests", verbose_name=_("Konto")
    )
    reason = models.TextField(_("Anmerkung der Person"), blank=True)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    requested_at = models.DateTimeField(_("beantragt am"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entschieden von"),
    )
    decided_at = models.DateTimeField(_("entschieden am"), null=True, blank=True)
    decline_reason = models.TextField(_("Begründung der Ablehnung"), blank=True)

    objects = DeletionRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("Löschantrag")
        verbose_name_plural = _("Löschanträge")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=Q(status="open"), name="partner_one_open_deletion")
        ]

    def __str__(self) -> str:
        return f"Löschantrag {self.pk} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN
