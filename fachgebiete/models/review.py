"""The Wiedervorlage of Muster and Rechtstatsachen: a date on which the Redaktion checks that an
item is still right. `manage.py send_review_reminders` mails the Redaktion once when the date has
come and once more when it is `OVERDUE_AFTER` past; setting a new date starts both afresh."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How long after the Wiedervorlage date an unchecked item counts as overdue (second reminder).
OVERDUE_AFTER = datetime.timedelta(days=30)


class ReviewQuerySetMixin:
    """For querysets of models with `ReviewDates` and a `current()` method (not überholt …)."""

    def review_due(self, today: datetime.date | None = None):
        """Published, still current items whose Wiedervorlage date has come (today counts)."""
        today = today or timezone.localdate()
        return self.published().current().filter(review_on__isnull=False, review_on__lte=today)

    def review_overdue(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.review_due(today).filter(review_on__lte=today - OVERDUE_AFTER)


class ReviewDates(models.Model):
    review_on = models.DateField(
        _("Wiedervorlage am"),
        null=True,
        blank=True,
        help_text=_("Optional: wann die Redaktion prüfen soll, ob der Eintrag noch aktuell ist."),
    )
    # When the Redaktion was reminded of the current date, and when again because it was overdue.
    review_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    review_overdue_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def review_due(self) -> bool:
        """The Wiedervorlage date has come (today counts) and the item is online and still current."""
        return (
            self.review_on is not None
            and self.is_current
            and self.is_published
            and self.review_on <= timezone.localdate()
        )

    @property
    def review_overdue(self) -> bool:
        return self.review_due and self.review_on <= timezone.localdate() - OVERDUE_AFTER

    def reset_review_reminders(self) -> None:
        """A new Wiedervorlage date: both reminders are due again for it."""
        self.review_reminded_at = None
        self.review_overdue_reminded_at = None
