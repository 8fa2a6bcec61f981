"""Migration operations the apps share."""

from django.db import migrations


def postgresql_only(forwards, backwards):
    """Run raw SQL statements (indexes, extensions) on PostgreSQL, and nothing elsewhere.

    SQLite takes simpler paths (word matching instead of full-text and trigram search), so it
    has nothing to create.
    """

    def run(statements):
        def apply(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                for statement in statements:
                    schema_editor.execute(statement)

        return apply

    return migrations.RunPython(run(forwards), run(backwards))
