"""The cache namespace of the site search (toolkit.caching.Namespace): the index, made stale by
whatever rebuilds or updates it (sitesearch.indexing calls SEARCH.changed())."""

from toolkit.caching import Namespace

SEARCH = Namespace("search")
