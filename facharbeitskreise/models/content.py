"""The work inside an area: documents, meetings, discussion threads, news and the calendar token."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dokumente.models import DocumentVersionBase, StoredFile, delete_owned_file

from .base import Arbeitskreis, granted_arbeitskreis_ids

_USER = settings.AUTH_USER_MODEL


# --- Visibility ---------------------------------------------------------------------------


class ArbeitskreisContentQuerySet(models.QuerySet):
    """What lives inside an area (documents, meetings, threads) is readable exactly where the area is."""

    def visible_to(self, user):
        """Rows of the areas the user may enter: the grants `access.arbeitskreis_for` checks (a view grant,
        directly or through a group, of an admitted account). Archived areas stay readable to their
        members; the Geschäftsstelle without a grant of its own reads nothing, a deactivated account nothing."""
        return self.filter(
            arbeitskreis_id__in=granted_arbeitskreis_ids(user)
        )  # = arbeitskreis__in=Arbeitskreis…member_of(user)


# --- Documents ------------------------------------------------------------------------


class ArbeitskreisDocument(models.Model):
    arbeitskreis = models.ForeignKey(Arbeitskreis, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    is_result = models.BooleanField(
        _("Ergebnis des Bereichs"),
        default=False,
        help_text=_("Ergebnisse (z. B. Handreichungen, Abschlussberichte) erscheinen zusätzlich unter „Ergebnisse“."),
    )
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now)
    updated_at = models.DateTimeField(_("zuletzt geändert"), default=timezone.now)

    objects = ArbeitskreisContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Dokument eines Bereichs")
        verbose_name_plural = _("Dokumente der Bereiche")
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["arbeitskreis", "-updated_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("facharbeitskreise:document_detail", kwargs={"slug": self.arbeitskreis.slug, "pk": self.pk})


class ArbeitskreisDocumentVersion(DocumentVersionBase):
    document = models.ForeignKey(ArbeitskreisDocument, on_delete=models.CASCADE, related_name="versions")

    class Meta(DocumentVersionBase.Meta):
        verbose_name = _("Dokumentversion")
        verbose_name_plural = _("Dokumentversionen")
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="fak_document_version_unique")]

    def __str__(self) -> str:
        return f"{self.document} (Version {self.number})"

    def get_download_url(self) -> str:
        return reverse(
            "facharbeitskreise:document_download",
            kwargs={"slug": self.document.arbeitskreis.slug, "pk": self.document_id, "number": self.number},
        )


# --- Meetings ---------------------------------------------------------------------------


class MeetingQuerySet(ArbeitskreisContentQuerySet):
    def upcoming(self, now=None) -> MeetingQuerySet:
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None) -> MeetingQuerySet:
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")


class Meeting(models.Model):
    arbeitskreis = models.ForeignKey(Arbeitskreis, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("Titel"), max_length=200)
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    location = models.CharField(_("Ort"), max_length=300, blank=True, help_text=_("z. B. Anschrift und Raum"))
    video_url = models.URLField(
        _("Link zur Videokonferenz"), blank=True, help_text=_("Nur für Mitglieder des Bereichs sichtbar.")
    )
    agenda = models.TextField(_("Tagesordnung"), blank=True)
    minutes = models.ForeignKey(
        ArbeitskreisDocument,
        verbose_name=_("Protokoll"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Ein Dokument dieses Bereichs, das das Protokoll enthält."),
    )
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now)
    # iCalendar SEQUENCE: raised whenever time, place or title change, so calendars replace their copy.
    sequence = models.PositiveIntegerField(_("Änderungszähler (Kalender)"), default=0, editable=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("Sitzung")
        verbose_name_plural = _("Sitzungen")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["arbeitskreis", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="fak_meeting_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("facharbeitskreise:meeting_detail", kwargs={"slug": self.arbeitskreis.slug, "pk": self.pk})

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()


class CancelledMeeting(models.Model):
    """What is left of a cancelled or deleted meeting: enough for the calendar feeds to send it once
    more as STATUS:CANCELLED with a higher SEQUENCE (same UID), so that copies in the members'
    calendars disappear instead of staying forever. Readable exactly where the area is."""

    arbeitskreis = models.ForeignKey(Arbeitskreis, on_delete=models.CASCADE, related_name="cancelled_meetings")
    meeting_pk = models.PositiveIntegerField(_("Nummer der Sitzung"), unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    location = models.CharField(_("Ort"), max_length=300, blank=True)
    online = models.BooleanField(_("Videokonferenz"), default=False)
    sequence = models.PositiveIntegerField(_("Änderungszähler (Kalender)"))
    cancelled_at = models.DateTimeField(_("abgesagt am"), default=timezone.now)

    class Meta:
        verbose_name = _("Abgesagte Sitzung")
        verbose_name_plural = _("Abgesagte Sitzungen")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["arbeitskreis", "ends_at"])]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("anwesend")
        EXCUSED = "excused", _("entschuldigt")
        ABSENT = "absent", _("nicht anwesend")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(_USER, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("Teilnahme"), max_length=20, choices=Status.choices)

    class Meta:
        verbose_name = _("Teilnahme")
        verbose_name_plural = _("Teilnahmen")
        ordering = ["user__last_name", "user__first_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="fak_attendance_unique")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.get_status_display()}"


class CalendarToken(models.Model):
    """The secret of a user's personal calendar feed; only its SHA-256 is stored."""

    user = models.OneToOneField(_USER, on_delete=models.CASCADE, related_name="arbeitskreis_calendar_token")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("erstellt am"), default=timezone.now)

    class Meta:
        verbose_name = _("Kalender-Zugangsschlüssel")
        verbose_name_plural = _("Kalender-Zugangsschlüssel")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Kalender von {self.user_id}"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


# --- Discussion -------------------------------------------------------------------------


class Thread(models.Model):
    arbeitskreis = models.ForeignKey(Arbeitskreis, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("Thema"), max_length=200)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("begonnen am"), default=timezone.now)
    last_post_at = models.DateTimeField(_("letzter Beitrag"), default=timezone.now)
    post_count = models.PositiveIntegerField(_("Beiträge"), default=0)

    objects = ArbeitskreisContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Diskussion")
        verbose_name_plural = _("Diskussionen")
        ordering = ["-last_post_at", "-pk"]
        indexes = [models.Index(fields=["arbeitskreis", "-last_post_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("facharbeitskreise:thread_detail", kwargs={"slug": self.arbeitskreis.slug, "pk": self.pk})


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    body = models.TextField(_("Beitrag"))
    created_at = models.DateTimeField(_("geschrieben am"), default=timezone.now)
    edited_at = models.DateTimeField(_("bearbeitet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Beitrag")
        verbose_name_plural = _("Beiträge")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Beitrag {self.pk} in {self.thread_id}"

    def get_absolute_url(self) -> str:
        return f"{self.thread.get_absolute_url()}#beitrag-{self.pk}"


class PostAttachment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    file = models.OneToOneField(StoredFile, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Anhang")
        verbose_name_plural = _("Anhänge")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.file.original_name

    def get_download_url(self) -> str:
        return reverse(
            "facharbeitskreise:attachment_download",
            kwargs={"slug": self.post.thread.arbeitskreis.slug, "pk": self.pk},
        )


# An attachment owns its file: deleting it (or its post, by cascade) deletes the file.
post_delete.connect(delete_owned_file, sender=PostAttachment, dispatch_uid="fak_attachment_file")


# --- News -------------------------------------------------------------------------------


class ArbeitskreisEvent(models.Model):
    """Something new in an area that members hear of: its kind, title and link, never its content.

    The area's news feed; the mails about it go through the outbox (`notifications.event_record`)."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Neues Dokument")
        VERSION = "version", _("Neue Dokumentversion")
        MEETING = "meeting", _("Neue Sitzung")
        MEETING_CANCELLED = "meeting_cancelled", _("Sitzung abgesagt")
        THREAD = "thread", _("Neue Diskussion")
        POST = "post", _("Neuer Beitrag")

    arbeitskreis = models.ForeignKey(Arbeitskreis, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=300)
    path = models.CharField(max_length=300)
    actor = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("Neuigkeit")
        verbose_name_plural = _("Neuigkeiten")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"
