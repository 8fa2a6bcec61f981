import django.db.models.functions.datetime
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("locations", "0003_texts_in_spanish"),
    ]

    operations = [
        migrations.AddField(
            model_name="location",
            name="changed_at",
            field=models.DateTimeField(
                auto_now=True, db_default=django.db.models.functions.datetime.Now(), verbose_name="last changed"
            ),
        ),
        migrations.AddField(
            model_name="service",
            name="changed_at",
            field=models.DateTimeField(
                auto_now=True, db_default=django.db.models.functions.datetime.Now(), verbose_name="last changed"
            ),
        ),
    ]
