from django.core.files.storage import FileSystemStorage


class NoPublicURL:
    """A storage whose files have no address: staff get them through a permission-checked view."""

    def url(self, name, *args, **kwargs):
        raise ValueError("Private files have no URL: serve them through a view that checks permission.")


class PrivateFileSystemStorage(NoPublicURL, FileSystemStorage):
    """Patients' files on this server's disk, apart from the public media."""
