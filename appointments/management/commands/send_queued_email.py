"""The mail worker: sends queued e-mail that is due, and retries what failed."""

import time

from django.core.management.base import BaseCommand

from appointments.outbox import send_due


class Command(BaseCommand):
    help = "Send the queued e-mails that are due (once, or with --loop until stopped)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, checking every --interval.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between checks (default 5).")
        parser.add_argument("--batch", type=int, default=50, help="E-mails sent per round at most.")

    def handle(self, *args, loop, interval, batch, **options):
        while True:
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
