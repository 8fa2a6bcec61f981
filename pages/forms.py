"""Form behaviour shared by every form of the site."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class DescribedErrorsMixin:
    """Ties each field's error message to its input (aria-describedby), so screen readers read it.

    Django marks an invalid input with aria-invalid; the message beside it is rendered by
    templates/includes/forms/field.html with the id "<field id>_error" (help text: "<field id>_helptext").
    """

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            ids = [f"{bound.auto_id}_error"]
            if self.fields[name].help_text:
                ids.append(f"{bound.auto_id}_helptext")  # the id Django itself uses for help text
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)


class FastSelect(forms.Select):
    """A select that writes its options in Python.

    Django renders each option through a template of its own, which for the directory's long
    lists (specialties, locations, languages) costs more than the search itself.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    option["value"] if option["value"] is not None else "",
                    " selected" if option["selected"] else "",
                    option["label"],
                )
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )
