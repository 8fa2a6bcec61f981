import pytest
from django.contrib.auth.models import Group, User

from editorial.roles import setup_roles


@pytest.fixture
def roles(demo):
    setup_roles()


@pytest.fixture
def person(roles):
    """A staff member in one of the role groups: person("Editor")."""

    def make(group, username=None):
        user = User.objects.create_user(
            username or group.lower().replace(" ", "-"), password="x", is_staff=True
        )
        user.groups.add(Group.objects.get(name=group))
        return User.objects.get(pk=user.pk)

    return make
