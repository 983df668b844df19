"""The reporting period: whole days in Europe/Berlin, from the first day 00:00 to the day after
the last 00:00 (exclusive), so an event at 23:59 on 31 December belongs to its year and one at
00:00 on 1 January to the next, whatever the season's UTC offset."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django import forms
from django.utils import timezone

from partner.filters import FilterForm

# Longer periods would only make the monthly series unreadable.
MAX_YEARS = 20
MONTH_NAMES = ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"]


def month_label(year: int, month: int) -> str:
    return f"{MONTH_NAMES[month - 1]} {year}"


@dataclass(frozen=True)
class Period:
    first: date
    last: date

    @property
    def start(self) -> datetime:
        return _midnight(self.first)

    @property
    def end(self) -> datetime:
        """Exclusive: the midnight after the last day."""
        return _midnight(self.last + timedelta(days=1))

    @property
    def label(self) -> str:
        return f"{self.first:%d.%m.%Y} bis {self.last:%d.%m.%Y}"

    @property
    def slug(self) -> str:
        return f"{self.first:%Y-%m-%d}_{self.last:%Y-%m-%d}"

    def between(self, field: str) -> dict:
        """Filter arguments: `field` (a moment) lies in the period."""
        return {f"{field}__gte": self.start, f"{field}__lt": self.end}

    def query(self) -> str:
        return f"von={self.first:%Y-%m-%d}&bis={self.last:%Y-%m-%d}"

    def months(self) -> list[Month]:
        """The calendar months the period touches, each cut to the period."""
        months = []
        first = self.first
        while first <= self.last:
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            last = min(following - timedelta(days=1), self.last)
            months.append(Month(first=first, last=last))
            first = following
        return months


@dataclass(frozen=True)
class Month(Period):
    @property
    def key(self) -> tuple[int, int]:
        return (self.first.year, self.first.month)

    @property
    def label(self) -> str:
        return month_label(*self.key)

    @property
    def short_label(self) -> str:
        """For a chart's axis: "Jan 25"."""
        return f"{MONTH_NAMES[self.first.month - 1]} {self.first:%y}"


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def last_calendar_year(today: date | None = None) -> Period:
    year = (today or timezone.localdate()).year - 1
    return Period(date(year, 1, 1), date(year, 12, 31))


def presets(today: date | None = None) -> list[tuple[str, Period]]:
    today = today or timezone.localdate()
    quarter_start = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    previous_quarter_end = quarter_start - timedelta(days=1)
    previous_quarter_start = date(previous_quarter_end.year, (previous_quarter_end.month - 1) // 3 * 3 + 1, 1)
    year_ago = (
        today.replace(year=today.year - 1) if not (today.month == 2 and today.day == 29) else today - timedelta(365)
    )
    return [
        (f"Vorjahr {today.year - 1}", last_calendar_year(today)),
        (f"Laufendes Jahr {today.year}", Period(date(today.year, 1, 1), today)),
        ("Letzte 12 Monate", Period(year_ago + timedelta(days=1), today)),
        ("Letztes Quartal", Period(previous_quarter_start, previous_quarter_end)),
    ]


class PeriodForm(FilterForm):
    von = forms.DateField(label="von", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    bis = forms.DateField(
        label="bis (einschließlich)", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self):
        data = super().clean()
        first, last = data.get("von"), data.get("bis")
        if first and last:
            if last < first:
                raise forms.ValidationError("Das Ende des Zeitraums liegt vor seinem Beginn.")
            if last.year - first.year > MAX_YEARS:
                raise forms.ValidationError(f"Bitte wählen Sie einen Zeitraum von höchstens {MAX_YEARS} Jahren.")
        return data


def period_from(params) -> tuple[PeriodForm, Period]:
    """The form for the page and the period to show: the chosen one, or the last calendar year
    when nothing (or nothing valid) was chosen."""
    default = last_calendar_year()
    if "von" not in params and "bis" not in params:
        return PeriodForm(initial={"von": default.first, "bis": default.last}), default
    form = PeriodForm(params)
    if form.is_valid():
        return form, Period(form.cleaned_data["von"], form.cleaned_data["bis"])
    return form, default
