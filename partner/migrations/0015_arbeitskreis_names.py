"""Issue 17 item 8: one word for the closed areas ("Arbeitskreis"). Written by rename.py."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("facharbeitskreise", "0010_choice_values_in_english"),
        ("fachgebiete", "0009_lifecycle"),
        ("partner", "0014_auditevent_followup_kinds"),
    ]

    operations = [
        migrations.RenameField("AuditEvent", "area", "bereich"),
    ]
