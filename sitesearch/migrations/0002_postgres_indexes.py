"""The page texts' full-text and title trigram indexes, on PostgreSQL only (SQLite matches words)."""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS sitesearch_pagetext_vector_gin ON sitesearch_pagetext USING gin (vector)",
    "CREATE INDEX IF NOT EXISTS sitesearch_pagetext_title_trgm ON sitesearch_pagetext USING gin (title gin_trgm_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS sitesearch_pagetext_title_trgm",
    "DROP INDEX IF EXISTS sitesearch_pagetext_vector_gin",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0001_initial")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]
