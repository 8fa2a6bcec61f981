"""Trigram indexes on first and last names (PostgreSQL only) for finding misspelt names.

Word similarity on the full name (the index of 0002) could not be planned well: PostgreSQL
preferred comparing every row. Plain similarity on each name, one GIN index each, answers in a
millisecond or two.
"""

from django.db import migrations

from toolkit.migration_operations import postgresql_only

CREATE = [
    "CREATE INDEX IF NOT EXISTS doctors_last_name_trgm ON doctors_doctor USING gin (last_name gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS doctors_first_name_trgm ON doctors_doctor USING gin (first_name gin_trgm_ops)",
    "DROP INDEX IF EXISTS doctors_full_name_trgm",
]
DROP = [
    "DROP INDEX IF EXISTS doctors_last_name_trgm",
    "DROP INDEX IF EXISTS doctors_first_name_trgm",
    "CREATE INDEX IF NOT EXISTS doctors_full_name_trgm ON doctors_doctor USING gin (full_name gin_trgm_ops)",
]



class Migration(migrations.Migration):
    dependencies = [("doctors", "0003_search_words_apart")]

    operations = [postgresql_only(CREATE, DROP)]
