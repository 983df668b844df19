"""The compact `head` vector the ranking reads (PostgreSQL); filled for the entries already there."""

import django.contrib.postgres.search
from django.contrib.postgres.search import SearchVector
from django.db import migrations


def fill_head(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # As sikoportal.search.index.HEAD wrote it when this migration was made.
    apps.get_model("sikoportal", "SearchEntry").objects.update(
        head=SearchVector("title", "text_a", weight="A", config="german")
        + SearchVector("text_b", weight="B", config="german")
    )


class Migration(migrations.Migration):
    dependencies = [("sikoportal", "0002_search_postgresql_indexes")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="head",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(fill_head, migrations.RunPython.noop, elidable=True),
    ]
