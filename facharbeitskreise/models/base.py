from django.db import models
from django.utils.translation import gettext_lazy as _


class Arbeitsbereich(models.Model):
    """A closed area: a Facharbeitskreis or a cross-agency project."""

    class Kind(models.TextChoices):
        FACHARBEITSKREIS = "facharbeitskreis", _("Facharbeitskreis")
        PROJEKT = "projekt", _("Projekt")

    name = models.CharField(_("Name"), max_length=150, unique=True)
    slug = models.SlugField(_("Kürzel in der Adresse"), max_length=150, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.FACHARBEITSKREIS)
    description = models.TextField(_("Kurzbeschreibung"), blank=True)
    is_confidential = models.BooleanField(
        _("vertraulich"),
        default=False,
        help_text=_("Vertrauliche Bereiche sind nur für ihre Mitglieder sichtbar, auch in Listen."),
    )

    class Meta:
        verbose_name = _("Facharbeitskreis / Projekt")
        verbose_name_plural = _("Facharbeitskreise und Projekte")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name
