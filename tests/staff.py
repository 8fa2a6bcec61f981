"""Signing staff in for tests, the way the site lets them in: with a second factor."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_device(user):
    """The user's authenticator app, as the site knows it (made on first use)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="default", confirmed=True)


def current_code(device):
    """The code the user's authenticator app shows now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def sign_in(client, user):
    """Sign `user` in on the test `client` with a password and a second factor; return the client.

    Like django_otp.login after the two-factor login form: the session names the verified device.
    """
    device = totp_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def password_step(username, password, next_url=None):
    """The login form's first step (the wizard's fields): user name and password."""
    data = {"staff_login_view-current_step": "auth", "auth-username": username, "auth-password": password}
    return {**data, "next": next_url} if next_url else data


def code_step(code, step="token"):
    """The login form's second step: a code from the app ("token") or a recovery code ("backup")."""
    return {"staff_login_view-current_step": step, f"{step}-otp_token": code}
