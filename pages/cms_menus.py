"""Puts the record an app page shows (a doctor, a location) into the breadcrumbs, under its page.

A modifier rather than a menu of every record: the directory holds thousands, and menus are
cached whole, so only the one record of the request is added, and only to breadcrumbs. App views
name it (or a step of their own, as a (title, URL) pair) with toolkit.views.show_in_breadcrumbs().
"""

from menus.base import Modifier, NavigationNode
from menus.menu_pool import menu_pool


@menu_pool.register_modifier
class RecordBreadcrumb(Modifier):
    def modify(self, request, nodes, namespace, root_id, post_cut, breadcrumb):
        records = getattr(request, "breadcrumb_records", None)
        if not breadcrumb or not records:
            return nodes
        parent = next((node for node in nodes if node.selected), None)
        if parent is None:
            return nodes
        parent.selected = False
        for record in records:
            if isinstance(record, tuple):  # a step of the app's own: (title, URL)
                title, url = record
                node = NavigationNode(str(title), url, f"step-{url}")
            else:
                node = NavigationNode(
                    str(record), record.get_absolute_url(), f"record-{record._meta.label}-{record.pk}"
                )
            node.parent = parent
            parent.children.append(node)
            parent.ancestor = True
            nodes.append(node)
            parent = node
        parent.selected = True
        return nodes
