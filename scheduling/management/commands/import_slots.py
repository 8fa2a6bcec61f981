"""manage.py import_slots: read the SMART Scheduling Links feeds (scheduling.feeds)."""

from django.core.management.base import BaseCommand, CommandError

from scheduling.feeds import FeedError, import_all, import_feed
from scheduling.models import Feed


class Command(BaseCommand):
    help = (
        "Read open appointment times from SMART Scheduling Links feeds: every feed in the admin, or the "
        "one at --url (added as a feed). Only what changed since the last run, unless --full."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", help="a $bulk-publish manifest's address, or a path to one")
        parser.add_argument(
            "--name",
            default="",
            help="the feed's name: the feed of that name is now at --url (default: the address)",
        )
        parser.add_argument(
            "--full", action="store_true", help="read everything, and delete what is not listed"
        )

    def handle(self, *args, url=None, name="", full=False, **options):
        if url:
            if name:  # the feed of that name, now at this address
                feed, _ = Feed.objects.update_or_create(name=name[:120], defaults={"url": url})
            else:
                feed, _ = Feed.objects.get_or_create(url=url, defaults={"name": url[:120]})
            results = {}
            try:
                results[feed] = import_feed(feed, full=full)
            except FeedError as error:
                results[feed] = error
        else:
            results = import_all(full=full)
        failed = False
        for feed, result in results.items():
            if isinstance(result, FeedError):
                failed = True
                self.stderr.write(f"{feed.name}: not imported: {result}")
            else:
                self.stdout.write(f"{feed.name}: {result}")
        if failed:
            raise CommandError("A feed could not be read; what was shown before is unchanged.")
