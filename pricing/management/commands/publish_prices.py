"""Generates, validates and publishes the standard-charges files now (pricing.publishing.publish).

Staff can instead queue a publication, which the mail worker generates within a minute.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from pricing.models import Publication
from pricing.publishing import publish


class Command(BaseCommand):
    help = (
        "Generate the standard-charges files (JSON, CSV tall, CSV wide), check them with CMS's validator "
        "and publish them if it passes all three."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        publication = publish()
        self.stdout.write(f"Publication {publication.pk}: {publication.get_status_display()} in "
                          f"{time.monotonic() - started:.1f} s.")  # fmt: skip
        for key, entry in publication.files.items():
            self.stdout.write(
                f"  {key}: {entry['url']} ({entry['size']:,} bytes, gzip {entry['gzip_size']:,})"
            )
        self.stdout.write(publication.report)
        if publication.status != Publication.Status.PUBLISHED:
            raise CommandError("Nothing was published.")
