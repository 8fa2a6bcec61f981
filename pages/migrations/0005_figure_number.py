"""A figure's number becomes a number, with the editor's text before and after it, so that each page
writes it its own language's way: "+$1,000 M" typed on a Spanish page becomes "+$", 1000 and " M"."""

import re
from decimal import Decimal, InvalidOperation

from django.core.validators import MinValueValidator
from django.db import migrations, models

# Text before the number, the number (digits, with "," or "." between groups or before decimals), after.
FIGURE = re.compile(r"^(?P<prefix>[^\d]*?)(?P<number>\d[\d.,]*)(?P<suffix>.*)$")


def read_number(written, language):
    """The number in `written`: commas group thousands in English, full stops do in Spanish."""
    group, decimal = (".", ",") if language == "es" else (",", ".")
    digits = written.replace(group, "").replace(decimal, ".")
    try:
        return Decimal(digits)
    except InvalidOperation:
        return Decimal(re.sub(r"\D", "", written) or 0)


def split_values(apps, schema_editor):
    Figure = apps.get_model("pages", "Figure")
    for figure in Figure.objects.all():
        found = FIGURE.match(figure.value.strip())
        if found:
            figure.prefix, figure.suffix = found["prefix"][:8], found["suffix"][:12]
            # "1,000" with three digits after the only separator groups thousands in either language.
            written = found["number"]
            if re.fullmatch(r"\d{1,3}([.,]\d{3})+", written):
                figure.number = Decimal(re.sub(r"[.,]", "", written))
            else:
                figure.number = read_number(written, figure.language)
        else:  # no number at all: keep the words before a zero, for the editor to see and fix
            figure.prefix, figure.number, figure.suffix = figure.value[:8], Decimal(0), ""
        figure.save(update_fields=["prefix", "number", "suffix"])


def join_values(apps, schema_editor):
    Figure = apps.get_model("pages", "Figure")
    for figure in Figure.objects.all():
        number = figure.number.normalize() if figure.number % 1 else figure.number.quantize(1)
        figure.value = f"{figure.prefix}{number}{figure.suffix}"[:20]
        figure.save(update_fields=["value"])


class Migration(migrations.Migration):
    dependencies = [("pages", "0004_socialsharing_rename")]

    operations = [
        migrations.AddField(
            model_name="figure",
            name="prefix",
            field=models.CharField(
                blank=True, help_text='e.g. "$", "~", "+", "#"', max_length=8, verbose_name="before the number"
            ),
        ),
        migrations.AddField(
            model_name="figure",
            name="number",
            field=models.DecimalField(decimal_places=2, max_digits=12, null=True, verbose_name="number"),
        ),
        migrations.AddField(
            model_name="figure",
            name="suffix",
            field=models.CharField(
                blank=True, help_text='e.g. "B+", " M", "%"', max_length=12, verbose_name="after the number"
            ),
        ),
        migrations.RunPython(split_values, join_values),
        migrations.RemoveField(model_name="figure", name="value"),
        migrations.AlterField(
            model_name="figure",
            name="number",
            field=models.DecimalField(
                decimal_places=2,
                help_text="e.g. 1200",
                max_digits=12,
                validators=[MinValueValidator(0)],
                verbose_name="number",
            ),
        ),
    ]
