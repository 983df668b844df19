"""Mails about news in an area: at once, as a daily or weekly digest, or not at all — per area and member.

Recipients are the area's members *at send time* (`access.member_ids`): whoever lost access in
between hears nothing more. Mails carry the area's name, the kind and title of the news and a
link into the portal — never a document, an agenda or the text of a post.
"""

from __future__ import annotations

import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from common.mail import templated_message
from partner.models import User

from .access import member_ids
from .models import Arbeitsbereich
from .models.content import DEFAULT_FREQUENCY, AreaEvent, AreaNotificationSetting, DigestCursor, Frequency

logger = logging.getLogger(__name__)

# A digest is due after its period, less an hour, so that a daily cron job a little early still sends.
_PERIOD = {Frequency.DAILY: timedelta(days=1), Frequency.WEEKLY: timedelta(days=7)}
_SLACK = timedelta(hours=1)


def event_record(*, area: Arbeitsbereich, kind: str, title: str, path: str, actor=None) -> AreaEvent:
    """Record news in an area and hand the immediate mails to the background worker.

    Call inside the transaction that creates the item: with the database task backend the
    task row commits together with it, or not at all.
    """
    from .tasks import send_area_event

    event = AreaEvent.objects.create(area=area, kind=kind, title=title[:300], path=path, actor=actor)
    send_area_event.enqueue(event.pk)
    return event


def frequencies(area: Arbeitsbereich, user_ids: set[int]) -> dict[int, str]:
    chosen = dict(
        AreaNotificationSetting.objects.filter(area=area, user_id__in=user_ids).values_list("user_id", "frequency")
    )
    return {pk: chosen.get(pk, DEFAULT_FREQUENCY) for pk in user_ids}


def _message(prefix: str, context: dict, to: str, connection) -> EmailMultiAlternatives:
    return templated_message(prefix, context, [to], connection=connection)


def _settings_url(area: Arbeitsbereich) -> str:
    return reverse("facharbeitskreise:notification_settings", kwargs={"slug": area.slug})


def send_event(event_id: int) -> int:
    """The immediate mails of one event; returns how many were sent. Runs once per event."""
    with transaction.atomic():
        event = AreaEvent.objects.select_for_update().select_related("area").filter(pk=event_id).first()
        if event is None or event.mailed_at is not None:
            return 0
        event.mailed_at = timezone.now()
        event.save(update_fields=["mailed_at"])
    area = event.area
    ids = member_ids(area) - {event.actor_id}
    wanted = [pk for pk, freq in frequencies(area, ids).items() if freq == Frequency.IMMEDIATE]
    users = User.objects.filter(pk__in=wanted).order_by("pk")  # member_ids counts admitted users only
    sent = 0
    connection = get_connection(fail_silently=False)
    context = {"area": area, "event": event, "settings_path": _settings_url(area)}
    try:
        connection.open()
        for user in users:
            try:
                _message("facharbeitskreise/email/area_event", {**context, "user": user}, user.email, connection).send()
                sent += 1
            except (smtplib.SMTPException, OSError):
                logger.exception("Benachrichtigung %s an Konto %s nicht versandt", event.pk, user.pk)
    except (smtplib.SMTPException, OSError):
        logger.exception("Mailserver für Bereichsbenachrichtigungen nicht erreichbar")
    finally:
        connection.close()
    return sent


@dataclass(frozen=True)
class DigestReport:
    sent: int
    failed: int


def _digest_items(user: User, frequency: str, since, until) -> list[tuple[Arbeitsbereich, list[AreaEvent]]]:
    """News of the areas this user gets in this digest and may still enter."""
    areas = {
        s.area_id: s
        for s in AreaNotificationSetting.objects.filter(user=user, frequency=frequency).select_related("area")
    }
    allowed = set(Arbeitsbereich.objects.member_of(user).filter(pk__in=areas).values_list("pk", flat=True))
    grouped: dict[int, list[AreaEvent]] = defaultdict(list)
    events = (
        AreaEvent.objects.filter(area_id__in=allowed, created_at__gt=since, created_at__lte=until)
        .exclude(actor=user)
        .order_by("created_at", "pk")
    )
    for event in events:
        if event.created_at > areas[event.area_id].changed_at:
            grouped[event.area_id].append(event)
    return [(areas[pk].area, grouped[pk]) for pk in sorted(grouped, key=lambda pk: areas[pk].area.name)]


def send_digests(*, now=None) -> DigestReport:
    """Daily and weekly digests. Each user's cursor moves only after their mail went out, so a
    failed mail is sent on the next run and a sent one never again."""
    now = now or timezone.now()
    sent = failed = 0
    pairs = (
        AreaNotificationSetting.objects.filter(frequency__in=list(_PERIOD))
        .values_list("user_id", "frequency")
        .distinct()
        .order_by("user_id", "frequency")
    )
    cursors = {(c.user_id, c.frequency): c for c in DigestCursor.objects.all()}
    users = {u.pk: u for u in User.objects.filter(pk__in={p[0] for p in pairs}, status=User.Status.ADMITTED)}
    connection = get_connection(fail_silently=False)
    for user_id, frequency in pairs:
        user = users.get(user_id)
        if user is None:
            continue
        cursor = cursors.get((user_id, frequency))
        if cursor is not None and now - cursor.sent_until < _PERIOD[frequency] - _SLACK:
            continue
        since = cursor.sent_until if cursor else now - _PERIOD[frequency]
        items = _digest_items(user, frequency, since, now)
        if items:
            context = {
                "user": user,
                "items": items,
                "frequency_label": "Tägliche" if frequency == Frequency.DAILY else "Wöchentliche",
            }
            try:
                _message("facharbeitskreise/email/area_digest", context, user.email, connection).send()
            except (smtplib.SMTPException, OSError):
                logger.exception(
                    "Zusammenfassung an Konto %s nicht versandt; nächster Lauf versucht es erneut", user_id
                )
                failed += 1
                continue
            sent += 1
        DigestCursor.objects.update_or_create(user_id=user_id, frequency=frequency, defaults={"sent_until": now})
    return DigestReport(sent=sent, failed=failed)


def setting_for(user, area: Arbeitsbereich) -> str:
    row = AreaNotificationSetting.objects.filter(user=user, area=area).first()
    return row.frequency if row else DEFAULT_FREQUENCY


def setting_change(*, user, area: Arbeitsbereich, frequency: str) -> None:
    AreaNotificationSetting.objects.update_or_create(
        user=user, area=area, defaults={"frequency": frequency, "changed_at": timezone.now()}
    )
