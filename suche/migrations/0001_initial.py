"""The search index, moved here from `sikoportal` (its migrations 0001-0004 created the tables and
the PostgreSQL indexes): the models enter this app's state only, on the tables they have; their
content types move along so that nothing refers to the old app label."""

import django.contrib.postgres.search
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


MODELS = ["searchentry", "searchword"]


def _relabel(apps, old: str, new: str) -> None:
    content_types = apps.get_model("contenttypes", "ContentType").objects
    if not content_types.filter(app_label=new, model__in=MODELS).exists():
        content_types.filter(app_label=old, model__in=MODELS).update(app_label=new)


def move_content_types(apps, schema_editor):
    _relabel(apps, "sikoportal", "suche")


def move_content_types_back(apps, schema_editor):
    _relabel(apps, "suche", "sikoportal")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('sikoportal', '0004_search_entry_words_and_spelling'),
        ('facharbeitskreise', '0007_accessevent_into_auditevent'),
        ('fachgebiete', '0007_fachgebiet_content_version'),
        ('partner', '0009_status_and_audit_kinds_of_both'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='SearchWord',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('word', models.CharField(max_length=100, unique=True)),
                    ],
                    options={
                        'verbose_name': 'Suchwort',
                        'verbose_name_plural': 'Suchwörter',
                        'db_table': 'sikoportal_searchword',
                    },
                ),
                migrations.CreateModel(
                    name='SearchEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=30, verbose_name='Art')),
                        ('object_id', models.PositiveBigIntegerField()),
                        ('title', models.CharField(max_length=300, verbose_name='Titel')),
                        ('url', models.CharField(max_length=500)),
                        ('context', models.CharField(blank=True, max_length=300)),
                        ('text_a', models.TextField(blank=True)),
                        ('text_b', models.TextField(blank=True)),
                        ('text_c', models.TextField(blank=True)),
                        ('text_d', models.TextField(blank=True)),
                        ('words', models.TextField(blank=True)),
                        ('keys', models.TextField(blank=True)),
                        ('rubric', models.CharField(max_length=30, verbose_name='Rubrik')),
                        ('date', models.DateField(blank=True, null=True)),
                        ('year', models.PositiveSmallIntegerField(blank=True, null=True)),
                        ('vector', django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                        ('head', django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                        ('folded', models.TextField(blank=True, editable=False)),
                        ('indexed_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('area', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='facharbeitskreise.arbeitsbereich')),
                        ('fachgebiet', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='fachgebiete.fachgebiet')),
                        ('partner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='partner.partner')),
                    ],
                    options={
                        'verbose_name': 'Sucheintrag',
                        'verbose_name_plural': 'Sucheinträge',
                        'db_table': 'sikoportal_searchentry',
                        'constraints': [models.UniqueConstraint(fields=('kind', 'object_id'), name='search_entry_unique')],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back, elidable=True),
    ]
