"""The visits behind "Neu im Portal" (the search index is in `suche.models`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Visit(models.Model):
    """When a user logged in this time and the time before: "Neu im Portal" starts from the previous login."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    current_login_at = models.DateTimeField(_("diese Anmeldung"), default=timezone.now)
    previous_login_at = models.DateTimeField(_("vorige Anmeldung"), null=True, blank=True)

    class Meta:
        verbose_name = _("Besuch")
        verbose_name_plural = _("Besuche")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.current_login_at}"
