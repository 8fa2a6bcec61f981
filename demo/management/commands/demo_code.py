"""Print the demo admin's current sign-in code, on a laptop only.

The demo admin signs in with a second factor like all staff; on a laptop its authenticator is a
secret kept in the database (made by load_demo), and this command is the phone. With DEBUG off it
refuses: in production every staff member's second factor is their own.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.management.commands.load_demo import DEMO_ADMIN_USERNAME


class Command(BaseCommand):
    help = "Print the demo admin's current two-factor code and its authenticator key (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("DEBUG is off: the demo admin's code is for a laptop only.")
        user = get_user_model().objects.filter(username=DEMO_ADMIN_USERNAME).first()
        device = TOTPDevice.objects.filter(user=user, name="default").first() if user else None
        if device is None:
            raise CommandError("No demo admin authenticator: run `manage.py load_demo` first.")
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        digits = device.digits
        self.stdout.write(f"Code for {user.username}, good for {device.step} s at most: {code:0{digits}d}")
        self.stdout.write(f"To use an authenticator app instead, add this key: {device.config_url}")
