"""A change that makes earlier copies of a Muster or a Rechtstatsache outdated.

One row per event (a new version, a document marked überholt, a decision aufgehoben or überholt).
It is what the outbox's notices point at as their item, so that each person hears of each event
exactly once (the outbox keeps one notice per person and item), whether they follow the
Fachgebiet, downloaded an earlier copy, or both.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .base import Fachgebiet
from .content import Document
from .rechtstatsache import Rechtstatsache


class LifecycleEventManager(models.Manager["LifecycleEvent"]):
    # The outbox loads events with the default manager to ask `is_published` at send time.
    def get_queryset(self):
        return super().get_queryset().select_related("fachgebiet", "document", "rechtstatsache")


class LifecycleEvent(models.Model):
    class Kind(models.TextChoices):
        NEW_VERSION = "new_version", _("neue Version")
        SUPERSEDED = "superseded", _("überholt")
        AUFGEHOBEN = "aufgehoben", _("aufgehoben")

    fachgebiet = models.ForeignKey(Fachgebiet, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    rechtstatsache = models.ForeignKey(
        Rechtstatsache, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    version = models.PositiveIntegerField(_("Version"), null=True, blank=True)
    created_at = models.DateTimeField(_("am"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = LifecycleEventManager()

    class Meta:
        verbose_name = _("Änderung eines Musters oder einer Rechtstatsache")
        verbose_name_plural = _("Änderungen von Mustern und Rechtstatsachen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(document__isnull=False, rechtstatsache__isnull=True)
                | models.Q(document__isnull=True, rechtstatsache__isnull=False),
                name="fg_lifecycle_one_item",
            )
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.label}"

    @property
    def item(self) -> Document | Rechtstatsache:
        return self.document if self.document_id else self.rechtstatsache

    @property
    def audit_target(self) -> str:
        """How the download log (`partner.AuditEvent.target`) names the item."""
        return f"{self.item._meta.label_lower}:{self.item.pk}"

    @property
    def label(self) -> str:
        if self.kind == self.Kind.NEW_VERSION:
            return f"neue Version {self.version}"
        return self.get_kind_display()

    @property
    def is_published(self) -> bool:
        """Still worth telling: the item is online and (for überholt/aufgehoben) still in that state
        — a mark taken back before the mail went out is not announced."""
        item = self.item
        if item is None or not item.is_published:
            return False
        if self.kind == self.Kind.NEW_VERSION:
            return True
        if self.document_id:
            return item.is_superseded
        return item.legal_status == STATUS_OF_KIND[self.kind]


# Which legal status of a Rechtstatsache each kind of event announces.
STATUS_OF_KIND = {
    LifecycleEvent.Kind.SUPERSEDED: Rechtstatsache.LegalStatus.UEBERHOLT,
    LifecycleEvent.Kind.AUFGEHOBEN: Rechtstatsache.LegalStatus.AUFGEHOBEN,
}
KIND_OF_STATUS = {status: kind for kind, status in STATUS_OF_KIND.items()}
