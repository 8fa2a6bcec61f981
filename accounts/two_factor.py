"""Two-factor sign-in for staff: the admin's login page, enrolment, recovery codes, the CMS toolbar.

Built on django-two-factor-auth (django-otp underneath): codes from an authenticator app (TOTP),
single-use recovery codes, and WebAuthn passkeys. Staff reach nothing in the admin (where appointment
requests, medical records, publishing and users are) until their session has passed a second factor.
"""

from cms.middleware.toolbar import ToolbarMiddleware
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from two_factor.utils import default_device
from two_factor.views import BackupTokensView, LoginView, SetupView

from editorial.roles import edits_cms_content

RECOVERY_CODES = 10


def needs_enrolment(user):
    """Signed in with a password, staff, and no second factor yet: enrolling is all they may do."""
    return user.is_authenticated and user.is_staff and not default_device(user)


def make_recovery_codes(user):
    """A fresh set of single-use recovery codes, for the day the phone or the passkey is lost."""
    device, _created = user.staticdevice_set.get_or_create(defaults={"name": "backup"})
    device.token_set.all().delete()
    for _number in range(RECOVERY_CODES):
        device.token_set.create(token=StaticToken.random_token())
    return device


def admin_login(site, request, extra_context=None):
    """The admin site's login page: django-two-factor-auth's password-then-code wizard.

    Staff already verified go on to the admin; staff signed in without a second factor, who have
    none yet, go to enrolment (with where they were going, to come back to it).
    """
    next_url = request.POST.get(REDIRECT_FIELD_NAME, request.GET.get(REDIRECT_FIELD_NAME, ""))
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, request.is_secure()
    ):
        next_url = ""
    if request.method == "GET" and site.has_permission(request):
        # An address, never a URL name (redirect() would try to reverse any text without a slash).
        return HttpResponseRedirect(next_url or reverse("admin:index", current_app=site.name))
    if needs_enrolment(request.user):
        request.session["next"] = next_url or reverse("admin:index", current_app=site.name)
        return redirect("two_factor:setup")
    context = {
        **site.each_context(request),
        "title": _("Log in"),
        "subtitle": None,
        REDIRECT_FIELD_NAME: next_url,
        **(extra_context or {}),
    }
    return StaffLoginView.as_view(extra_context=context)(request)


class AddressOnlyRedirect:
    """`next` is followed only when it is an address on this site: the library hands it to
    redirect(), which would take any text without a slash for a URL name (a 500 on nonsense)."""

    def get_redirect_url(self):
        url = super().get_redirect_url()
        return url if url.startswith("/") else ""


class StaffLoginView(AddressOnlyRedirect, LoginView):
    """Password first (django-axes counts the failures and locks out), then a code or a passkey.

    Staff with no second factor yet are signed in by the password alone, as they must be to enrol,
    and sent straight to enrolment: the admin refuses their session until they have.
    """

    def get_form(self, step=None, **kwargs):
        form = super().get_form(step, **kwargs)
        if "otp_token" in form.fields:
            report_beside_the_field(form, "otp_token")
        return form

    def done(self, form_list, **kwargs):
        response = super().done(form_list, **kwargs)
        if needs_enrolment(self.get_user()):
            self.request.session["next"] = self.get_success_url()
            return redirect("two_factor:setup")
        return response


def report_beside_the_field(form, name):
    """django-otp reports a wrong code as the whole form's error; staff (and screen readers, through
    the field's aria-describedby) find it beside the code's field, as on every form of the site."""
    clean = form.clean

    def clean_with_the_error_beside_the_field():
        try:
            return clean()
        except ValidationError as error:
            form.add_error(name, error)
            return form.cleaned_data

    form.clean = clean_with_the_error_beside_the_field


class StaffSetupView(AddressOnlyRedirect, SetupView):
    """Enrolment: a code from an authenticator app (scanning a QR code served from this site) or a
    passkey. It ends on the recovery codes, made at once, so nobody holds one factor only.

    Only for staff who have no second factor yet: one who has must sign in with it to add another,
    or a stolen password alone could enrol the thief's phone.
    """

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not user.is_verified() and default_device(user):
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)

    def done(self, form_list, **kwargs):
        super().done(form_list, **kwargs)
        make_recovery_codes(self.request.user)
        return redirect("two_factor:backup_tokens")


class RecoveryCodesView(BackupTokensView):
    """The recovery codes, shown after enrolment and on demand (making new ones voids the old),
    with the way on to where the staff member was going when they were asked to enrol."""

    def get_context_data(self, **kwargs):
        continue_url = self.request.session.pop("next", None) or reverse("admin:index")
        return {**super().get_context_data(**kwargs), "continue_url": continue_url}


class VerifiedToolbarMiddleware(ToolbarMiddleware):
    """django CMS's toolbar middleware, which shows the toolbar to any staff user: here only to
    staff whose session passed a second factor (the endpoints it calls are admin views, which refuse
    the others anyway)."""

    def is_cms_request(self, request):
        user = request.user
        if user.is_staff and not user.is_verified():
            return False
        if user.is_staff and not edits_cms_content(user):
            # Intake and directory staff keep the visitors' Content-Security-Policy on the site,
            # under which the toolbar's inline scripts would not run (mgh_site.middleware).
            return False
        return super().is_cms_request(request)


def demo_authenticator(user):
    """The demo admin's authenticator on a laptop: a secret made once and kept in the database, whose
    current code `manage.py demo_code` prints, so a newcomer signs in without a phone."""
    return TOTPDevice.objects.get_or_create(user=user, name="default", defaults={"confirmed": True})[0]
