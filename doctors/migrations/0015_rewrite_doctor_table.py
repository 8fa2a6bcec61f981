"""The doctor table rewritten without the columns 0014 dropped (PostgreSQL only).

PostgreSQL drops a column by hiding it: every row keeps its old width until it is written again. As
the directory's queries read the whole table, the rows are rewritten narrow once, here: VACUUM FULL,
which takes the table's lock while it runs (about a second for 100,000 doctors). It cannot run in a
transaction, so this migration is not atomic; it changes no data, and run again it does the same.
"""

from django.db import migrations


def rewrite(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = schema_editor.quote_name(apps.get_model("doctors", "Doctor")._meta.db_table)
        schema_editor.execute(f"VACUUM FULL ANALYZE {table}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("doctors", "0014_clinical_interests_apart"),
    ]

    operations = [
        migrations.RunPython(rewrite, migrations.RunPython.noop, elidable=True),
    ]
