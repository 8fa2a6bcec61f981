"""Form behaviour shared by every form of the site."""


class DescribedErrorsMixin:
    """Ties each field's error message to its input (aria-describedby), so screen readers read it.

    Django marks an invalid input with aria-invalid; the message beside it is rendered by
    templates/includes/forms/field.html with the id "<field id>_error".
    """

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            ids = [f"{bound.auto_id}_error"]
            if self.fields[name].help_text:
                ids.append(f"{bound.auto_id}_help")
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)
