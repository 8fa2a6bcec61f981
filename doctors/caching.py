"""Find a Doctor and Find a Location pages in the shared cache (toolkit.caching), versioned together:
doctor cards show locations, location pages list doctors, so a change to either makes both stale."""

from toolkit.caching import cached_public_page, stale_on_change

cached_directory_page = cached_public_page("directory")
# A signal receiver, also called after bulk changes that send no signals.
directory_changed = stale_on_change("directory")
