"""The daily search counter: one UPDATE per search, an INSERT on the day's first."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import SearchDay


def count_search(sender=None, **kwargs) -> None:
    """Receiver of `search_performed`: today's counter goes up by one (the database adds, so two
    searches at the same moment both count)."""
    today = timezone.localdate()
    if SearchDay.objects.filter(day=today).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            SearchDay.objects.create(day=today, count=1)
    except IntegrityError:  # another search created today's row just now
        SearchDay.objects.filter(day=today).update(count=F("count") + 1)
