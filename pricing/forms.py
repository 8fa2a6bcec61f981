"""The admin's forms for the chargemaster: uploading the billing system's file, confirming its import."""

from pathlib import PurePath

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

EXTENSIONS = (".csv", ".json")
# A chargemaster of a million rates is a few hundred megabytes of CSV. The request's body is held to
# the same limit before it is read (mgh_site/body_limits.py, deploy/nginx/mgh-proxy.conf).
MAX_UPLOAD_BYTES = 500 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Chargemaster file"),
        help_text=_(
            "The file the billing system exports in CMS's template, version 3.0: JSON, tall CSV or wide CSV "
            "(not zipped)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(_("Upload a .csv or .json file, as CMS's template names them."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s: the largest accepted is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_UPLOAD_BYTES)}
            )
        return upload
