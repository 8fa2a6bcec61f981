"""The mail worker: sends queued e-mail that is due, and retries what failed; also runs the daily
purge of old requests (appointments.schedule), once a day between all the workers."""

import time

from django.core.management.base import BaseCommand

from appointments.outbox import send_due
from appointments.schedule import Schedule


class Command(BaseCommand):
    help = (
        "Send the queued e-mails that are due (once, or with --loop until stopped), and purge old "
        "requests when the last purge is PURGE_INTERVAL_HOURS old."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, checking every --interval.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between checks (default 5).")
        parser.add_argument("--batch", type=int, default=50, help="E-mails sent per round at most.")

    def handle(self, *args, loop, interval, batch, **options):
        schedule = Schedule()
        while True:
            schedule.run_due()
            sent = failed = 0
            while True:  # drain what is due
                round_sent, round_failed = send_due(batch=batch)
                sent, failed = sent + round_sent, failed + round_failed
                if round_sent + round_failed < batch or round_failed:
                    break
            if sent or failed or not loop:
                self.stdout.write(f"Sent {sent}, failed {failed} (will be retried).")
            if not loop:
                return
            time.sleep(interval)
