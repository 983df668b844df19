"""Issue 17 item 8: one word for the closed areas ("Arbeitskreis"). Written by rename.py."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("facharbeitskreise", "0011_arbeitskreis_names"),
        ("suche", "0001_initial"),
    ]

    operations = [
        migrations.RenameField("SearchEntry", "area", "arbeitskreis"),
    ]
