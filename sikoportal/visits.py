"""Remember the previous login: "Neu im Portal" on the start page shows what came after it."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.signals import user_logged_in
from django.db import IntegrityError, transaction
from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone

from .models import Visit

# Without a previous login (the first one ever), "Neu im Portal" looks back this far.
FIRST_VISIT_DAYS = 14


@receiver(user_logged_in, dispatch_uid="sikoportal-visit")
def remember_login(sender, request, user, **kwargs) -> None:
    """Roll this login into "previous" in one UPDATE: the database reads the old value, so two
    logins at the same moment cannot both read a stale row and lose the previous login."""
    now = timezone.now()
    rolled = Visit.objects.filter(user=user).update(previous_login_at=F("current_login_at"), current_login_at=now)
    if rolled:
        return
    try:
        with transaction.atomic():
            Visit.objects.create(user=user, current_login_at=now)
    except IntegrityError:  # another login of the same account created the row just now
        Visit.objects.filter(user=user).update(previous_login_at=F("current_login_at"), current_login_at=now)


def news_since(user) -> tuple[datetime, datetime | None]:
    """(since, previous login): news starts at the previous login, or FIRST_VISIT_DAYS ago if
    there was none (previous login None). One query."""
    previous = Visit.objects.filter(user=user).values_list("previous_login_at", flat=True).first()
    if previous is None:
        return timezone.now() - timedelta(days=FIRST_VISIT_DAYS), None
    return previous, previous
