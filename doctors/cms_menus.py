"""Puts the doctor being viewed into the breadcrumbs, under the Find a Doctor page.

A modifier rather than a menu of every doctor: the directory holds thousands, and menus are
cached whole, so only the one doctor of the request is added, and only to breadcrumbs.
"""

from menus.base import Modifier, NavigationNode
from menus.menu_pool import menu_pool


@menu_pool.register_modifier
class DoctorBreadcrumb(Modifier):
    def modify(self, request, nodes, namespace, root_id, post_cut, breadcrumb):
        doctor = getattr(request, "doctor", None)
        if not breadcrumb or doctor is None:
            return nodes
        parent = next((node for node in nodes if node.selected), None)
        if parent is None:
            return nodes
        node = NavigationNode(
            doctor.display_name, doctor.get_absolute_url(), f"doctor-{doctor.pk}", parent.id
        )
        node.parent = parent
        parent.children.append(node)
        parent.selected = False
        parent.ancestor = True
        node.selected = True
        nodes.append(node)
        return nodes
