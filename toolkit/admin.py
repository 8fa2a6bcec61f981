"""What the apps' admins share."""


class ReadOnlyAdminMixin:
    """An admin that shows records and never adds, changes or deletes one: a trail of what happened
    (security events, a request's events), or what a job made (the price files' publications)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
