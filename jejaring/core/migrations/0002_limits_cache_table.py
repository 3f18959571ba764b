"""The table of the database cache behind jejaring.core.limits, so that `migrate` alone
prepares a deployment (no separate `createcachetable`). The name matches the "limits"
cache's LOCATION in config/settings/base.py. With REDIS_URL set the table is unused."""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "jejaring_cache"


def create(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    # Creates the table and its index the way `createcachetable` does; skips it when it
    # already exists (a deployment that ran createcachetable before this migration).
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
