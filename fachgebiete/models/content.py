"""The three sections of a Fachgebiet and their shared review workflow.

Every item is a contribution: a member submits it, the Fachgebiet's Redaktion (or the
Geschäftsstelle) publishes, returns or rejects it; the transitions live in `services.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from common.choices import ChoicesDisplayMixin
from common.markdown import render_markdown
from dokumente.models import DocumentVersionBase, StoredFile, delete_owned_file

from .base import Fachgebiet, redaktion_ids, sees_everything
from .review import ReviewDates, ReviewQuerySetMixin


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("eingereicht")
    PUBLISHED = "published", _("veröffentlicht")
    RETURNED = "returned", _("zurückgegeben")
    REJECTED = "rejected", _("abgelehnt")
    WITHDRAWN = "withdrawn", _("zurückgezogen")


class ContributionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user, *, editor_somewhere: bool = True):
        """Published items for every admitted member, own submissions for their author,
        everything of a Fachgebiet for its Redaktion. `editor_somewhere=False`: the caller knows
        (fachgebiete.access.editor_somewhere) that the user is in no Redaktion and not the
        Geschäftsstelle, so the grants are not asked – at worst that hides, never shows."""
        if not editor_somewhere:
            return self.filter(Q(status=Status.PUBLISHED) | Q(author=user))
        if sees_everything(user):
            return self.all()
        return self.filter(Q(status=Status.PUBLISHED) | Q(author=user) | Q(fachgebiet_id__in=redaktion_ids(user)))

    def awaiting_review(self):
        return self.filter(status=Status.SUBMITTED)

    def reviewable_by(self, user):
        if sees_everything(user):
            return self.all()
        return self.filter(fachgebiet_id__in=redaktion_ids(user))


class DocumentQuerySet(ReviewQuerySetMixin, ContributionQuerySet):
    def current(self):
        return self.filter(is_superseded=False)


def _fachgebiet_fk(related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        Fachgebiet, on_delete=models.PROTECT, related_name=related_name, verbose_name=_("Fachgebiet")
    )


class Contribution(ChoicesDisplayMixin, models.Model):
    """Abstract base: the review state every item shares. Subclasses add `fachgebiet`."""

    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("eingereicht von"),
    )
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now)
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)
    submitted_at = models.DateTimeField(_("eingereicht am"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("geprüft von"),
    )
    reviewed_at = models.DateTimeField(_("geprüft am"), null=True, blank=True)
    review_comment = models.TextField(_("Kommentar der Redaktion"), blank=True)
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)

    objects = ContributionQuerySet.as_manager()

    # section: the URL segment; prefix: the URL-name prefix of its pages.
    section = ""
    section_label = ""
    prefix = ""
    # The columns `title` is made of (for lists that load only what they show).
    title_fields: tuple[str, ...] = ("title",)

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        return self.fachgebiet.url(f"{self.prefix}_detail", pk=self.pk)

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def is_returned(self) -> bool:
        return self.status == Status.RETURNED

    def is_revisable_by(self, user) -> bool:
        """The author may revise a returned item and send it in again (the Redaktion may always edit)."""
        return self.is_returned and self.author_id is not None and self.author_id == user.pk

    def get_edit_url(self) -> str:
        return self.fachgebiet.url(f"{self.prefix}_edit", pk=self.pk)

    def get_review_url(self) -> str:
        return self.fachgebiet.url("review", section=self.section, pk=self.pk)


class Article(Contribution):
    """Informationen: process descriptions, good-practice models, experience reports …"""

    class Kind(models.TextChoices):
        PROZESSABLAUF = "prozessablauf", _("Prozessablauf")
        GOOD_PRACTICE = "good_practice", _("Good-Practice-Modell")
        ERFAHRUNGSBERICHT = "erfahrungsbericht", _("Erfahrungsbericht")
        PROJEKT = "projekt", _("Projektinformation")
        LAGEBILD = "lagebild", _("Lagebild")
        HANDREICHUNG = "handreichung", _("Handreichung")

    fachgebiet = _fachgebiet_fk("articles")
    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("Titel"), max_length=200)
    summary = models.TextField(_("Kurzfassung"), max_length=600, help_text=_("Zwei, drei Sätze für die Übersicht."))
    body = models.TextField(_("Text"))
    partner = models.ForeignKey(
        "partner.Partner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Behörde"),
        help_text=_("Die Behörde oder Institution, von der der Beitrag stammt."),
    )
    stand = models.DateField(_("Stand"), default=timezone.localdate)

    section = "informationen"
    section_label = "Informationen"
    prefix = "article"

    class Meta:
        verbose_name = _("Information")
        verbose_name_plural = _("Informationen")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["fachgebiet", "status", "-published_at"], name="fg_article_list"),
            # The list's filter choices (years of "Stand", authorities) read from the index alone.
            models.Index(fields=["fachgebiet", "status", "stand", "partner"], name="fg_article_facets"),
            # Covers visible_to() for the search: its rule is read from the index alone.
            models.Index(fields=["id", "status", "author", "fachgebiet"], name="fg_article_visible"),
        ]

    def __str__(self) -> str:
        return self.title

    @cached_property
    def body_html(self):
        return render_markdown(self.body)

    def get_attachment_add_url(self) -> str:
        return self.fachgebiet.url("attachment_add", pk=self.pk)


class ArticleAttachment(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="attachments")
    file = models.OneToOneField(StoredFile, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Anhang")
        verbose_name_plural = _("Anhänge")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.file.original_name

    def get_download_url(self) -> str:
        return self.article.fachgebiet.url("attachment_download", pk=self.article_id, attachment_pk=self.pk)

    def get_delete_url(self) -> str:
        return self.article.fachgebiet.url("attachment_delete", pk=self.article_id, attachment_pk=self.pk)


class Document(ReviewDates, Contribution):
    """Muster & Arbeitshilfen: forms, templates, checklists, guides — with versions."""

    class Kind(models.TextChoices):
        FORMULAR = "formular", _("Formular")
        VORLAGE = "vorlage", _("Vorlage")
        CHECKLISTE = "checkliste", _("Checkliste")
        LEITFADEN = "leitfaden", _("Leitfaden")
        ARBEITSHILFE = "arbeitshilfe", _("Arbeitshilfe")

    fachgebiet = _fachgebiet_fk("documents")
    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(
        _("Beschreibung"), help_text=_("Wofür ist das Dokument gedacht, wie wird es genutzt?")
    )
    partner = models.ForeignKey(
        "partner.Partner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Zuständige Behörde"),
    )
    valid_from = models.DateField(_("gültig ab"), default=timezone.localdate)
    valid_until = models.DateField(
        _("gültig bis"), null=True, blank=True, help_text=_("Optional: bis wann das Dokument gilt.")
    )
    is_superseded = models.BooleanField(_("überholt"), default=False)
    superseded_reason = models.CharField(_("Grund"), max_length=300, blank=True)
    superseded_at = models.DateTimeField(_("als überholt markiert am"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("als überholt markiert von"),
    )
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        verbose_name=_("Nachfolger"),
    )

    objects = DocumentQuerySet.as_manager()

    section = "muster"
    section_label = "Muster & Arbeitshilfen"
    prefix = "document"

    class Meta:
        verbose_name = _("Muster / Arbeitshilfe")
        verbose_name_plural = _("Muster & Arbeitshilfen")
        ordering = ["title", "pk"]
        indexes = [
            models.Index(fields=["fachgebiet", "status", "-published_at"], name="fg_document_list"),
            # The list in its order (title): the first page without sorting the whole Fachgebiet.
            models.Index(fields=["fachgebiet", "status", "title", "id"], name="fg_document_by_title"),
            # The list's filter choices (years of "gültig ab", authorities) read from the index alone.
            models.Index(fields=["fachgebiet", "status", "valid_from", "partner"], name="fg_document_facets"),
            # Covers visible_to() for the search: its rule is read from the index alone.
            models.Index(fields=["id", "status", "author", "fachgebiet"], name="fg_document_visible"),
        ]

    def __str__(self) -> str:
        return self.title

    @cached_property
    def current_version(self):
        """The highest number; uses prefetched `versions` when a list view brought them."""
        versions = list(self.versions.all())
        return max(versions, key=lambda v: v.number) if versions else None

    @property
    def is_current(self) -> bool:
        return not self.is_superseded

    @property
    def is_expired(self) -> bool:
        """ "gültig bis" has passed (the document is not marked überholt for that alone)."""
        return self.valid_until is not None and self.valid_until < timezone.localdate()

    @property
    def current_successor(self):
        """The successor, if it is online (a withdrawn one is not pointed to)."""
        successor = self.successor if self.successor_id else None
        return successor if successor is not None and successor.is_published else None

    def get_download_url(self) -> str:
        return self.fachgebiet.url("document_download", pk=self.pk)

    def get_version_add_url(self) -> str:
        return self.fachgebiet.url("document_version_add", pk=self.pk)

    def get_supersede_url(self) -> str:
        return self.fachgebiet.url("document_supersede", pk=self.pk)


class DocumentVersion(DocumentVersionBase):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")

    class Meta(DocumentVersionBase.Meta):
        verbose_name = _("Version")
        verbose_name_plural = _("Versionen")
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="fg_document_version_unique")]

    def __str__(self) -> str:
        return f"{self.document} – Version {self.number}"

    def get_download_url(self) -> str:
        return self.document.fachgebiet.url("document_version_download", pk=self.document_id, number=self.number)


# An attachment owns its file: deleting it deletes the file.
models.signals.post_delete.connect(delete_owned_file, sender=ArticleAttachment, dispatch_uid="fg_attachment_file")
