from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Prefetch, Q
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from common.row_urls import row_url
from partner.models import User, admitted_q, is_admitted_account
from partner.recertification import add_months

from .regions import Region

# An entry nobody confirmed for this long is flagged on the page and its person reminded once.
CONFIRM_MONTHS = 12


def stale_before(now: datetime | None = None) -> datetime:
    """Entries confirmed before this moment are overdue for confirmation."""
    return add_months(now or timezone.now(), -CONFIRM_MONTHS)


def may_manage_all(user) -> bool:
    """The Geschäftsstelle maintains every authority's entries."""
    return is_admitted_account(user) and user.has_perm("zustaendigkeiten.manage_zustaendigkeiten")


def may_enter_for_others(user) -> bool:
    """Whether `user` may name someone else as responsible: the Geschäftsstelle, and an authority's
    contact persons for their own authority (`forms.people_for` says whom)."""
    return may_manage_all(user) or (is_admitted_account(user) and user.is_contact_person)


class ZustaendigkeitQuerySet(models.QuerySet["Zustaendigkeit"]):
    def listed(self) -> ZustaendigkeitQuerySet:
        """Entries the directory shows: the person is admitted (a deactivated or suspended account
        disappears), still works for the entry's authority, and the authority is in the cooperation."""
        return self.filter(admitted_q("person"), partner__is_active=True, person__partner=F("partner"))

    def visible_to(self, user) -> ZustaendigkeitQuerySet:
        """Personal data of staff: admitted members only, and only the listed entries."""
        if not is_admitted_account(user):
            return self.none()
        return self.listed()

    def maintained_by(self, user) -> ZustaendigkeitQuerySet:
        """The entries this person may change: her own, her authority's when she is its contact
        person, all for the Geschäftsstelle."""
        if not is_admitted_account(user):
            return self.none()
        if may_manage_all(user):
            return self
        rule = Q(person=user)
        if user.is_contact_person and user.partner_id is not None:
            rule |= Q(partner_id=user.partner_id)
        return self.filter(rule)

    def for_page(self) -> ZustaendigkeitQuerySet:
        """What a list shows, in a fixed number of queries: the row with its Fachgebiet, person and
        authority, and the admitted deputies in one more."""
        deputies = User.objects.admitted().order_by("last_name", "first_name")
        return self.select_related("fachgebiet", "person", "partner").prefetch_related(
            Prefetch("deputies", queryset=deputies, to_attr="listed_deputies")
        )

    def stale(self, now: datetime | None = None) -> ZustaendigkeitQuerySet:
        return self.filter(confirmed_at__lt=stale_before(now))


class Zustaendigkeit(models.Model):
    """One person responsible for a Fachgebiet in a city or Kreis, for her authority."""

    fachgebiet = models.ForeignKey(
        "fachgebiete.Fachgebiet",
        on_delete=models.CASCADE,
        related_name="zustaendigkeiten",
        verbose_name=_("Fachgebiet"),
        limit_choices_to={"kind": "fachgebiet"},
    )
    region = models.CharField(_("Stadt / Kreis"), max_length=30, choices=Region.choices)
    # The authority the person answers for (her own when the entry was made); the entry leaves the
    # directory when she moves to another one (ZustaendigkeitQuerySet.listed).
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, related_name="zustaendigkeiten", verbose_name=_("Behörde")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="zustaendigkeiten",
        verbose_name=_("Zuständige Person"),
    )
    deputies = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="vertretungen",
        verbose_name=_("Vertretung"),
        help_text=_("Kolleginnen und Kollegen derselben Behörde, die bei Abwesenheit vertreten."),
    )
    unit = models.CharField(
        _("Organisationseinheit"),
        max_length=200,
        blank=True,
        help_text=_("Leer lassen, um die Angabe aus dem Profil der Person zu übernehmen."),
    )
    phone = models.CharField(
        _("Telefon"),
        max_length=50,
        blank=True,
        help_text=_("Leer lassen, um die Angabe aus dem Profil der Person zu übernehmen."),
    )
    note = models.CharField(
        _("Hinweis"),
        max_length=300,
        blank=True,
        help_text=_("Optional, z. B. „nur Gaststättenrecht“ oder „Sprechzeiten Mo–Do“."),
    )
    confirmed_at = models.DateTimeField(_("zuletzt bestätigt am"), default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bestätigt von"),
    )
    # When the person was reminded to confirm; cleared by the next confirmation (one reminder each time).
    reminded_at = models.DateTimeField(_("an Bestätigung erinnert am"), null=True, blank=True)
    # When the contact persons of the authority were told the entry is overdue; cleared likewise.
    contacts_reminded_at = models.DateTimeField(_("Ansprechpersonen erinnert am"), null=True, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now)

    objects = ZustaendigkeitQuerySet.as_manager()

    class Meta:
        verbose_name = _("Zuständigkeit")
        verbose_name_plural = _("Zuständigkeiten")
        ordering = ["fachgebiet__position", "fachgebiet__name", "region", "partner__name", "person__last_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["fachgebiet", "region", "partner", "person"], name="zustaendigkeit_unique_person"
            )
        ]
        permissions = [("manage_zustaendigkeiten", _("Kann alle Zuständigkeiten pflegen"))]

    def __str__(self) -> str:
        return f"{self.fachgebiet} · {self.get_region_display()} · {self.partner}: {self.person}"

    def get_absolute_url(self) -> str:
        """The entry in the directory, filtered to its Fachgebiet, place and authority type."""
        query = urlencode({"fachgebiet": self.fachgebiet.slug, "region": self.region, "typ": self.partner.type})
        return f"{row_url('zustaendigkeiten:list')}?{query}#zustaendigkeit-{self.pk}"

    @property
    def shown_unit(self) -> str:
        return self.unit or self.person.unit

    @property
    def shown_phone(self) -> str:
        return self.phone or self.person.phone

    def is_stale(self, now: datetime | None = None) -> bool:
        return self.confirmed_at < stale_before(now)

    def can_be_changed_by(self, user) -> bool:
        """`ZustaendigkeitQuerySet.maintained_by` on one row, without a query for a list."""
        if not is_admitted_account(user):
            return False
        if self.person_id == user.pk or may_manage_all(user):
            return True
        return user.is_contact_person and user.partner_id is not None and user.partner_id == self.partner_id
