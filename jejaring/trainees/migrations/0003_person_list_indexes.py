from django.db import migrations, models

# Django's icontains on PostgreSQL is `UPPER("full_name"::text) LIKE UPPER('%…%')`, so the
# trigram index is on that expression. pg_trgm is a trusted extension (PostgreSQL 13+): the
# database owner may create it. SQLite has no trigram index; the plain index on
# (full_name, id) serves the list's order there.
TRIGRAM_INDEX = (
    "CREATE INDEX IF NOT EXISTS person_name_trgm ON trainees_person "
    "USING gin ((UPPER(full_name::text)) gin_trgm_ops)"
)


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(TRIGRAM_INDEX)


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS person_name_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("trainees", "0002_identity_verification"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["full_name", "id"], name="person_name_id"),
        ),
        migrations.RunPython(create_trigram_index, drop_trigram_index, elidable=False),
    ]
