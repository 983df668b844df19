"""Issue 15: the lexicon of the index's vectors, for prefixes of query words (see SearchLexeme)."""

from django.db import migrations, models


def fill(apps, schema_editor):
    """The lexemes of the vectors written so far (PostgreSQL; SQLite has no vectors)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "INSERT INTO suche_searchlexeme (lexeme) SELECT DISTINCT unnest(tsvector_to_array(vector)) "
        "FROM sikoportal_searchentry WHERE vector IS NOT NULL ON CONFLICT (lexeme) DO NOTHING"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('suche', '0002_arbeitskreis_names'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchLexeme',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('lexeme', models.TextField(unique=True)),
            ],
            options={
                'verbose_name': 'Lexem',
                'verbose_name_plural': 'Lexeme',
                'indexes': [models.Index(fields=['lexeme'], name='search_lexeme_prefix', opclasses=['text_pattern_ops'])],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
