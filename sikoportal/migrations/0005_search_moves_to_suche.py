"""The search index moved to its own app `suche` (suche 0001): sikoportal forgets the two models;
their tables, rows and PostgreSQL indexes stay where they are (`suche.models` keeps the table names)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("sikoportal", "0004_search_entry_words_and_spelling"),
        ("suche", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="SearchWord"),
                migrations.DeleteModel(name="SearchEntry"),
            ],
            database_operations=[],
        ),
    ]
