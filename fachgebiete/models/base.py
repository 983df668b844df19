from django.db import models
from django.utils.translation import gettext_lazy as _


class Fachgebiet(models.Model):
    """A subject area (e.g. Shisha); its sections Informationen, Muster & Arbeitshilfen
    and Rechtstatsachen are built on top of it."""

    name = models.CharField(_("Name"), max_length=100, unique=True)
    slug = models.SlugField(_("Kürzel in der Adresse"), max_length=100, unique=True)
    description = models.TextField(_("Kurzbeschreibung"), blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Fachgebiet")
        verbose_name_plural = _("Fachgebiete")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name
