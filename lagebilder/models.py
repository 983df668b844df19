from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.markdown import render_markdown
from dokumente.models import StoredFile
from zielgruppen.models import Audience

MANAGE_PERMISSION = "lagebilder.manage_lagebilder"


class Kind(models.TextChoices):
    LAGEBILD = "lagebild", _("Lagebild")
    HINWEIS = "hinweis", _("Hinweis")


class HandlingNote(models.TextChoices):
    """A marking in the style of the VS-Anweisung, shown on the page and put before the files' names."""

    VS_NFD = "vs_nfd", _("VS – Nur für den Dienstgebrauch")
    NFD = "nfd", _("Nur für den Dienstgebrauch")
    INTERN = "intern", _("Nur zur internen Verwendung – nicht weitergeben")


# What the downloaded files' names start with.
FILE_PREFIX = {HandlingNote.VS_NFD: "VS-NfD", HandlingNote.NFD: "NfD", HandlingNote.INTERN: "intern"}


class LagebildQuerySet(models.QuerySet["Lagebild"]):
    def visible_to(self, user) -> LagebildQuerySet:
        """What `user` may read: the office every one, everybody else those whose audience
        includes them (zielgruppen's one rule); nothing for anonymous or not admitted people."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_active and user.has_perm(MANAGE_PERMISSION):
            return self.all()
        return self.addressed_to(user)

    def current(self) -> LagebildQuerySet:
        """Not withdrawn: what recipients, the search and the mails know of."""
        return self.filter(withdrawn_at__isnull=True)

    def addressed_to(self, user, arbeitskreis_ids: list[int] | None = None) -> LagebildQuerySet:
        """Addressed to `user` and not withdrawn (a withdrawn one vanishes for its recipients).
        `arbeitskreis_ids`: see `Audience.objects.reaching`."""
        return self.current().filter(audience__in=Audience.objects.reaching(user, arbeitskreis_ids))

    def open_for(self, user, arbeitskreis_ids: list[int] | None = None) -> LagebildQuerySet:
        """Addressed to `user` and not yet acknowledged by them ("Meine Aufgaben")."""
        return self.addressed_to(user, arbeitskreis_ids).exclude(acknowledgements__user=user)

    def with_acknowledgement_of(self, user) -> LagebildQuerySet:
        """`acknowledged_at`: when `user` took note (None: not yet)."""
        return self.annotate(
            acknowledged_at=models.Subquery(
                Acknowledgement.objects.filter(lagebild=models.OuterRef("pk"), user=user).values("at")[:1]
            )
        )


class Lagebild(models.Model):
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.LAGEBILD)
    title = models.CharField(_("Titel"), max_length=200)
    summary = models.TextField(
        _("Text"), help_text=_("Kernaussagen und Handlungsempfehlungen; Markdown ist möglich (Listen, Hervorhebungen).")
    )
    handling_note = models.CharField(
        _("Einstufung / Handhabungshinweis"),
        max_length=20,
        choices=HandlingNote.choices,
        blank=True,
        help_text=_("Erscheint auf der Seite und vor dem Namen jeder heruntergeladenen Anlage."),
    )
    audience = models.OneToOneField(
        Audience, on_delete=models.PROTECT, related_name="lagebild", verbose_name=_("Zielgruppe")
    )
    published_at = models.DateTimeField(_("veröffentlicht am"), default=timezone.now, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Set once by the one reminder (an UPDATE … WHERE reminded_at IS NULL: a second click is refused).
    reminded_at = models.DateTimeField(_("erinnert am"), null=True, blank=True)
    reminded_count = models.PositiveIntegerField(_("erinnerte Personen"), default=0)
    # Withdrawn ("zurückgezogen"): gone for the recipients, kept with its figures for the office.
    withdrawn_at = models.DateTimeField(_("zurückgezogen am"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawal_reason = models.TextField(_("Grund der Rücknahme"), blank=True)

    objects = LagebildQuerySet.as_manager()

    class Meta:
        verbose_name = _("Lagebild / Hinweis")
        verbose_name_plural = _("Lagebilder und Hinweise")
        ordering = ["-published_at", "-pk"]
        permissions = [("manage_lagebilder", "Lagebilder und Hinweise veröffentlichen und nachverfolgen")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("lagebilder:detail", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        """Online for its audience (the outbox drops the news of anything else)."""
        return self.withdrawn_at is None and self.published_at <= timezone.now()

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def is_addressed_to(self, user) -> bool:
        """The rule of `LagebildQuerySet.addressed_to` for this one entry (one query)."""
        return Lagebild.objects.addressed_to(user).filter(pk=self.pk).exists()

    @property
    def summary_html(self):
        return render_markdown(self.summary)

    @property
    def file_prefix(self) -> str:
        return FILE_PREFIX.get(self.handling_note, "")


class Acknowledgement(models.Model):
    """One recipient's "zur Kenntnis genommen"."""

    lagebild = models.ForeignKey(Lagebild, on_delete=models.CASCADE, related_name="acknowledgements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(_("zur Kenntnis genommen am"), default=timezone.now)

    class Meta:
        verbose_name = _("Kenntnisnahme")
        verbose_name_plural = _("Kenntnisnahmen")
        ordering = ["lagebild", "at"]
        constraints = [models.UniqueConstraint("lagebild", "user", name="lagebilder_acknowledged_once")]

    def __str__(self) -> str:
        return f"{self.lagebild_id} / {self.user_id}"


class Attachment(models.Model):
    lagebild = models.ForeignKey(Lagebild, on_delete=models.CASCADE, related_name="attachments")
    file = models.OneToOneField(StoredFile, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Anlage")
        verbose_name_plural = _("Anlagen")
        ordering = ["lagebild", "created_at", "pk"]

    def __str__(self) -> str:
        return self.file.original_name

    def get_absolute_url(self) -> str:
        return reverse("lagebilder:attachment_download", kwargs={"pk": self.lagebild_id, "attachment_pk": self.pk})
