"""The page texts' full-text and title trigram indexes, on PostgreSQL only (SQLite matches words)."""

from django.db import migrations

from toolkit.migration_operations import postgresql_only

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS sitesearch_pagetext_vector_gin ON sitesearch_pagetext USING gin (vector)",
    "CREATE INDEX IF NOT EXISTS sitesearch_pagetext_title_trgm ON sitesearch_pagetext USING gin (title gin_trgm_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS sitesearch_pagetext_title_trgm",
    "DROP INDEX IF EXISTS sitesearch_pagetext_vector_gin",
]



class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0001_initial")]

    operations = [postgresql_only(CREATE, DROP)]
