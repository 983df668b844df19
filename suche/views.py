"""The search page (/suche/): one box on every page, results with facets."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.humanize.templatetags.humanize import intcomma
from django.http import QueryDict
from django.shortcuts import render

from . import text as search_text
from .query import Filters, search
from .signals import search_performed
from .sources import RUBRIC_LABELS, all_sources

# Filter parameters of the page (German, visible in the address bar).
FILTER_PARAMS = ("typ", "rubrik", "fachgebiet", "jahr", "behoerde")


def _filters(params: QueryDict) -> Filters:
    """The facet filters from the address; values that name nothing are ignored."""
    from fachgebiete.models import Fachgebiet
    from partner.models import Partner

    filters = Filters()
    kind = params.get("typ", "")
    filters.kind = kind if kind in all_sources() else None
    rubric = params.get("rubrik", "")
    filters.rubric = rubric if rubric in RUBRIC_LABELS else None
    year = params.get("jahr", "")
    filters.year = int(year) if year.isdigit() and 1900 <= int(year) <= 2100 else None
    if slug := params.get("fachgebiet", "")[:100]:
        filters.fachgebiet = Fachgebiet.objects.filter(slug=slug).first()
    if slug := params.get("behoerde", "")[:100]:
        filters.partner = Partner.objects.filter(slug=slug).first()
    return filters


def _encoded(params: QueryDict) -> dict[str, list[str]]:
    """The address's parameters but the page, each "name=value" encoded once for all the page's
    links (~15 facet options) rather than copied and encoded again for each."""
    return {name: [urlencode({name: value}) for value in values] for name, values in params.lists() if name != "seite"}


def _link(encoded: dict[str, list[str]], **changes) -> str:
    """The current address with these parameters set (None removes one); back to page 1. The same
    text as QueryDict.copy(), pop() and urlencode(): a changed parameter goes last."""
    pieces = [piece for name, values in encoded.items() if name not in changes for piece in values]
    pieces += [urlencode({name: value}) for name, value in changes.items() if value is not None]
    return f"?{'&'.join(pieces)}"


def search_page(request):
    raw = request.GET.get("q", "")
    query = search_text.clean_query(raw)
    error = ""
    if len(query) > search_text.MAX_QUERY_LENGTH:
        error = f"Bitte geben Sie höchstens {search_text.MAX_QUERY_LENGTH} Zeichen ein (jetzt: {len(query)})."
    results = None
    active_filters = []
    encoded = _encoded(request.GET)
    if query and not error:
        filters = _filters(request.GET)
        results = search(request.user, query, filters, page=request.GET.get("seite", 1), request=request)
        if request.GET.get("seite", "1") == "1":
            # Counted as a search: a query's first page (a filter is a new search, paging is not).
            search_performed.send(sender=search_page)
        for facet in results.facets:
            for option in facet.options:
                option.url = _link(encoded, **{facet.param: None if option.selected else option.value})
            if facet.selected:
                active_filters.append(
                    {
                        "title": facet.title,
                        "label": facet.selected.label,
                        "url": _link(encoded, **{facet.param: None}),
                    }
                )
    context = {
        "query": query if not error else raw,
        "capped_text": (
            f"Die Suche zählt höchstens {intcomma(results.total)} Treffer. Angezeigt werden die ersten "
            f"{intcomma(results.total)} gefundenen, nach Relevanz geordnet; die Filter nennen dabei keine "
            "Anzahl. Grenzen Sie die Suche mit weiteren Begriffen oder einem Filter ein."
            if results and results.capped
            else ""
        ),
        "error": error,
        "results": results,
        "active_filters": active_filters,
        "reset_filters_url": _link(encoded, **dict.fromkeys(FILTER_PARAMS)),
        "page": results.page if results else None,
    }
    return render(request, "suche/search.html", context)
