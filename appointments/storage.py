from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """Files with no public address: staff get them through a permission-checked view only."""

    def url(self, name):
        raise ValueError("Private files have no URL: serve them through a view that checks permission.")
