from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from common.choices import ChoicesDisplayMixin
from common.row_urls import row_url

# The object permissions of an area, each role's on top of the one before (see `Role`).
VIEW = "view_arbeitsbereich"
CONTRIBUTE = "contribute_arbeitsbereich"
LEAD = "lead_arbeitsbereich"
_LADDER = (VIEW, CONTRIBUTE, LEAD)


class Role(models.TextChoices):
    """A name for the set of area permissions a person holds; each role covers the ones below it."""

    MITGLIED = "mitglied", _("Mitglied")
    MITWIRKEND = "mitwirkend", _("Mitwirkend")
    LEITUNG = "leitung", _("Leitung")

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    @property
    def codenames(self) -> tuple[str, ...]:
        return _LADDER[: self.rank + 1]

    def covers(self, need: Role | str) -> bool:
        """True if this role includes everything `need` may do."""
        return self.rank >= Role(need).rank


class ArbeitsbereichQuerySet(models.QuerySet["Arbeitsbereich"]):
    """Visibility of areas; the grant query itself lives once in `facharbeitskreise.access`."""

    def member_of(self, user) -> ArbeitsbereichQuerySet:
        """Areas the user may enter (a view grant, directly or through a group)."""
        from ..access import granted_area_ids

        return self.filter(pk__in=granted_area_ids(user))

    def listed_for(self, user) -> ArbeitsbereichQuerySet:
        """Areas the user may know of: their own plus every open, active area."""
        from ..access import granted_area_ids

        return self.filter(models.Q(pk__in=granted_area_ids(user)) | models.Q(is_confidential=False, is_archived=False))

    def active(self) -> ArbeitsbereichQuerySet:
        return self.filter(is_archived=False)


class Arbeitsbereich(ChoicesDisplayMixin, models.Model):
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
    is_archived = models.BooleanField(
        _("archiviert"),
        default=False,
        help_text=_("Archivierte Bereiche bleiben für ihre Mitglieder lesbar, nehmen aber keine Beiträge mehr an."),
    )
    archived_at = models.DateTimeField(_("archiviert am"), null=True, blank=True)

    objects = ArbeitsbereichQuerySet.as_manager()

    class Meta:
        verbose_name = _("Facharbeitskreis / Projekt")
        verbose_name_plural = _("Facharbeitskreise und Projekte")
        ordering = ["kind", "name"]
        # view_arbeitsbereich (Django's default) ⊂ contribute ⊂ lead, granted per object (guardian);
        # manage_arbeitsbereiche is the Geschäftsstelle's global permission.
        permissions = [
            ("contribute_arbeitsbereich", _("Im Bereich mitwirken")),
            ("lead_arbeitsbereich", _("Bereich leiten")),
            ("manage_arbeitsbereiche", _("Facharbeitskreise und Projekte verwalten")),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return row_url("facharbeitskreise:area_detail", slug=self.slug)

    @property
    def audit_area(self) -> str:
        """How the portal's audit log (`partner.AuditEvent.area`) names this area."""
        return f"facharbeitskreise:{self.slug}"


class ArbeitsbereichUserObjectPermission(UserObjectPermissionBase):
    """A user's grant on one area (guardian finds this table through its `content_object` FK)."""

    content_object = models.ForeignKey(Arbeitsbereich, on_delete=models.CASCADE, related_name="user_grants")

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("Berechtigung einer Person")
        verbose_name_plural = _("Berechtigungen von Personen")


class ArbeitsbereichGroupObjectPermission(GroupObjectPermissionBase):
    """A group's grant on one area: every admitted member of the group has it."""

    content_object = models.ForeignKey(Arbeitsbereich, on_delete=models.CASCADE, related_name="group_grants")

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("Berechtigung einer Gruppe")
        verbose_name_plural = _("Berechtigungen von Gruppen")
