"""What the search page shows of an answer: hits with marked snippets and facets with counts."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.core.paginator import Page
from django.db import connection
from django.utils.safestring import SafeString

from . import text as search_text
from .models import SearchEntry
from .plan import Filters, Plan
from .sources import RUBRIC_LABELS, all_sources

# Characters of file text looked at for a snippet.
SNIPPET_SOURCE_CHARS = 20_000


@dataclass
class FacetOption:
    value: str
    label: str
    count: int | None  # None: not counted (more hits than the search counts)
    selected: bool = False


@dataclass
class Facet:
    param: str
    title: str
    options: list[FacetOption]

    @property
    def selected(self) -> FacetOption | None:
        return next((option for option in self.options if option.selected), None)


@dataclass
class Hit:
    kind: str
    type_label: str
    title: SafeString
    url: str
    context: str
    date: datetime.date | None
    snippet: SafeString
    exact: bool = False

    # The date as the page writes it, ready strings: the template's date filter, twice for each of
    # 20 hits, took ~0.7 of the page's ~3 ms of rendering.
    @property
    def date_iso(self) -> str:
        return self.date.isoformat() if self.date else ""

    @property
    def date_text(self) -> str:
        return f"{self.date:%d.%m.%Y}" if self.date else ""


@dataclass
class SearchResults:
    query: str
    total: int = 0
    page: Page | None = None
    facets: list[Facet] = field(default_factory=list)
    broadened: bool = False
    # More visible hits than the search counts (settings.SIKO_SEARCH_COUNT_LIMIT): `total` is that limit, "mehr als …".
    capped: bool = False

    @property
    def hits(self) -> list[Hit]:
        return list(self.page.object_list) if self.page else []


# What a hit shows, fetched as plain rows; the start of the file text (text_d) is cut in the database.
_ENTRY_FIELDS = ("id", "kind", "title", "url", "context", "date", "text_b", "text_c", "keys")


def _entries(pks: list[int]) -> list[tuple]:
    """(id, kind, title, url, context, date, text_b, text_c, keys, start of text_d) of these entries.
    Plain SQL on SQLite and PostgreSQL alike (SUBSTR from 1 is LEFT; both return `date` as a date):
    the ORM's queryset with model instances cost three times as much Python as the rows (~0.5 ms)."""
    if not pks:
        return []
    quote = connection.ops.quote_name
    columns = ", ".join(quote(SearchEntry._meta.get_field(name).column) for name in _ENTRY_FIELDS)
    text_d = quote(SearchEntry._meta.get_field("text_d").column)
    placeholders = ", ".join(["%s"] * len(pks))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns}, SUBSTR({text_d}, 1, %s) FROM {quote(SearchEntry._meta.db_table)} "  # noqa: S608 - fixed names  # nosec B608
            f"WHERE {quote(SearchEntry._meta.pk.column)} IN ({placeholders})",
            [SNIPPET_SOURCE_CHARS, *pks],
        )
        return cursor.fetchall()


def hits(pks: list[int], plan: Plan) -> list[Hit]:
    """The page's entries, in this order, with marked title and snippet. The snippet comes from what the
    reader wrote (description, text, the start of a file's text) – never from `words`, which are only
    there to find the entry by."""
    sources = all_sources()
    by_pk = {entry[0]: entry for entry in _entries(pks)}
    extra = [word for words in plan.expansions.values() for word in words]
    highlighter = search_text.Highlighter.for_terms(plan.terms, extra)
    found = []
    for pk in pks:
        entry = by_pk.get(pk)
        if entry is None:  # deleted between the two queries
            continue
        _pk, kind, title, url, context, date, text_b, text_c, keys, d_head = entry
        source = sources.get(kind)
        found.append(
            Hit(
                kind=kind,
                type_label=source.label if source else kind,
                title=highlighter.mark(title),
                url=url,
                context=context,
                date=date,
                snippet=highlighter.snippet([text_b, text_c, d_head]),
                exact=bool(plan.key) and f"|{plan.key}|" in keys,
            )
        )
    return found


def facets(sums: dict[str, Counter], filters: Filters, *, counted: bool = True) -> list[Facet]:
    """The facets of the hits; `counted` False: the options without numbers (a sample's counts would mislead)."""
    from fachgebiete.models import Fachgebiet
    from partner.models import Partner

    sources = all_sources()
    facets = [
        Facet(
            "typ",
            "Typ",
            [
                FacetOption(kind, source.label_plural, sums["kind"][kind], filters.kind == kind)
                for kind, source in sources.items()
                if sums["kind"][kind]
            ],
        ),
        Facet(
            "rubrik",
            "Rubrik",
            [
                FacetOption(slug, label, sums["rubric"][slug], filters.rubric == slug)
                for slug, label in RUBRIC_LABELS.items()
                if sums["rubric"][slug]
            ],
        ),
    ]
    fachgebiete = Fachgebiet.objects.filter(pk__in=list(sums["fachgebiet"])) if sums["fachgebiet"] else []
    facets.append(
        Facet(
            "fachgebiet",
            "Fachgebiet",
            [
                FacetOption(
                    fg.slug,
                    fg.name,
                    sums["fachgebiet"][fg.pk],
                    filters.fachgebiet is not None and filters.fachgebiet.pk == fg.pk,
                )
                for fg in fachgebiete
            ],
        )
    )
    facets.append(
        Facet(
            "jahr",
            "Jahr",
            [
                FacetOption(str(year), str(year), count, filters.year == year)
                for year, count in sorted(sums["year"].items(), reverse=True)
            ],
        )
    )
    partners = Partner.objects.filter(pk__in=list(sums["partner"])).order_by("name") if sums["partner"] else []
    facets.append(
        Facet(
            "behoerde",
            "Behörde",
            [
                FacetOption(
                    partner.slug,
                    partner.short_name or partner.name,
                    sums["partner"][partner.pk],
                    filters.partner is not None and filters.partner.pk == partner.pk,
                )
                for partner in partners
            ],
        )
    )
    if not counted:
        for facet in facets:
            for option in facet.options:
                option.count = None
    return [facet for facet in facets if facet.options]
