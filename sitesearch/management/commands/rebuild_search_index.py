from django.core.management.base import BaseCommand

from sitesearch.indexing import index_all


class Command(BaseCommand):
    help = "Gather the words of every published CMS page again for the site search."

    def handle(self, *args, **options):
        self.stdout.write(f"Indexed {index_all()} published page(s).")
