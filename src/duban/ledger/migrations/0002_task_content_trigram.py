"""A trigram index for the task search on PostgreSQL; nothing on SQLite.

The search is Django's icontains, which PostgreSQL runs as
UPPER(content) LIKE UPPER('%词%'): the index is on that expression so the
planner can use it. Trigram indexes serve words of three or more characters;
for shorter ones PostgreSQL scans, which is fast at a plan's size anyway.
The extension is left in place on reversal: other objects may use it.
"""

from django.db import migrations

INDEX = "ledger_task_content_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON ledger_task USING gin (UPPER(content) gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
