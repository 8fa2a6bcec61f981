"""What the apps' admins share."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from .uploads import ConfirmForm


class ReadOnlyAdminMixin:
    """An admin that shows records and never adds, changes or deletes one: a trail of what happened
    (security events, a request's events), or what a job made (the price files' publications)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ImportWithPreviewMixin:
    """A ModelAdmin's import page at `import/` (URL name "<app>_<model>_import"): upload → preview
    (the file's problems, or what it changes) → the import when staff confirm, or cancel. The file
    waits between the two in `import_uploads` (toolkit.uploads.KeptUploads).

    The admin names: `import_uploads`, `import_form_class` (a form with a `file` field),
    `import_template` and `import_title`, and implements can_import(request), preview_upload(kept,
    filename) and import_upload(request, kept, filename) (each returns a report with `ok`; the
    import's has `imported`), and imported_message(report). The template gets `form` (to upload),
    `report`, `confirm` (the form that confirms or cancels, once a preview has no problem) and
    `filename`; the changelist gets `can_import`.
    """

    import_uploads = import_form_class = import_template = import_title = None

    def changelist_view(self, request, extra_context=None):
        # The list's import link (its change_list.html) shows for those who may import.
        extra_context = {
            **(extra_context or {}),
            "can_import": self.can_import(request),
            **self.import_context(request),
        }
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        name = f"{self.model._meta.app_label}_{self.model._meta.model_name}_import"
        return [path("import/", self.admin_site.admin_view(self.import_view), name=name), *super().get_urls()]

    def import_view(self, request):
        if not self.can_import(request):
            raise PermissionDenied
        if request.method == "POST" and "token" in request.POST:
            return self._confirmed(request)
        form = self.import_form_class(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            uploads = self.import_uploads
            pending = uploads.keep(request, form.cleaned_data["file"])
            with uploads.open(pending) as kept:
                report = self.preview_upload(kept, pending["filename"])
            context = {"report": report, "filename": pending["filename"]}
            if not report.ok:
                uploads.forget(request)
                return self.render_import(request, form=self.import_form_class(), **context)
            return self.render_import(
                request, confirm=ConfirmForm(initial={"token": pending["token"]}), **context
            )
        return self.render_import(request, form=form)

    def _confirmed(self, request):
        uploads, names = self.import_uploads, self._url_names()
        pending = uploads.waiting(request, ConfirmForm(request.POST))
        if pending is None:
            messages.warning(request, _("That upload is no longer waiting: upload the file again."))
            return redirect(names["import"])
        if "cancel" in request.POST:
            uploads.forget(request)
            messages.info(request, _("The import was cancelled: nothing changed."))
            return redirect(names["changelist"])
        with uploads.open(pending) as kept:
            report = self.import_upload(request, kept, pending["filename"])
        uploads.forget(request)
        if not report.imported:  # the database changed between the preview and the import
            return self.render_import(
                request, form=self.import_form_class(), report=report, filename=pending["filename"]
            )
        messages.success(request, self.imported_message(report))
        return redirect(names["changelist"])

    def _url_names(self):
        prefix = f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}"
        return {"import": f"{prefix}_import", "changelist": f"{prefix}_changelist"}

    def import_context(self, request):
        """More for the import page's template and the list's (the admin may add to it)."""
        return {}

    def render_import(self, request, **context):
        context = {
            **self.admin_site.each_context(request),
            "title": self.import_title,
            "opts": self.model._meta,
            **self.import_context(request),
            **context,
        }
        return TemplateResponse(request, self.import_template, context)
