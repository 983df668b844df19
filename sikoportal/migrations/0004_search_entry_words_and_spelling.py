"""Index-only words get their own column (kept out of snippets); the vocabulary is kept in the one
spelling of the search ("ü" → "ue"), so its entries with umlauts are dropped – `search_reindex`
writes the index, the vector and the vocabulary anew."""

from django.db import migrations, models


def drop_umlaut_vocabulary(apps, schema_editor):
    apps.get_model("sikoportal", "SearchWord").objects.filter(word__regex="[äöüß]").delete()


class Migration(migrations.Migration):
    dependencies = [("sikoportal", "0003_search_entry_head")]

    operations = [
        migrations.AddField(model_name="searchentry", name="words", field=models.TextField(blank=True)),
        migrations.RunPython(drop_umlaut_vocabulary, migrations.RunPython.noop, elidable=True),
    ]
