"""An upload kept between its preview and the staff member's confirmation, for the admin's imports
(the chargemaster, the patient experience surveys).

The file waits in the private storage (no address of its own), named by a random token that only
the uploader's session holds. It is deleted once imported or cancelled, and any left behind by an
abandoned preview is deleted a day later, when anyone next uploads to the same folder.
"""

import secrets
from datetime import timedelta
from pathlib import PurePath

from django import forms
from django.core.files.storage import storages
from django.utils import timezone

ABANDONED_AFTER = timedelta(days=1)


class ConfirmForm(forms.Form):
    """The second step names the file kept from the first by its random token."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)


class KeptUploads:
    """Uploads waiting in `folder` of the private storage, each session's under `session_key`."""

    def __init__(self, folder, session_key):
        self.folder, self.session_key = folder, session_key

    @property
    def storage(self):
        return storages["private"]

    def keep(self, request, upload):
        """Keep the file for the confirmation, under a token only this session knows. Returns
        {"token", "name" (in the storage), "filename" (as uploaded, without its folders)}."""
        self.forget(request)
        self.delete_abandoned()
        token = secrets.token_urlsafe(24)
        name = self.storage.save(f"{self.folder}/{token}{PurePath(upload.name).suffix.lower()}", upload)
        pending = {"token": token, "name": name, "filename": PurePath(upload.name).name}
        request.session[self.session_key] = pending
        return pending

    def open(self, pending):
        return self.storage.open(pending["name"], "rb")

    def waiting(self, request, form):
        """The upload this session keeps, when `form` (a bound ConfirmForm) names it; else None."""
        pending = request.session.get(self.session_key) or {}
        if not (form.is_valid() and pending and self.storage.exists(pending["name"])):
            return None
        return pending if secrets.compare_digest(form.cleaned_data["token"], pending["token"]) else None

    def forget(self, request):
        """Delete this session's upload, if it keeps one."""
        pending = request.session.pop(self.session_key, None)
        if pending:
            self.storage.delete(pending["name"])

    def delete_abandoned(self):
        """Uploads whose preview nobody confirmed or cancelled, a day later."""
        for name in self.listed():
            path = f"{self.folder}/{name}"
            if self.storage.get_modified_time(path) < timezone.now() - ABANDONED_AFTER:
                self.storage.delete(path)

    def listed(self):
        """The names of the uploads waiting (for tests and checks)."""
        try:
            return self.storage.listdir(self.folder)[1]
        except FileNotFoundError:
            return []
