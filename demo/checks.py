"""Deployment checks (`manage.py check --deploy`): no one signs in with the demo admin's password."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, check_password
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError, connections, router


@register(Tags.security, deploy=True)
def no_user_has_the_demo_password(app_configs=None, **kwargs):
    """An error for every user who can sign in with load_demo's published password.

    Only active staff with a usable password can sign in (the admin is the site's only login), so
    only they are checked: each check costs one password hash, made slow on purpose (PBKDF2),
    which over every row of a large user table would make the check take minutes. The hashes are
    compared without the model's check_password, which would rewrite a hash made with older
    settings: a check reads, it never writes.
    """
    from demo.management.commands.load_demo import DEMO_ADMIN_PASSWORD

    User = get_user_model()
    database = router.db_for_read(User)
    try:
        if User._meta.db_table not in connections[database].introspection.table_names():
            return []  # not migrated yet: nobody can sign in
        can_sign_in = (
            User._default_manager.using(database)
            .filter(is_active=True, is_staff=True)
            .exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX)
            .values_list(User.USERNAME_FIELD, "password")
        )
        users = list(can_sign_in)
    except DatabaseError as error:
        return [
            Warning(
                f"Could not read the users to look for the demo admin's password ({type(error).__name__}).",
                hint="Run `manage.py check --deploy` where the database is reachable.",
                id="demo.W001",
            )
        ]
    return [
        Error(
            f"The user {username!r} signs in with the demo admin's password (made by load_demo).",
            hint=f"Give them another: `manage.py changepassword {username}`, or deactivate the user.",
            id="demo.E001",
        )
        for username, encoded in users
        if check_password(DEMO_ADMIN_PASSWORD, encoded)
    ]
