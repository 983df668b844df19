"""Rechtstatsachen: structured records of case law and legal facts, with their legal status and
follow-up decision (see `content.py` for the review workflow they share)."""

from __future__ import annotations

import re

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from common.markdown import render_markdown
from dokumente.models import StoredFile, delete_owned_file

from .content import Contribution, ContributionQuerySet, _fachgebiet_fk
from .review import ReviewDates, ReviewQuerySetMixin


class RechtstatsacheQuerySet(ReviewQuerySetMixin, ContributionQuerySet):
    def current(self):
        return self.exclude(legal_status__in=Rechtstatsache.OUTDATED)


class Rechtstatsache(ReviewDates, Contribution):
    """A structured record of case law or a legal fact."""

    class Kind(models.TextChoices):
        URTEIL = "urteil", _("Urteil")
        BESCHLUSS = "beschluss", _("Beschluss")
        RECHTSTATSACHE = "rechtstatsache", _("Rechtstatsache")

    class LegalStatus(models.TextChoices):
        RECHTSKRAEFTIG = "rechtskraeftig", _("rechtskräftig")
        NICHT_RECHTSKRAEFTIG = "nicht_rechtskraeftig", _("nicht rechtskräftig")
        AUFGEHOBEN = "aufgehoben", _("aufgehoben")
        UEBERHOLT = "ueberholt", _("überholt")

    # A decision in these states is no longer to be relied on: pages warn and point to the follow-up.
    OUTDATED = (LegalStatus.AUFGEHOBEN, LegalStatus.UEBERHOLT)

    fachgebiet = _fachgebiet_fk("rechtstatsachen")
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.URTEIL)
    court = models.CharField(
        _("Gericht / Stelle"), max_length=200, help_text=_("z. B. „OVG NRW“ oder „VG Gelsenkirchen“")
    )
    decision_date = models.DateField(_("Datum der Entscheidung"))
    aktenzeichen = models.CharField(_("Aktenzeichen"), max_length=100, blank=True)
    norms = models.CharField(
        _("Normen"),
        max_length=500,
        blank=True,
        help_text=_("Mit Semikolon getrennt, z. B. „§ 33i GewO; § 15 GewO“."),
    )
    headnote = models.TextField(_("Leitsatz"))
    summary = models.TextField(_("Zusammenfassung"), blank=True)
    legal_status = models.CharField(
        _("Rechtskraft"), max_length=30, choices=LegalStatus.choices, default=LegalStatus.RECHTSKRAEFTIG
    )
    follow_up = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="preceding",
        verbose_name=_("Folgeentscheidung"),
        help_text=_("z. B. die Berufungs- oder Revisionsentscheidung in derselben Sache."),
    )
    source_url = models.URLField(_("Quelle (Link)"), max_length=500, blank=True)
    file = models.OneToOneField(
        StoredFile, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("Datei")
    )

    objects = RechtstatsacheQuerySet.as_manager()

    section = "rechtstatsachen"
    section_label = "Rechtstatsachen"
    prefix = "rechtstatsache"
    title_fields = ("court", "aktenzeichen", "decision_date")

    class Meta:
        verbose_name = _("Rechtstatsache")
        verbose_name_plural = _("Rechtstatsachen")
        ordering = ["-decision_date", "-pk"]
        indexes = [
            models.Index(fields=["fachgebiet", "status", "-decision_date"], name="fg_recht_list"),
            # The list's court choices read from the index alone.
            models.Index(fields=["fachgebiet", "status", "court"], name="fg_recht_courts"),
            # The overview's newest and its counts (as for the other two sections).
            models.Index(fields=["fachgebiet", "status", "-published_at"], name="fg_recht_published"),
            # Covers visible_to() for the search: its rule is read from the index alone.
            models.Index(fields=["id", "status", "author", "fachgebiet"], name="fg_recht_visible"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return (
            f"{self.court}, {self.aktenzeichen}"
            if self.aktenzeichen
            else f"{self.court}, {self.decision_date:%d.%m.%Y}"
        )

    @property
    def is_current(self) -> bool:
        return self.legal_status not in self.OUTDATED

    @property
    def current_follow_up(self):
        """The follow-up decision, if it is online."""
        follow_up = self.follow_up if self.follow_up_id else None
        return follow_up if follow_up is not None and follow_up.is_published else None

    @property
    def norm_list(self) -> list[str]:
        return [norm.strip() for norm in re.split(r"[;,]", self.norms) if norm.strip()]

    @cached_property
    def summary_html(self):
        return render_markdown(self.summary)

    def get_download_url(self) -> str:
        return self.fachgebiet.url("rechtstatsache_download", pk=self.pk)


# A Rechtstatsache owns its file: deleting it deletes the file.
models.signals.post_delete.connect(delete_owned_file, sender=Rechtstatsache, dispatch_uid="fg_rechtstatsache_file")
