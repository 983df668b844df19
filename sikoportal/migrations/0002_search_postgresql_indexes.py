"""PostgreSQL only: pg_trgm and the indexes behind the search; SQLite uses its plain fallback."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = [
    ("search_entry_vector", "USING gin (vector)"),
    ("search_entry_keys_trgm", "USING gin (keys gin_trgm_ops)"),
    ("search_word_trgm", "USING gin (word gin_trgm_ops)"),
]
TABLES = {
    "search_entry_vector": "sikoportal_searchentry",
    "search_entry_keys_trgm": "sikoportal_searchentry",
    "search_word_trgm": "sikoportal_searchword",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, method in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {TABLES[name]} {method}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _method in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("sikoportal", "0001_search_index_and_visits")]

    operations = [
        TrigramExtension(),  # skipped on other databases
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
