"""Move the search words out of the doctor's row into their own table (DoctorSearch).

Every filter and sort of the directory reads the doctor table; the search text and vector were
most of its width. The words move over as they are; on PostgreSQL the vectors are rebuilt and
get their GIN index on the new table (the old index went with the old column).
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


def copy_words(apps, schema_editor):
    Doctor = apps.get_model("doctors", "Doctor")
    DoctorSearch = apps.get_model("doctors", "DoctorSearch")
    rows = Doctor.objects.values_list("pk", "search_text").iterator(chunk_size=2000)
    batch = []
    for pk, text in rows:
        batch.append(DoctorSearch(doctor_id=pk, text=text or ""))
        if len(batch) == 2000:
            DoctorSearch.objects.bulk_create(batch)
            batch = []
    DoctorSearch.objects.bulk_create(batch)


def index_words(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("UPDATE doctors_doctorsearch SET vector = to_tsvector('english'::regconfig, text)")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS doctors_doctorsearch_vector_gin ON doctors_doctorsearch USING gin (vector)"
    )


def unindex_words(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS doctors_doctorsearch_vector_gin")


class Migration(migrations.Migration):
    dependencies = [("doctors", "0002_postgres_search_indexes")]

    operations = [
        migrations.CreateModel(
            name="DoctorSearch",
            fields=[
                (
                    "doctor",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search",
                        serialize=False,
                        to="doctors.doctor",
                    ),
                ),
                ("text", models.TextField(blank=True)),
                ("vector", django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={"verbose_name": "search words", "verbose_name_plural": "search words"},
        ),
        migrations.RunPython(copy_words, migrations.RunPython.noop),
        migrations.RemoveField(model_name="doctor", name="search_text"),
        migrations.RemoveField(model_name="doctor", name="search_vector"),
        migrations.RunPython(index_words, unindex_words),
    ]
