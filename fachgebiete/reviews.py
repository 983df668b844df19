"""Wiedervorlage reminders: the Redaktion of a Fachgebiet hears by mail when the Wiedervorlage date of
one of its Muster or Rechtstatsachen has come, and once more when it is overdue (see
`models.review.OVERDUE_AFTER`). Each reminder goes out once per date: a row is claimed (its
reminder time set) in the same transaction that queues the mail, so a second run, or two at
once, send nothing twice. A Fachgebiet without a Redaktion reminds the Geschäftsstelle.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from common.mail import absolute_url, send_after_commit

from . import access
from .models import Document, Fachgebiet, Rechtstatsache
from .models.review import OVERDUE_AFTER

REVIEW_MODELS = (Document, Rechtstatsache)


def review_due_items(*, user=None, fachgebiet: Fachgebiet | None = None) -> list:
    """Muster and Rechtstatsachen whose Wiedervorlage has come, oldest date first: those the user
    may review, or those of one Fachgebiet (one query per section)."""
    items = []
    for model in REVIEW_MODELS:
        due = model.objects.review_due().select_related("fachgebiet")
        if model is Document:
            due = due.select_related("partner")
        if user is not None:
            due = due.reviewable_by(user)
        if fachgebiet is not None:
            due = due.filter(fachgebiet=fachgebiet)
        items += list(due)
    items.sort(key=lambda item: (item.review_on, item.title, item.pk))
    return items


@dataclass
class ReminderReport:
    due: int = 0
    overdue: int = 0
    mails: int = 0

    def __str__(self) -> str:
        return f"{self.due} fällige und {self.overdue} überfällige Wiedervorlage(n), {self.mails} E-Mail(s)"


def _claim(model, ids: list[int], field: str, now) -> list:
    """Set `field` on the rows among `ids` that do not have it yet; return those rows. The UPDATE
    asks the condition again on each row, so a row another run claimed meanwhile is not returned."""
    model.objects.filter(pk__in=ids, **{f"{field}__isnull": True}).update(**{field: now})
    return list(model.objects.filter(pk__in=ids, **{field: now}).select_related("fachgebiet"))


def _entry(item) -> dict:
    return {
        "title": item.title,
        "section_label": item.section_label,
        "review_on": item.review_on,
        "url": absolute_url(item.get_absolute_url()),
    }


def _tell(fachgebiet: Fachgebiet, due: list, overdue: list) -> None:
    editors = [user.email for user in access.editors_of(fachgebiet) if user.email]
    context = {
        "fachgebiet": fachgebiet,
        "due": [_entry(item) for item in due],
        "overdue": [_entry(item) for item in overdue],
        "overdue_days": OVERDUE_AFTER.days,
        "review_url": absolute_url(fachgebiet.get_absolute_url()),
        "to_office": not editors,
    }
    send_after_commit("fachgebiete/email/review_reminder", context, editors or list(settings.SIKO_OFFICE_EMAILS))


def send_review_reminders(today: datetime.date | None = None) -> ReminderReport:
    """Mail each Redaktion the Wiedervorlagen that became due or overdue since the last run."""
    today = today or timezone.localdate()
    now = timezone.now()
    report = ReminderReport()
    by_fachgebiet: dict[int, dict] = defaultdict(lambda: {"due": [], "overdue": []})
    with transaction.atomic():
        for model in REVIEW_MODELS:
            overdue_ids = list(
                model.objects.review_overdue(today)
                .filter(review_overdue_reminded_at__isnull=True)
                .values_list("pk", flat=True)
            )
            due_ids = list(
                model.objects.review_due(today)
                .filter(review_reminded_at__isnull=True)
                .exclude(pk__in=overdue_ids)
                .values_list("pk", flat=True)
            )
            for item in _claim(model, overdue_ids, "review_overdue_reminded_at", now):
                by_fachgebiet[item.fachgebiet_id]["overdue"].append(item)
            # Overdue before it was ever reminded (the date was set in the past): one mail, not two.
            model.objects.filter(pk__in=overdue_ids, review_reminded_at__isnull=True).update(review_reminded_at=now)
            for item in _claim(model, due_ids, "review_reminded_at", now):
                by_fachgebiet[item.fachgebiet_id]["due"].append(item)
        for lists in by_fachgebiet.values():
            items = lists["overdue"] or lists["due"]
            _tell(items[0].fachgebiet, lists["due"], lists["overdue"])
            report.due += len(lists["due"])
            report.overdue += len(lists["overdue"])
            report.mails += 1
    return report
