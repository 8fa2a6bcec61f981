from django.db import migrations, models
from django.utils.text import slugify


def slugs_from_names(apps, schema_editor):
    """Each payer's slug from its name, made unique with a number where two would be alike."""
    Payer = apps.get_model("pricing", "Payer")
    taken = set()
    for payer in Payer.objects.order_by("pk"):
        base = slugify(payer.name)[:190] or "payer"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        payer.slug = slug
        payer.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("pricing", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="payer",
            name="slug",
            # No index yet: the unique one comes with the slugs (two would share a name on PostgreSQL).
            field=models.SlugField(db_index=False, max_length=200, null=True, verbose_name="slug"),
        ),
        migrations.RunPython(slugs_from_names, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="payer",
            name="slug",
            field=models.SlugField(max_length=200, unique=True, verbose_name="slug"),
        ),
    ]
