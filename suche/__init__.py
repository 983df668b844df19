"""Global search across everything a user may see.

How it fits together:

- Each app describes its searchable things in `<app>/search.py` (a list `SOURCES`; the
  protocol is in `sources.py`). A source says how an object becomes an index entry (a typed
  `entry.Entry`, the one module here the apps import) and —
  the one thing search never decides itself — which objects a user may see: `visible(user)`
  is the app's own queryset rule, the same one its views use.
- `index.py` keeps `SearchEntry` rows in step with the apps' records (signals, in the same
  transaction as the change) and with the text read from files (`dokumente.signals.text_extracted`).
- `query.py` answers a query in one statement: every source contributes
  `kind = k AND object_id IN (source.visible(user))`, OR-ed; the matching, visible entries are
  collected once (at most SIKO_SEARCH_COUNT_LIMIT + 1: beyond it "mehr als 1.000 Treffer"), counted per facet
  value and ranked for the requested page. `plan.py` says how words match and rank: PostgreSQL:
  German full text over a weighted vector, ranking on a compact title/description vector, trigram
  vocabulary for compound parts; SQLite: a substring fallback; both in one spelling (`text.fold`).
  `results.py` turns the answer into hits with snippets and facets.
"""
