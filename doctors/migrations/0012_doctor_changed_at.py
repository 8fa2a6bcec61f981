import django.utils.timezone
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
                auto_now=True, default=django.utils.timezone.now, verbose_name="card last changed"
            ),
            preserve_default=False,
        ),
    ]
