"""Global search across everything a user may see.

How it fits together:

- Each app describes its searchable things in `<app>/search.py` (a list `SOURCES`; the
  protocol is in `sources.py`). A source says how an object becomes an index entry and —
  the one thing search never decides itself — which objects a user may see: `visible(user)`
  is the app's own queryset rule, the same one its views use.
- `index.py` keeps `SearchEntry` rows in step with the apps' records (signals, in the same
  transaction as the change) and with the text read from files (`dokumente.signals.text_extracted`).
- `query.py` answers a query: one branch per source, each restricted to
  `object_id IN (source.visible(user))`, combined with UNION ALL; ranked and faceted on
  PostgreSQL (German full text, weighted vector, trigram vocabulary for compound parts),
  with a substring fallback on SQLite.
"""
