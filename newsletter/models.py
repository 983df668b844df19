"""Newsletter issues, their subscribers and one delivery row per recipient and issue.

Data kept about subscribers (Art. 5 DSGVO, data minimisation): the address, an
optional name for the salutation, the status and the timestamps that prove consent
(requested, confirmed) and its withdrawal (unsubscribed). No IP address, no tracking.
An external address that unsubscribes loses its name at once; the address and the
timestamps stay as proof of the opt-out (and so that no import asks it again) and are
deleted after SIKO_NEWSLETTER_OPTOUT_RETENTION_DAYS by `manage.py newsletter_cleanup`.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partner.models import admitted_q


class SubscriberQuerySet(models.QuerySet["Subscriber"]):
    def confirmed(self) -> SubscriberQuerySet:
        return self.filter(status=Subscriber.Status.CONFIRMED)

    def receiving(self) -> SubscriberQuerySet:
        """Who gets the next issue: confirmed, and members only while their account is admitted."""
        return self.confirmed().filter(Q(user__isnull=True) | admitted_q("user"))

    def for_email(self, email: str) -> SubscriberQuerySet:
        return self.filter(email__iexact=email.strip())


class Subscriber(models.Model):
    """A recipient of the newsletter: a portal member (linked account) or an external address."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wartet auf Bestätigung")
        CONFIRMED = "confirmed", _("angemeldet")
        UNSUBSCRIBED = "unsubscribed", _("abgemeldet")

    class Source(models.TextChoices):
        SELF = "self", _("Selbstanmeldung (Double-Opt-in)")
        MEMBER = "member", _("Mitglied im Portal")
        OFFICE = "office", _("von der Geschäftsstelle eingetragen (Double-Opt-in)")
        IMPORT = "import", _("Import der Geschäftsstelle (Double-Opt-in)")

    class UnsubscribedVia(models.TextChoices):
        LINK = "link", _("Abmeldelink")
        PORTAL = "portal", _("im Portal")
        DEACTIVATED = "deactivated", _("Konto deaktiviert")

    # Identifies the subscriber in signed links; never shown, never reused.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("E-Mail-Adresse"))
    name = models.CharField(_("Name"), max_length=200, blank=True, help_text=_("Für die persönliche Anrede."))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="newsletter_subscription",
        verbose_name=_("Konto im Portal"),
    )
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    source = models.CharField(_("Herkunft"), max_length=20, choices=Source.choices)
    requested_at = models.DateTimeField(_("Anmeldung angefordert am"), default=timezone.now)
    confirmation_sent_at = models.DateTimeField(_("Bestätigungs-E-Mail angefordert am"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("abgemeldet am"), null=True, blank=True)
    unsubscribed_via = models.CharField(
        _("abgemeldet über"), max_length=20, choices=UnsubscribedVia.choices, blank=True
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("Abonnement")
        verbose_name_plural = _("Abonnements")
        ordering = ["email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_email_ci_unique")]

    def __str__(self) -> str:
        return self.address

    @property
    def address(self) -> str:
        """Members get the newsletter at their current account address."""
        return self.user.email if self.user_id else self.email

    @property
    def display_name(self) -> str:
        return self.user.get_full_name() if self.user_id else self.name


class IssueQuerySet(models.QuerySet["Issue"]):
    def published(self) -> IssueQuerySet:
        """Issues whose dispatch has started: their content is final and belongs to the archive."""
        return self.exclude(status=Issue.Status.DRAFT)

    def with_delivery_counts(self) -> IssueQuerySet:
        return self.annotate(
            sent_count=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)),
            failed_count=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.FAILED)),
            pending_count=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.PENDING)),
        )


class Issue(models.Model):
    """One issue of the quarterly newsletter of the Geschäftsstelle."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        SENDING = "sending", _("wird versandt")
        SENT = "sent", _("versandt")

    number = models.PositiveIntegerField(
        _("Nummer"), unique=True, error_messages={"unique": _("Eine Ausgabe mit dieser Nummer gibt es bereits.")}
    )
    title = models.CharField(_("Titel"), max_length=200)
    issue_date = models.DateField(_("Datum der Ausgabe"), default=timezone.localdate)
    body = models.TextField(_("Text"))
    portal_links = models.TextField(_("Links ins Portal"), blank=True)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("angelegt von")
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    dispatch_started_at = models.DateTimeField(_("Versand gestartet am"), null=True, blank=True)
    # Kept as text so the record stays readable after the account is gone.
    dispatch_started_by = models.CharField(_("Versand gestartet von"), max_length=300, blank=True)
    dispatch_finished_at = models.DateTimeField(_("Versand abgeschlossen am"), null=True, blank=True)
    recipient_count = models.PositiveIntegerField(_("Empfängerinnen und Empfänger"), default=0)
    # Heartbeat of the background dispatch: a sending issue without one for long has stalled.
    last_activity_at = models.DateTimeField(_("letzte Versandaktivität"), null=True, blank=True)
    # Why the worker could not reach the mail server last time (it tries again by itself).
    dispatch_error = models.TextField(_("Versandproblem"), blank=True)

    objects = IssueQuerySet.as_manager()

    class Meta:
        verbose_name = _("Newsletter-Ausgabe")
        verbose_name_plural = _("Newsletter-Ausgaben")
        ordering = ["-issue_date", "-number"]
        permissions = [("manage_newsletter", _("Kann Newsletter verfassen, versenden und Abonnements verwalten"))]

    def __str__(self) -> str:
        return f"Nr. {self.number}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("newsletter:issue_detail", kwargs={"pk": self.pk})

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def is_stalled(self, now=None) -> bool:
        """Sending, but no sign of the worker for longer than a claim, a retry pause and a minute."""
        if self.status != self.Status.SENDING or self.last_activity_at is None:
            return False
        quiet = settings.SIKO_NEWSLETTER_CLAIM_SECONDS + settings.SIKO_NEWSLETTER_RETRY_SECONDS + 60
        return (now or timezone.now()) - self.last_activity_at > timezone.timedelta(seconds=quiet)

    def delivery_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(Delivery.Status.values, 0)
        rows = self.deliveries.order_by().values_list("status").annotate(n=Count("pk"))
        counts.update(dict(rows))
        counts["total"] = sum(counts[s] for s in Delivery.Status.values)
        counts["done"] = counts["total"] - counts[Delivery.Status.PENDING]
        return counts


class Delivery(models.Model):
    """One issue to one address: created when the dispatch starts, so every address gets it once."""

    class Status(models.TextChoices):
        PENDING = "pending", _("ausstehend")
        SENT = "sent", _("versandt")
        FAILED = "failed", _("fehlgeschlagen")
        SKIPPED = "skipped", _("entfallen (inzwischen abgemeldet)")

    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, related_name="deliveries", verbose_name=_("Ausgabe"))
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.SET_NULL, null=True, blank=True, related_name="deliveries"
    )
    # The address at dispatch time; NULL (not "") after SIKO_NEWSLETTER_DELIVERY_RETENTION_DAYS,
    # so that the per-address unique constraint ignores anonymised rows.
    email = models.EmailField(_("E-Mail-Adresse"), null=True, blank=True)  # noqa: DJ001
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    # A worker that claimed the row owns it until claimed_until (renewed while it works).
    claim_token = models.CharField(max_length=32, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    error = models.TextField(_("Fehler"), blank=True)
    sent_at = models.DateTimeField(_("versandt am"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Zustellung")
        verbose_name_plural = _("Zustellungen")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="newsletter_delivery_once_per_subscriber"),
            models.UniqueConstraint("issue", Lower("email"), name="newsletter_delivery_once_per_address"),
        ]
        indexes = [models.Index(fields=["issue", "status"], name="newsletter_delivery_status")]

    def __str__(self) -> str:
        return f"{self.issue} an {self.email or '(gelöscht)'}"
