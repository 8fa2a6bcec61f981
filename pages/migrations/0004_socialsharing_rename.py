"""The second half of 0003: the page's SocialSharing goes, the content's takes its name."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0003_socialsharing_on_page_content"),
    ]

    operations = [
        migrations.DeleteModel(name="SocialSharing"),
        migrations.RenameModel(old_name="ContentSocialSharing", new_name="SocialSharing"),
    ]
