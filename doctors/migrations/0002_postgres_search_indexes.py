"""Full-text and trigram indexes for the directory's search, on PostgreSQL only.

SQLite searches the plain text instead, so there is nothing to create there.
"""

from django.db import migrations

from toolkit.migration_operations import postgresql_only

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS doctors_search_vector_gin ON doctors_doctor USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS doctors_full_name_trgm ON doctors_doctor USING gin (full_name gin_trgm_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS doctors_full_name_trgm",
    "DROP INDEX IF EXISTS doctors_search_vector_gin",
]



class Migration(migrations.Migration):
    dependencies = [("doctors", "0001_initial")]

    operations = [postgresql_only(CREATE, DROP)]
