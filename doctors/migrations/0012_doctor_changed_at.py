import django.db.models.functions.datetime
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("doctors", "0011_accepted_plans"),
    ]

    operations = [
        migrations.AddField(
            model_name="doctor",
            name="changed_at",
            field=models.DateTimeField(
                auto_now=True, db_default=django.db.models.functions.datetime.Now(), verbose_name="last changed"
            ),
        ),
    ]
