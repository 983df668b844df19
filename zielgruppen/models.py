"""One audience row per announcement, and the one rule who it reaches.

A room that announces something (an event, a Lagebild) holds a one-to-one `Audience` and asks

- `Audience.objects.reaching(user)` — the audiences that include `user` (a subquery for lists,
  search and feeds: `Event.objects.filter(audience__in=Audience.objects.reaching(user))`);
- `audience.includes(user)` — the same rule for one row (detail pages, downloads);
- `audience.members()` — the admitted people it reaches *now* (mails at send time).

Nobody but admitted accounts is ever reached; a closed area's audience is its members with a
view grant (`Arbeitskreis.objects.member_of`), so its name and content stay inside it.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from facharbeitskreise.access import arbeitskreis_member_ids
from facharbeitskreise.models import Arbeitskreis
from partner.models import Partner, PartnerType, User, is_admitted_account


class Scope(models.TextChoices):
    ALLE = "alle", _("Alle zugelassenen Mitglieder")
    BEHOERDENARTEN = "behoerdenarten", _("Ausgewählte Behördentypen")
    PARTNER = "partner", _("Ausgewählte Behörden & Institutionen")
    ARBEITSKREISE = "arbeitskreise", _("Mitglieder ausgewählter Facharbeitskreise / Projekte")


class AudienceQuerySet(models.QuerySet["Audience"]):
    def reaching(self, user, arbeitskreis_ids: list[int] | None = None) -> AudienceQuerySet:
        """The audiences `user` belongs to; none for anonymous or not (or no longer) admitted people.
        `arbeitskreis_ids`: the areas `user` is a member of, if the caller read them for this request
        already (`facharbeitskreise.recent.my_areas`); else the subquery `member_of(user)`."""
        if not is_admitted_account(user):
            return self.none()
        areas = Arbeitskreis.objects.member_of(user) if arbeitskreis_ids is None else arbeitskreis_ids
        reach = Q(scope=Scope.ALLE) | Q(scope=Scope.ARBEITSKREISE, arbeitskreise__in=areas)
        if user.partner_id is not None:
            reach |= Q(scope=Scope.PARTNER, partners=user.partner_id)
            reach |= Q(
                scope=Scope.BEHOERDENARTEN,
                types__type=Partner.objects.filter(pk=user.partner_id).values("type")[:1],
            )
        return self.filter(pk__in=self.model.objects.filter(reach).values("pk"))


class Audience(models.Model):
    """Whom one announcement addresses (see the module docstring for the rule)."""

    scope = models.CharField(_("Zielgruppe"), max_length=20, choices=Scope.choices, default=Scope.ALLE)
    partners = models.ManyToManyField(Partner, blank=True, related_name="+", verbose_name=_("Behörden & Institutionen"))
    arbeitskreise = models.ManyToManyField(
        Arbeitskreis, blank=True, related_name="+", verbose_name=_("Facharbeitskreise / Projekte")
    )

    objects = AudienceQuerySet.as_manager()

    class Meta:
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")

    def __str__(self) -> str:
        return str(self.get_scope_display())

    def type_values(self) -> list[str]:
        return sorted(self.types.values_list("type", flat=True))

    def includes(self, user) -> bool:
        """Whether `user` belongs to this audience now (the rule of `reaching`, for one row)."""
        return Audience.objects.reaching(user).filter(pk=self.pk).exists()

    def members(self):
        """The admitted accounts this audience reaches now, for mails at send time."""
        people = User.objects.admitted()
        if self.scope == Scope.ALLE:
            return people
        if self.scope == Scope.BEHOERDENARTEN:
            return people.filter(partner__type__in=self.types.values("type"))
        if self.scope == Scope.PARTNER:
            return people.filter(partner__in=self.partners.values("pk"))
        return people.filter(pk__in=arbeitskreis_member_ids(list(self.arbeitskreise.values_list("pk", flat=True))))

    def describe(self, viewer=None) -> str:
        """A German label of the audience, e.g. "Zoll, Bundespolizei" or "Mitglieder des AK Shisha".
        Area names appear only when `viewer` may see those areas (or no viewer is given: office)."""
        if self.scope == Scope.ALLE:
            return str(_("Alle zugelassenen Mitglieder"))
        if self.scope == Scope.BEHOERDENARTEN:
            labels = dict(PartnerType.choices)
            return ", ".join(str(labels.get(value, value)) for value in self.type_values())
        if self.scope == Scope.PARTNER:
            return ", ".join(p.short_name or p.name for p in self.partners.all())
        arbeitskreise = (
            self.arbeitskreise.all()
            if viewer is None
            else self.arbeitskreise.filter(pk__in=Arbeitskreis.objects.member_of(viewer))
        )
        names = ", ".join(arbeitskreis.name for arbeitskreis in arbeitskreise)
        return str(_("Mitglieder von %(names)s")) % {"names": names} if names else str(_("Geschlossener Kreis"))


class AudienceType(models.Model):
    """One authority type an audience of scope BEHOERDENARTEN addresses."""

    audience = models.ForeignKey(Audience, on_delete=models.CASCADE, related_name="types")
    type = models.CharField(_("Behördentyp"), max_length=30, choices=PartnerType.choices)

    class Meta:
        verbose_name = _("Behördentyp der Zielgruppe")
        verbose_name_plural = _("Behördentypen der Zielgruppe")
        constraints = [models.UniqueConstraint("audience", "type", name="zielgruppen_audiencetype_unique")]

    def __str__(self) -> str:
        return self.get_type_display()
