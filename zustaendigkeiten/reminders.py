"""Reminding people of their entries nobody confirmed for CONFIRM_MONTHS (`manage.py
remind_zustaendigkeiten`, daily by a systemd timer).

Each person gets one mail listing all her overdue entries; each entry is reminded once – the
next confirmation (or save) clears `reminded_at`, and only when it is overdue again does another
reminder go out. A failed mail marks nothing: the next run tries again.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils import timezone

from common.mail import absolute_url, send_templated_mail

from .models import CONFIRM_MONTHS, Zustaendigkeit

logger = logging.getLogger(__name__)


@dataclass
class ReminderResult:
    reminded_people: int = 0
    reminded_entries: int = 0
    failed_mails: int = 0


def due_for_reminder(now: datetime | None = None):
    """Listed entries, overdue for confirmation, whose person was not reminded since."""
    return Zustaendigkeit.objects.listed().stale(now).filter(reminded_at__isnull=True)


def send_reminders(*, now: datetime | None = None) -> ReminderResult:
    now = now or timezone.now()
    result = ReminderResult()
    by_person = defaultdict(list)
    for entry in due_for_reminder(now).select_related("fachgebiet", "partner", "person").order_by("person_id", "pk"):
        by_person[entry.person].append(entry)
    for person, entries in by_person.items():
        context = {
            "person": person,
            "entries": [(entry, absolute_url(entry.get_absolute_url())) for entry in entries],
            "months": CONFIRM_MONTHS,
            "list_url": absolute_url(reverse("zustaendigkeiten:list") + "?meine=on"),
        }
        try:
            send_templated_mail("zustaendigkeiten/email/reminder", context, [person.email])
        except Exception:  # noqa: BLE001 - not marked as reminded: the next run tries again
            logger.exception("Erinnerung an Zuständigkeiten an Konto %s nicht versandt", person.pk)
            result.failed_mails += 1
            continue
        Zustaendigkeit.objects.filter(pk__in=[entry.pk for entry in entries]).update(reminded_at=now)
        result.reminded_people += 1
        result.reminded_entries += len(entries)
    return result
