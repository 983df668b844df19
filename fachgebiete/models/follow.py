"""Following a Fachgebiet: an e-mail for each newly published item, at once or as a weekly digest.

Every published item becomes one FollowNotice per follower; a notice is marked sent only
after the mail server accepted the mail that carried it, so a failed mail is sent again by
the next run (`manage.py send_fachgebiet_digests`) and a successful one never twice.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partner.models import admitted_q
from partner.signals import account_deactivated

from .base import Fachgebiet


class FollowQuerySet(models.QuerySet["Follow"]):
    def of_admitted(self) -> FollowQuerySet:
        return self.filter(admitted_q("user"))


class Follow(models.Model):
    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("sofort bei jeder Veröffentlichung")
        WEEKLY = "weekly", _("wöchentliche Zusammenfassung")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fachgebiet_follows", verbose_name=_("Konto")
    )
    fachgebiet = models.ForeignKey(
        Fachgebiet, on_delete=models.CASCADE, related_name="follows", verbose_name=_("Fachgebiet")
    )
    frequency = models.CharField(_("Benachrichtigung"), max_length=20, choices=Frequency.choices)
    created_at = models.DateTimeField(_("folgt seit"), default=timezone.now)
    last_digest_at = models.DateTimeField(_("letzte Zusammenfassung"), null=True, blank=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("Abonnement eines Fachgebiets")
        verbose_name_plural = _("Abonnements von Fachgebieten")
        ordering = ["fachgebiet__position", "fachgebiet__name"]
        constraints = [models.UniqueConstraint(fields=["user", "fachgebiet"], name="fachgebiete_follow_once")]

    def __str__(self) -> str:
        return f"{self.user} folgt {self.fachgebiet}"

    @property
    def is_weekly(self) -> bool:
        return self.frequency == self.Frequency.WEEKLY


class FollowNotice(models.Model):
    """One published item for one follower, until the mail carrying it has been accepted."""

    follow = models.ForeignKey(Follow, on_delete=models.CASCADE, related_name="notices")
    # The item itself (to skip it if it is withdrawn before the mail goes out) …
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    # … and what the mail shows, as it was at publication.
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=500)
    section_label = models.CharField(max_length=100)
    published_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)
    # A sender owns the notice until claimed_until; after that (a dead worker) anyone may retry it.
    claim_token = models.CharField(max_length=32, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Benachrichtigung")
        verbose_name_plural = _("Benachrichtigungen")
        ordering = ["published_at", "pk"]
        constraints = [
            # An item unpublished and published again is not announced a second time.
            models.UniqueConstraint(fields=["follow", "content_type", "object_id"], name="fachgebiete_notice_once")
        ]
        indexes = [models.Index(fields=["follow", "sent_at"], name="fachgebiete_notice_unsent")]

    def __str__(self) -> str:
        return self.title


def _forget_follows(sender, *, user, **kwargs) -> None:
    """A deactivated account follows nothing; reactivated, it starts afresh."""
    Follow.objects.filter(user=user).delete()


account_deactivated.connect(_forget_follows, dispatch_uid="fachgebiete_forget_follows")
