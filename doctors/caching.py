"""Find a Doctor and Find a Location pages in the shared cache (pages.caching), versioned together:
doctor cards show locations, location pages list doctors, so a change to either makes both stale."""

from pages.caching import cached_public_page, data_changed

cached_directory_page = cached_public_page("directory")


def directory_changed(**kwargs):
    """Signal receiver (and plain function): the directory's data changed."""
    data_changed("directory")
