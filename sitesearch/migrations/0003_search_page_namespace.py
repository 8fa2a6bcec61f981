"""The Search page's apphook instance is named after the app, "sitesearch", as its URLs now are."""

from django.db import migrations


def rename(old, new):
    def run(apps, schema_editor):
        Page = apps.get_model("cms", "Page")
        pages = Page.objects.filter(application_urls="SearchApphook", application_namespace=old)
        pages.update(application_namespace=new)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("sitesearch", "0002_postgres_indexes"),
        ("cms", "0045_pageurl_site_unique_path"),
    ]

    operations = [migrations.RunPython(rename("search", "sitesearch"), rename("sitesearch", "search"))]
