"""Work out every doctor's rating again from the surveys of the period (the mail worker does it daily)."""

from django.core.management.base import BaseCommand

from doctors.ratings import refresh


class Command(BaseCommand):
    help = "Work out every doctor's rating again from the post-visit surveys of the rating period."

    def handle(self, *args, **options):
        self.stdout.write(f"{refresh()} doctors have surveys in the rating period.")
