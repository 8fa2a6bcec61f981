"""Clinical interests left the doctor's row for one of their own (doctors 0014): what a database held
is carried over, in every language, and back again if the migration is undone."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from doctors.models import ClinicalInterests

BEFORE = ("doctors", "0013_practice_next_opening")


def migrate(*targets):
    executor = MigrationExecutor(connection)
    executor.migrate(list(targets) or executor.loader.graph.leaf_nodes())
    return MigrationExecutor(connection).loader.project_state(list(targets) or None).apps


@pytest.mark.django_db(transaction=True)
def test_interests_move_to_their_own_row_and_back():
    old = migrate(BEFORE)
    Doctor = old.get_model("doctors", "Doctor")
    written = Doctor.objects.create(
        first_name="Ana",
        last_name="Ruiz",
        full_name="Ana Ruiz",
        slug="ana-ruiz",
        clinical_interests="Sports injuries.",
        clinical_interests_en="Sports injuries.",
        clinical_interests_es="Lesiones deportivas.",
        credentials="MD",
        npi="1234567893",
    )
    Doctor.objects.create(
        first_name="Ben",
        last_name="Ode",
        full_name="Ben Ode",
        slug="ben-ode",
        credentials="MD",
        npi="1245319599",
    )
    try:
        migrate()
        (row,) = ClinicalInterests.objects.all()  # none for the doctor without any
        assert (row.doctor_id, row.text_en, row.text_es) == (
            written.pk,
            "Sports injuries.",
            "Lesiones deportivas.",
        )

        old = migrate(BEFORE)
        back = old.get_model("doctors", "Doctor").objects.get(pk=written.pk)
        assert (back.clinical_interests_en, back.clinical_interests_es) == (
            "Sports injuries.",
            "Lesiones deportivas.",
        )
    finally:
        migrate()
