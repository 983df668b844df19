from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.managers import GroupObjectPermissionManager, UserObjectPermissionManager
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from common.choices import ChoicesDisplayMixin
from common.row_urls import row_url
from common.versions import ContentVersioned
from partner.models import admitted_q, is_admitted_account

# The object permissions of an area, each role's on top of the one before (see `Role`).
VIEW = "view_arbeitskreis"
CONTRIBUTE = "contribute_arbeitskreis"
LEAD = "lead_arbeitskreis"
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


class ArbeitskreisQuerySet(models.QuerySet["Arbeitskreis"]):
    """Visibility of areas, from the grant tables (`granted_arbeitskreis_ids`); roles are
    `facharbeitskreise.access`'s."""

    def member_of(self, user) -> ArbeitskreisQuerySet:
        """Areas the user may enter (a view grant, directly or through a group)."""
        return self.filter(pk__in=granted_arbeitskreis_ids(user))

    def listed_for(self, user) -> ArbeitskreisQuerySet:
        """Areas the user may know of: their own plus every open, active area."""
        return self.filter(
            models.Q(pk__in=granted_arbeitskreis_ids(user)) | models.Q(is_confidential=False, is_archived=False)
        )

    def active(self) -> ArbeitskreisQuerySet:
        return self.filter(is_archived=False)


class Arbeitskreis(ChoicesDisplayMixin, ContentVersioned):
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

    # Members' notification settings (benachrichtigungen.Subscription); deleted with the area.
    subscriptions = GenericRelation("benachrichtigungen.Subscription", related_query_name="arbeitskreis")

    objects = ArbeitskreisQuerySet.as_manager()

    class Meta:
        verbose_name = _("Facharbeitskreis / Projekt")
        verbose_name_plural = _("Facharbeitskreise und Projekte")
        ordering = ["kind", "name"]
        # view_arbeitskreis (Django's default) ⊂ contribute ⊂ lead, granted per object (guardian);
        # manage_arbeitskreise is the Geschäftsstelle's global permission.
        permissions = [
            ("contribute_arbeitskreis", _("Im Bereich mitwirken")),
            ("lead_arbeitskreis", _("Bereich leiten")),
            ("manage_arbeitskreise", _("Facharbeitskreise und Projekte verwalten")),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return row_url("facharbeitskreise:arbeitskreis_detail", slug=self.slug)

    @property
    def audit_bereich(self) -> str:
        """How the portal's audit log (`partner.AuditEvent.arbeitskreis`) names this area."""
        return f"facharbeitskreise:{self.slug}"


# --- The grant tables (django-guardian's direct object permissions) --------------------------------
# Both tables answer the same questions; `_HOLDER` is the path from a row to the user(s) holding it.


class _GrantQuerySet(models.QuerySet):
    _HOLDER = ""

    def held_by(self, user) -> _GrantQuerySet:
        """Rows that give `user` something, directly or through one of her groups."""
        return self.filter(**{self._HOLDER: user})

    def of_admitted(self) -> _GrantQuerySet:
        """Rows of admitted holders: a deactivated account has no area, whatever rows are left."""
        return self.filter(admitted_q(self._HOLDER))

    def on(self, arbeitskreis_ids) -> _GrantQuerySet:
        return self.filter(content_object_id__in=arbeitskreis_ids)

    def perm(self, codename: str | None) -> _GrantQuerySet:
        return self if codename is None else self.filter(permission__codename=codename)

    def arbeitskreis_codenames(self):
        """(area id, codename) rows."""
        return self.values_list("content_object_id", "permission__codename")

    def holder_codenames(self):
        """(area id, user id, codename) rows."""
        return self.values_list("content_object_id", f"{self._HOLDER}__id", "permission__codename")


class UserGrantQuerySet(_GrantQuerySet):
    _HOLDER = "user"


class GroupGrantQuerySet(_GrantQuerySet):
    _HOLDER = "group__user"


def granted_arbeitskreis_ids(user):
    """Subquery of the ids of the areas an admitted user may view (direct or group grant, one flat
    UNION); [] for anyone else. The one source of area visibility: querysets here, `access` above."""
    if not is_admitted_account(user):
        return []
    direct = ArbeitskreisUserObjectPermission.objects.held_by(user).perm(VIEW).values("content_object_id")
    via_group = ArbeitskreisGroupObjectPermission.objects.held_by(user).perm(VIEW).values("content_object_id")
    return direct.union(via_group)


class ArbeitskreisUserObjectPermission(UserObjectPermissionBase):
    """A user's grant on one area (guardian finds this table through its `content_object` FK)."""

    objects = UserObjectPermissionManager.from_queryset(UserGrantQuerySet)()

    content_object = models.ForeignKey(Arbeitskreis, on_delete=models.CASCADE, related_name="user_grants")

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("Berechtigung einer Person")
        verbose_name_plural = _("Berechtigungen von Personen")


class ArbeitskreisGroupObjectPermission(GroupObjectPermissionBase):
    """A group's grant on one area: every admitted member of the group has it."""

    objects = GroupObjectPermissionManager.from_queryset(GroupGrantQuerySet)()

    content_object = models.ForeignKey(Arbeitskreis, on_delete=models.CASCADE, related_name="group_grants")

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("Berechtigung einer Gruppe")
        verbose_name_plural = _("Berechtigungen von Gruppen")
