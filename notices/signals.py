"""Keep the notice pages true to the documents: a document saved or deleted shows at once.

The pages listing documents are kept in django CMS's placeholder and page caches (and the site's
first layer, which keys on the CMS's version); neither knows about documents, so a change to one
clears the placeholders that hold a documents list and moves the CMS's page cache version.
"""

from django.db import transaction

from toolkit.caching import invalidate_cms_pages

from .models import Documents


def refresh_pages(**kwargs):
    def clear():
        for plugin in Documents.objects.select_related("placeholder"):
            plugin.placeholder.clear_cache(plugin.language)
        invalidate_cms_pages()

    clear()
    # Once more after commit: another process may have cached the old list in between.
    transaction.on_commit(clear)
