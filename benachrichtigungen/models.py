"""Subscriptions ("mail me what is new about this") and the outbox of notices.

A subscription points at what a person follows — a Fachgebiet, a closed area — through a
generic relation: this app knows neither model. The models carry a `GenericRelation` back to
it, so deleting a Fachgebiet or an area deletes its subscriptions.

A notice is one piece of news for one recipient. It is marked sent only after the mail
server accepted the mail that carried it (alone or in a digest), so a failed mail is sent
again by the next run and a successful one never twice.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_USER = settings.AUTH_USER_MODEL


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("sofort bei jeder Neuigkeit")
    DAILY = "daily", _("tägliche Zusammenfassung")
    WEEKLY = "weekly", _("wöchentliche Zusammenfassung")
    OFF = "off", _("keine Benachrichtigung")


# How long a digest period lasts.
PERIOD = {Frequency.DAILY: timedelta(days=1), Frequency.WEEKLY: timedelta(days=7)}
DIGEST_FREQUENCIES = tuple(PERIOD)


class SubscriptionQuerySet(models.QuerySet["Subscription"]):
    def of(self, topic: models.Model) -> SubscriptionQuerySet:
        return self.filter(content_type=ContentType.objects.get_for_model(topic), object_id=topic.pk)

    def of_model(self, model: type[models.Model]) -> SubscriptionQuerySet:
        return self.filter(content_type=ContentType.objects.get_for_model(model))


class Subscription(models.Model):
    """A person's choice how often they hear of news about one topic (a Fachgebiet, an area)."""

    user = models.ForeignKey(_USER, on_delete=models.CASCADE, related_name="subscriptions", verbose_name=_("Konto"))
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    topic = GenericForeignKey("content_type", "object_id")
    frequency = models.CharField(_("Benachrichtigung"), max_length=20, choices=Frequency.choices)
    created_at = models.DateTimeField(_("seit"), default=timezone.now)
    # The current digest period started here: when the subscription started (or a topic chose
    # otherwise, see `outbox.subscribe`) and again whenever a digest with its news went out.
    digest_from = models.DateTimeField(_("Zusammenfassung ab"), default=timezone.now)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Abonnement")
        verbose_name_plural = _("Abonnements")
        ordering = ["user", "content_type", "object_id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "content_type", "object_id"], name="benachrichtigungen_once")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="benachrichtigungen_topic")]

    def __str__(self) -> str:
        return f"{self.user_id} / {self.content_type_id}:{self.object_id}: {self.frequency}"

    @property
    def is_weekly(self) -> bool:
        return self.frequency == Frequency.WEEKLY


class NoticeQuerySet(models.QuerySet["Notice"]):
    def unsent(self) -> NoticeQuerySet:
        return self.filter(sent_at__isnull=True)

    def of_item(self, item: models.Model) -> NoticeQuerySet:
        return self.filter(item_type=ContentType.objects.get_for_model(item), item_id=item.pk)


class Notice(models.Model):
    """One piece of news for one recipient, until the mail carrying it has been accepted."""

    user = models.ForeignKey(_USER, on_delete=models.CASCADE, related_name="+")
    # What the news is about (the subscription's topic) …
    topic_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    topic_id = models.PositiveBigIntegerField()
    # … the item itself (to skip it if it is withdrawn or deleted before the mail goes out) …
    item_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    item_id = models.PositiveBigIntegerField()
    # … and what the mail shows, as it was when the news was recorded: never any content.
    kind = models.CharField(max_length=100)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=500)
    occurred_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)
    # A sender owns the notice until claimed_until; after that (a dead worker) anyone may retry it.
    claim_token = models.CharField(max_length=32, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("Benachrichtigung")
        verbose_name_plural = _("Benachrichtigungen")
        ordering = ["occurred_at", "pk"]
        constraints = [
            # An item unpublished and published again is not announced a second time.
            models.UniqueConstraint(fields=["user", "item_type", "item_id"], name="benachrichtigungen_notice_once")
        ]
        indexes = [
            models.Index(fields=["user", "sent_at"], name="benachrichtigungen_unsent"),
            models.Index(fields=["item_type", "item_id"], name="benachrichtigungen_item"),
        ]

    def __str__(self) -> str:
        return self.title


def forget_subscriptions(sender, *, user, **kwargs) -> None:
    """A deactivated account hears of nothing; reactivated, it starts afresh."""
    Subscription.objects.filter(user=user).delete()
    Notice.objects.filter(user=user).delete()
