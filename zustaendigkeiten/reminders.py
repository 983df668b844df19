"""Reminding people of their entries nobody confirmed for CONFIRM_MONTHS (`manage.py
remind_zustaendigkeiten`, daily by a systemd timer).

Each person gets one mail listing all her overdue entries; each entry is reminded once – the
next confirmation (or save) clears `reminded_at`, and only when it is overdue again does another
reminder go out. A failed mail marks nothing: the next run tries again.

The contact persons of the authority (who may maintain all its entries) are told in the same run,
each in one mail listing the overdue entries of her authority except her own (those are in her
own reminder) – also once per entry until the next confirmation (`contacts_reminded_at`). An
entry is marked once every contact person's mail went out; if one fails, the next run tells the
contact persons of that authority again.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils import timezone

from common.mail import absolute_url, send_templated_mail
from partner.models import User

from .models import CONFIRM_MONTHS, Zustaendigkeit

logger = logging.getLogger(__name__)


@dataclass
class ReminderResult:
    reminded_people: int = 0
    reminded_entries: int = 0
    failed_mails: int = 0
    reminded_contacts: int = 0
    contact_entries: int = 0


def due_for_reminder(now: datetime | None = None):
    """Listed entries, overdue for confirmation, whose person was not reminded since."""
    return Zustaendigkeit.objects.listed().stale(now).filter(reminded_at__isnull=True)


def due_for_contacts(now: datetime | None = None):
    """Listed entries, overdue for confirmation, whose authority's contact persons were not told since."""
    return Zustaendigkeit.objects.listed().stale(now).filter(contacts_reminded_at__isnull=True)


def _list_url() -> str:
    return absolute_url(reverse("zustaendigkeiten:list") + "?meine=on")


def send_reminders(*, now: datetime | None = None) -> ReminderResult:
    """The people's own reminders, then their authorities' contact persons'."""
    now = now or timezone.now()
    result = ReminderResult()
    _remind_people(now, result)
    _remind_contacts(now, result)
    return result


def _remind_people(now: datetime, result: ReminderResult) -> None:
    by_person = defaultdict(list)
    for entry in due_for_reminder(now).select_related("fachgebiet", "partner", "person").order_by("person_id", "pk"):
        by_person[entry.person].append(entry)
    for person, entries in by_person.items():
        context = {
            "person": person,
            "entries": [(entry, absolute_url(entry.get_absolute_url())) for entry in entries],
            "months": CONFIRM_MONTHS,
            "list_url": _list_url(),
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


def _remind_contacts(now: datetime, result: ReminderResult) -> None:
    by_partner = defaultdict(list)
    entries = due_for_contacts(now).select_related("fachgebiet", "partner", "person").order_by("partner_id", "pk")
    for entry in entries:
        by_partner[entry.partner_id].append(entry)
    contacts = defaultdict(list)
    for contact in User.objects.admitted().filter(is_contact_person=True, partner_id__in=by_partner).exclude(email=""):
        contacts[contact.partner_id].append(contact)
    for partner_id, overdue in by_partner.items():
        failed = False
        for contact in contacts[partner_id]:
            theirs = [entry for entry in overdue if entry.person_id != contact.pk]
            if not theirs:
                continue
            context = {
                "contact": contact,
                "partner": theirs[0].partner,
                "entries": [(entry, absolute_url(entry.get_absolute_url())) for entry in theirs],
                "months": CONFIRM_MONTHS,
                "list_url": _list_url(),
            }
            try:
                send_templated_mail("zustaendigkeiten/email/contact_reminder", context, [contact.email])
            except Exception:  # noqa: BLE001 - the entries stay unmarked: the next run tries again
                logger.exception("Erinnerung an Ansprechperson (Konto %s) nicht versandt", contact.pk)
                result.failed_mails += 1
                failed = True
                continue
            result.reminded_contacts += 1
        if failed:
            continue
        # Marked also when the authority has no contact person: nobody to tell until it is confirmed.
        Zustaendigkeit.objects.filter(pk__in=[entry.pk for entry in overdue]).update(contacts_reminded_at=now)
        result.contact_entries += len(overdue)
