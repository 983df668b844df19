"""Dates of the demo content, relative to the day `load_demo` runs: news of the last weeks,
meetings in the weeks ahead – always on a working day in North Rhine-Westphalia.

Not a working day: Saturday, Sunday, the public holidays of NRW and the days between the years
that offices keep free (24.12., 31.12.). Demo only; the portal itself has no calendar rule.
"""

from __future__ import annotations

import datetime
from functools import cache

from django.utils import timezone


def easter_sunday(year: int) -> datetime.date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


@cache
def days_off(year: int) -> frozenset[datetime.date]:
    """The public holidays of NRW plus 24.12. and 31.12."""
    easter = easter_sunday(year)
    movable = {easter + datetime.timedelta(days=offset) for offset in (-2, 1, 39, 50, 60)}
    fixed = {(1, 1), (5, 1), (10, 3), (11, 1), (12, 24), (12, 25), (12, 26), (12, 31)}
    return frozenset(movable | {datetime.date(year, month, day) for month, day in fixed})


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in days_off(day.year)


def working_day(day: datetime.date, *, step: int) -> datetime.date:
    """`day` if it is a working day, otherwise the next one in direction `step` (+1 or -1)."""
    while not is_working_day(day):
        day += datetime.timedelta(days=step)
    return day


def at(days: int, hour: int = 10, minute: int = 0, *, today: datetime.date | None = None) -> datetime.datetime:
    """An aware datetime `days` from today (negative: in the past) on a working day, local time.
    Past dates move back to the working day before, future ones forward to the next."""
    base = (today or timezone.localdate()) + datetime.timedelta(days=days)
    day = working_day(base, step=-1 if days < 0 else 1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
