"""Keep the doctor table narrow on PostgreSQL: the search columns go out of line (TOAST).

Filters and sorts read every doctor row; the search text and vector make up most of a row's
width but are only read through their own indexes, so they are moved out of the main table.
"""

from django.db import migrations


def run(statement):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("doctors", "0002_postgres_search_indexes")]

    operations = [
        migrations.RunPython(
            run("ALTER TABLE doctors_doctor SET (toast_tuple_target = 256)"),
            run("ALTER TABLE doctors_doctor RESET (toast_tuple_target)"),
        )
    ]
