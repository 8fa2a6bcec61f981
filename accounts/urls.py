"""The two-factor screens (under /<lang>/admin/two-factor/): enrolment, its QR code, recovery codes,
the staff member's own page, and the scripts of passkeys. Signing in is the admin's login page.

django-two-factor-auth's own URLs are not used whole: they add a second login page, and a page to
turn two-factor sign-in off, which staff may not.
"""

from django.urls import include, path
from two_factor.views import ProfileView, QRGeneratorView, SetupCompleteView

from .two_factor import RecoveryCodesView, StaffSetupView

app_name = "two_factor"  # the library's templates and views reverse these names

urlpatterns = [
    path("", ProfileView.as_view(), name="profile"),
    path("setup/", StaffSetupView.as_view(), name="setup"),
    path("setup/qrcode/", QRGeneratorView.as_view(), name="qr"),
    path("setup/complete/", SetupCompleteView.as_view(), name="setup_complete"),
    path("recovery-codes/", RecoveryCodesView.as_view(), name="backup_tokens"),
    path("webauthn/", include("two_factor.plugins.webauthn.urls")),
]
