from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.managers import GroupObjectPermissionManager, UserObjectPermissionManager
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from common.row_urls import row_url
from common.rubrics import fachgebiet_rows
from common.versions import ContentVersioned, new_content_version  # noqa: F401 - migration 0007 names it here
from partner.models import admitted_q

# The open rubrics share the machinery of the Fachgebiete; their slugs are their addresses
# (/lagebilder/ …), so they are fixed in common.rubrics and created after every migrate (see apps.py).
RUBRIKEN = fachgebiet_rows()
RUBRIK_SLUGS = [rubric.slug for rubric in RUBRIKEN]


# The Redaktion of a Fachgebiet: this object permission, granted to a person or a group.
PERMISSION = "edit_fachgebiet"


class FachgebietQuerySet(models.QuerySet["Fachgebiet"]):
    def edited_by(self, user) -> FachgebietQuerySet:
        """The Fachgebiete whose Redaktion the user belongs to (grants only; the Geschäftsstelle as
        such is `fachgebiete.access`'s)."""
        return self.filter(pk__in=redaktion_ids(user))

    def fachgebiete(self) -> FachgebietQuerySet:
        return self.filter(kind=Fachgebiet.Kind.FACHGEBIET)

    def rubriken(self) -> FachgebietQuerySet:
        return self.filter(kind=Fachgebiet.Kind.RUBRIK)


class Fachgebiet(ContentVersioned):
    """A subject area (e.g. Shisha); its sections Informationen, Muster & Arbeitshilfen
    and Rechtstatsachen are built on top of it. Open rubrics (Lagebilder …) are entries
    of kind `rubrik` without the Rechtstatsachen section."""

    class Kind(models.TextChoices):
        FACHGEBIET = "fachgebiet", _("Fachgebiet")
        RUBRIK = "rubrik", _("Rubrik")

    name = models.CharField(_("Name"), max_length=100, unique=True)
    slug = models.SlugField(_("Kürzel in der Adresse"), max_length=100, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.FACHGEBIET)
    description = models.TextField(_("Kurzbeschreibung"), blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    # Who follows it (benachrichtigungen.Subscription); deleted with it.
    subscriptions = GenericRelation("benachrichtigungen.Subscription", related_query_name="fachgebiet")

    objects = FachgebietQuerySet.as_manager()

    class Meta:
        verbose_name = _("Fachgebiet")
        verbose_name_plural = _("Fachgebiete")
        ordering = ["position", "name"]
        permissions = [("edit_fachgebiet", _("Redaktion des Fachgebiets"))]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.url("overview")

    @property
    def audit_bereich(self) -> str:
        """How the portal's audit log (`partner.AuditEvent.fachgebiet`) names this Fachgebiet."""
        return f"fachgebiete:{self.slug}"

    @property
    def is_rubrik(self) -> bool:
        return self.kind == self.Kind.RUBRIK

    @property
    def has_rechtstatsachen(self) -> bool:
        return not self.is_rubrik

    def url(self, name: str, **kwargs) -> str:
        """The URL of one of this area's pages; rubrics live at their own top-level address."""
        prefix = "fachgebiete:rubrik_" if self.is_rubrik else "fachgebiete:"
        return row_url(prefix + name, slug=self.slug, **kwargs)


# --- The Redaktion grants (django-guardian's direct object permissions) ---------------------------
# Both tables answer the same questions; `_HOLDER` is the path from a row to the user(s) holding it.


class _RedaktionGrantQuerySet(models.QuerySet):
    _HOLDER = ""

    def redaktion(self) -> _RedaktionGrantQuerySet:
        return self.filter(permission__codename=PERMISSION)

    def held_by(self, user) -> _RedaktionGrantQuerySet:
        """Rows that give `user` something, directly or through one of her groups."""
        return self.filter(**{self._HOLDER: user})

    def holders(self, fachgebiet: Fachgebiet):
        """Subquery of the ids of the admitted users holding the Redaktion of the Fachgebiet."""
        granted = self.redaktion().filter(admitted_q(self._HOLDER), content_object=fachgebiet)
        return granted.values(f"{self._HOLDER}__id")


class RedaktionUserGrantQuerySet(_RedaktionGrantQuerySet):
    _HOLDER = "user"


class RedaktionGroupGrantQuerySet(_RedaktionGrantQuerySet):
    _HOLDER = "group__user"


def redaktion_ids(user):
    """Ids of the Fachgebiete whose Redaktion the user belongs to, directly or through a group, as a
    subquery (one flat UNION, cheap to build and to nest); [] for a user without any."""
    if not user.is_authenticated or not user.is_active:
        return []
    direct = FachgebietUserObjectPermission.objects.redaktion().held_by(user).values("content_object_id")
    via_group = FachgebietGroupObjectPermission.objects.redaktion().held_by(user).values("content_object_id")
    return direct.union(via_group)


def sees_everything(user) -> bool:
    """The Geschäftsstelle (and the operators) see and edit every Fachgebiet without a grant."""
    return user.is_authenticated and (user.is_superuser or user.is_geschaeftsstelle)


class FachgebietUserObjectPermission(UserObjectPermissionBase):
    objects = UserObjectPermissionManager.from_queryset(RedaktionUserGrantQuerySet)()

    content_object = models.ForeignKey(Fachgebiet, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("Redaktionsrecht (Person)")
        verbose_name_plural = _("Redaktionsrechte (Personen)")


class FachgebietGroupObjectPermission(GroupObjectPermissionBase):
    objects = GroupObjectPermissionManager.from_queryset(RedaktionGroupGrantQuerySet)()

    content_object = models.ForeignKey(Fachgebiet, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("Redaktionsrecht (Gruppe)")
        verbose_name_plural = _("Redaktionsrechte (Gruppen)")


class FachgebietVisit(models.Model):
    """When a user last opened a Fachgebiet: what was published after that is "neu"."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    fachgebiet = models.ForeignKey(Fachgebiet, on_delete=models.CASCADE, related_name="visits")
    seen_at = models.DateTimeField(_("zuletzt besucht"), default=timezone.now)

    class Meta:
        verbose_name = _("Besuch eines Fachgebiets")
        verbose_name_plural = _("Besuche von Fachgebieten")
        ordering = ["-seen_at"]
        constraints = [models.UniqueConstraint(fields=["user", "fachgebiet"], name="fachgebiet_visit_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.fachgebiet}"
