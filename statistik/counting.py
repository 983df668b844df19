"""The daily search counter: one statement per search."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from .models import SearchDay


def count_search(sender=None, **kwargs) -> None:
    """Receiver of `search_performed`: today's counter (German date) goes up by one.

    One upsert, understood by PostgreSQL and SQLite alike: the database adds, so two searches at
    the same moment both count, and the day's first search costs no more than any other."""
    table = connection.ops.quote_name(SearchDay._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (day, count) VALUES (%s, 1) "  # noqa: S608 - the table name is our own  # nosec B608
            f"ON CONFLICT (day) DO UPDATE SET count = {table}.count + 1",
            [timezone.localdate()],
        )
