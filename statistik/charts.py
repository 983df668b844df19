"""Charts as server-side SVG: no script, no inline style (the CSP allows neither); colours come
from portal.css classes. Each SVG is one image to assistive technology (role="img" with title
and description); the figures themselves are in the table right after it."""

from __future__ import annotations

import math

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .tables import Chart

WIDTH = 640
BAR_ROW = 26
LABEL_WIDTH = 210
COLUMN_HEIGHT = 220
MAX_AXIS_LABELS = 12


def _number(value) -> str:
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)


def _scale_max(values: list[int]) -> int:
    """A round upper end for the axis: 1, 2, 2.5 or 5 times a power of ten."""
    top = max([*values, 1])
    power = 10 ** math.floor(math.log10(top))
    for step in (1, 2, 2.5, 5, 10):
        if top <= step * power:
            return int(step * power) if step * power >= 1 else 1
    return top


def _head(chart: Chart, ident: str, height: int) -> str:
    return (
        f'<svg class="stat-chart" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" xmlns="http://www.w3.org/2000/svg" focusable="false">'
        f'<title id="{ident}-title">{escape(chart.title)}</title>'
        f'<desc id="{ident}-desc">{escape(chart.description)}</desc>'
    )


def _bars(chart: Chart, ident: str) -> str:
    numbers = [value for value in chart.values if isinstance(value, int)]
    top = _scale_max(numbers)
    span = WIDTH - LABEL_WIDTH - 70
    height = BAR_ROW * len(chart.labels) + 8
    parts = [_head(chart, ident, height)]
    for index, (label, value) in enumerate(zip(chart.labels, chart.values, strict=True)):
        y = 4 + index * BAR_ROW
        length = round(span * value / top, 1) if isinstance(value, int) else 0
        parts.append(
            f'<text class="stat-chart__label" x="{LABEL_WIDTH - 8}" y="{y + 17}" text-anchor="end">'
            f"{escape(label)}</text>"
        )
        if length:
            parts.append(
                f'<rect class="stat-chart__bar" x="{LABEL_WIDTH}" y="{y + 4}" width="{length}" height="{BAR_ROW - 8}"/>'
            )
        value_x = LABEL_WIDTH + length + 6
        parts.append(f'<text class="stat-chart__value" x="{value_x}" y="{y + 17}">{escape(_number(value))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _columns(chart: Chart, ident: str) -> str:
    numbers = [value if isinstance(value, int) else 0 for value in chart.values]
    top = _scale_max(numbers)
    left, bottom, plot_top = 56, COLUMN_HEIGHT - 28, 12
    plot_height = bottom - plot_top
    count = max(len(numbers), 1)
    slot = (WIDTH - left - 8) / count
    every = math.ceil(count / MAX_AXIS_LABELS)
    parts = [_head(chart, ident, COLUMN_HEIGHT)]
    for tick in range(5):
        value = top * tick / 4
        y = round(bottom - plot_height * tick / 4, 1)
        parts.append(f'<line class="stat-chart__grid" x1="{left}" y1="{y}" x2="{WIDTH - 8}" y2="{y}"/>')
        label = _number(int(value)) if value == int(value) else f"{value:.1f}".replace(".", ",")
        parts.append(f'<text class="stat-chart__axis" x="{left - 6}" y="{y + 4}" text-anchor="end">{label}</text>')
    for index, (label, value) in enumerate(zip(chart.labels, numbers, strict=True)):
        x = left + index * slot
        height = round(plot_height * value / top, 1)
        if height:
            parts.append(
                f'<rect class="stat-chart__bar" x="{round(x + slot * 0.15, 1)}" y="{round(bottom - height, 1)}" '
                f'width="{round(slot * 0.7, 1)}" height="{height}"/>'
            )
        if index % every == 0:
            parts.append(
                f'<text class="stat-chart__axis" x="{round(x + slot / 2, 1)}" y="{bottom + 18}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def render_svg(chart: Chart, ident: str) -> SafeString:
    """The chart as inline SVG; `ident` makes its title and description ids unique on the page."""
    draw = _bars if chart.kind == "bars" else _columns
    # Every text in it went through escape(); the rest are numbers and our own ids.
    return mark_safe(draw(chart, ident))  # noqa: S308  # nosec B308 B703
