"""SocialSharing moves from the page to the page's content (a PageContentExtension), so the sharing
image is versioned with the page. Each page's image is kept: it is put on every content of the
page (every language, draft, published and archived versions alike), so nothing visitors see
changes.

The new table is made under a passing name and renamed once the old one is gone (0004, in a
transaction of its own: PostgreSQL alters no table with rows just written in the same one), so no
index or sequence of the old table stands in the way.
"""

import django.db.models.deletion
import filer.fields.image
from django.conf import settings
from django.db import migrations, models


def images_onto_contents(apps, schema_editor):
    PageSharing = apps.get_model("pages", "SocialSharing")
    ContentSharing = apps.get_model("pages", "ContentSocialSharing")
    PageContent = apps.get_model("cms", "PageContent")
    for sharing in PageSharing.objects.exclude(image=None):
        ContentSharing.objects.bulk_create(
            ContentSharing(extended_object_id=content_id, image_id=sharing.image_id)
            for content_id in PageContent._base_manager.filter(
                page_id=sharing.extended_object_id
            ).values_list("pk", flat=True)
        )


def images_onto_pages(apps, schema_editor):
    """Back to one image a page: the one on its most recent content that has one."""
    PageSharing = apps.get_model("pages", "SocialSharing")
    ContentSharing = apps.get_model("pages", "ContentSocialSharing")
    pages = {}
    for sharing in (
        ContentSharing.objects.exclude(image=None).select_related("extended_object").order_by("pk")
    ):
        pages[sharing.extended_object.page_id] = sharing.image_id
    PageSharing.objects.bulk_create(
        PageSharing(extended_object_id=page_id, image_id=image_id) for page_id, image_id in pages.items()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0045_pageurl_site_unique_path"),
        ("pages", "0002_socialsharing"),
        migrations.swappable_dependency(settings.FILER_IMAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentSocialSharing",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "extended_object",
                    models.OneToOneField(
                        editable=False, on_delete=django.db.models.deletion.CASCADE, to="cms.pagecontent"
                    ),
                ),
                (
                    "image",
                    filer.fields.image.FilerImageField(
                        blank=True,
                        help_text="Shown when the page is shared or linked in social media and messages: "
                        "1200 × 630 pixels is best.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.FILER_IMAGE_MODEL,
                        verbose_name="sharing image",
                    ),
                ),
            ],
            options={
                "verbose_name": "social sharing",
                "verbose_name_plural": "social sharing",
            },
        ),
        migrations.RunPython(images_onto_contents, images_onto_pages),
    ]
