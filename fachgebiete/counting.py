"""Counts per row as correlated subqueries — the one way this app counts related rows in a list."""

from __future__ import annotations

from django.db.models import Count, IntegerField, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce


def count_subquery(items: QuerySet, field: str) -> Coalesce:
    """How many of `items` (filtered on an OuterRef through `field`) belong to each outer row, 0 if none.

    Unlike `annotate(Count(relation))` this needs no GROUP BY over the outer rows: a list page's
    ORDER BY … LIMIT runs first (on its index), and only the rows shown are counted.
    """
    counted = items.order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
