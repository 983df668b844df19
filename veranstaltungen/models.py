"""Events, registrations and their material; who sees an event is its audience's rule (`zielgruppen`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dokumente.models import StoredFile
from zielgruppen.models import Audience, Scope

_USER = settings.AUTH_USER_MODEL
MANAGE_PERMISSION = "veranstaltungen.manage_events"


class EventQuerySet(models.QuerySet["Event"]):
    def visible_to(self, user, arbeitskreis_ids: list[int] | None = None) -> EventQuerySet:
        """Events whose audience includes `user` now: the one rule for lists, detail, search, the
        start page, the calendar feed and downloads (nobody else learns that an event exists).
        `arbeitskreis_ids`: see `Audience.objects.reaching`."""
        return self.filter(audience__in=Audience.objects.reaching(user, arbeitskreis_ids))

    def upcoming(self, now=None) -> EventQuerySet:
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None) -> EventQuerySet:
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def led_by(self, arbeitskreis_ids) -> EventQuerySet:
        """Events for closed areas only, all of them among `arbeitskreis_ids` (what an area's Leitung manages)."""
        return (
            self.filter(audience__scope=Scope.ARBEITSKREISE, audience__arbeitskreise__in=arbeitskreis_ids)
            .exclude(audience__arbeitskreise__in=models.Subquery(_arbeitskreise_outside(arbeitskreis_ids)))
            .distinct()
        )


def _arbeitskreise_outside(arbeitskreis_ids):
    from facharbeitskreise.models import Arbeitskreis

    return Arbeitskreis.objects.exclude(pk__in=arbeitskreis_ids).values("pk")


class Event(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("geplant")
        POSTPONED = "postponed", _("verschoben")
        CANCELLED = "cancelled", _("abgesagt")

    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    venue = models.CharField(_("Veranstaltungsort"), max_length=300, blank=True, help_text=_("Anschrift und Raum"))
    online_url = models.URLField(
        _("Link zur Online-Teilnahme"), blank=True, help_text=_("Nur für angemeldete Teilnehmende sichtbar.")
    )
    audience = models.OneToOneField(Audience, on_delete=models.PROTECT, related_name="event")
    capacity = models.PositiveIntegerField(
        _("Plätze"), null=True, blank=True, help_text=_("Leer lassen, wenn die Teilnehmerzahl nicht begrenzt ist.")
    )
    registration_deadline = models.DateTimeField(
        _("Anmeldeschluss"), null=True, blank=True, help_text=_("Leer lassen: Anmeldung bis zum Beginn.")
    )
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    status_note = models.CharField(_("Hinweis zum Status"), max_length=500, blank=True)
    # iCalendar SEQUENCE: raised with every change of time, place or status (common.ical).
    sequence = models.PositiveIntegerField(_("Änderungszähler (Kalender)"), default=0, editable=False)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        ordering = ["-starts_at", "-pk"]
        permissions = [("manage_events", _("Veranstaltungen verwalten (Geschäftsstelle)"))]
        indexes = [models.Index(fields=["ends_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="va_event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("veranstaltungen:detail", kwargs={"pk": self.pk})

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_multi_day(self) -> bool:
        return timezone.localdate(self.starts_at) != timezone.localdate(self.ends_at)

    @property
    def deadline(self):
        """When registration closes: the deadline, at the latest the start."""
        if self.registration_deadline is None:
            return self.starts_at
        return min(self.registration_deadline, self.starts_at)

    def registration_open(self, now=None) -> bool:
        return not self.is_cancelled and (now or timezone.now()) < self.deadline

    @property
    def place(self) -> str:
        return self.venue or ("Online" if self.online_url else "")


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("angemeldet")
        WAITING = "waiting", _("auf der Warteliste")
        CANCELLED = "cancelled", _("abgemeldet")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(_USER, on_delete=models.CASCADE, related_name="event_registrations")
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices)
    note = models.CharField(
        _("Hinweis"),
        max_length=500,
        blank=True,
        help_text=_("Optional, z. B. Ernährung oder Barrierefreiheit. Sieht nur die Organisation."),
    )
    # When the person (re-)registered: the waiting list's order.
    registered_at = models.DateTimeField(_("angemeldet am"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("abgemeldet am"), null=True, blank=True)
    attended = models.BooleanField(_("teilgenommen"), null=True, blank=True)
    # Added to the event's SEQUENCE in this person's calendar: raised when she cancels or returns.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        ordering = ["registered_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="va_registration_unique")]
        indexes = [models.Index(fields=["event", "status", "registered_at"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.event}"


class EventDocument(models.Model):
    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("Programm")
        SLIDES = "slides", _("Vortragsfolien")
        OTHER = "other", _("Sonstige Unterlage")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("Titel"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.PROGRAMME)
    file = models.OneToOneField(StoredFile, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("hochgeladen am"), default=timezone.now)

    class Meta:
        verbose_name = _("Unterlage")
        verbose_name_plural = _("Unterlagen")
        ordering = ["kind", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_download_url(self) -> str:
        return reverse("veranstaltungen:document", kwargs={"pk": self.event_id, "document_pk": self.pk})
