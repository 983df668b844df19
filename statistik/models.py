from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDay(models.Model):
    """How many searches were run on one day (Europe/Berlin). Nothing else: no query text, no
    user, no time of day: the statistics page needs the number, and nothing more is kept."""

    day = models.DateField(_("Tag"), unique=True)
    count = models.PositiveIntegerField(_("Suchanfragen"), default=0)

    class Meta:
        verbose_name = _("Suchanfragen eines Tages")
        verbose_name_plural = _("Suchanfragen je Tag")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d.%m.%Y}: {self.count}"
