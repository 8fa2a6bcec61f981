"""Staff of the intake queues, for the tests: a role, appointments permissions, departments."""

from django.contrib.auth.models import Group, Permission, User

from appointments.models import IntakeAssignment


def intake_staff(username, *permissions, group=None, departments=()):
    """A staff user in `group` (a role of editorial.roles), with `permissions` of the appointments
    app (codenames) and the intake `departments`; not signed in."""
    user = User.objects.create_user(username, password="x", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    for codename in permissions:
        user.user_permissions.add(
            Permission.objects.get(codename=codename, content_type__app_label="appointments")
        )
    for department in departments:
        IntakeAssignment.objects.create(user=user, department=department)
    return User.objects.get(pk=user.pk)  # fresh permission cache
