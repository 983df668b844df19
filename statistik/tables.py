"""A statistics table as the page shows it and the CSV repeats it, and the small-group rule.

Small groups (documented on the page and in every CSV): where a table counts people by a group
that could single a person out (by authority, authority type or area), a count of 1 to 4 is
shown as "< 5". If that left exactly one such cell in a column that has a sum row, the sum would
give it away, so the next smallest count of that column is withheld too, shown as "x". Zero is
shown as 0. Counts of things (contributions, downloads, searches, newsletter issues) and the
totals are exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SMALL_GROUP = 5
SUPPRESSED = "< 5"
WITHHELD = "x"
SMALL_GROUP_NOTE = (
    f"Personenzahlen nach Behörde, Behördentyp oder Arbeitskreis von 1 bis {SMALL_GROUP - 1} erscheinen als "
    f"„{SUPPRESSED}“. Bliebe in einer Spalte mit Summe nur ein solcher Wert, wird auch der nächstkleinere "
    f"als „{WITHHELD}“ ausgewiesen, damit er sich nicht aus der Summe errechnen lässt."
)

Cell = int | str


def suppress(counts: list[int], *, with_sum: bool) -> list[Cell]:
    """Counts of people by group, with small groups hidden (see the module docstring)."""
    cells: list[Cell] = [SUPPRESSED if 0 < count < SMALL_GROUP else count for count in counts]
    if with_sum and cells.count(SUPPRESSED) == 1:
        others = [(count, index) for index, count in enumerate(counts) if count >= SMALL_GROUP]
        if others:
            cells[min(others)[1]] = WITHHELD
    return cells


def suppress_columns(rows: list[list[Cell]], columns: list[int], *, with_sum: bool) -> list[list[Cell]]:
    """`suppress` for the given columns of `rows` (each a label followed by counts)."""
    rows = [list(row) for row in rows]
    for column in columns:
        cells = suppress([int(row[column]) for row in rows], with_sum=with_sum)
        for row, cell in zip(rows, cells, strict=True):
            row[column] = cell
    return rows


@dataclass
class Chart:
    """What a chart draws; `kind` "bars" (horizontal, one per row) or "columns" (a time series)."""

    kind: str
    title: str
    description: str
    labels: list[str]
    values: list[Cell]


@dataclass
class Table:
    slug: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    total: list[Cell] | None = None
    notes: list[str] = field(default_factory=list)
    chart: Chart | None = None
    small_groups: bool = False

    def csv_rows(self, period_label: str) -> list[list[Cell]]:
        """The same figures as the page: header, rows, sum, then period and notes."""
        rows: list[list[Cell]] = [self.columns, *self.rows]
        if self.total is not None:
            rows.append(self.total)
        rows.append([])
        rows.append(["Zeitraum", period_label])
        for note in self.all_notes:
            rows.append(["Hinweis", note])
        return rows

    @property
    def all_notes(self) -> list[str]:
        return [*self.notes, *([SMALL_GROUP_NOTE] if self.small_groups else [])]
