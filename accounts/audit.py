"""Writing the security record (AuditEvent) from Django's signals: who, when, from which address.

Sign-ins, failed sign-ins and sign-outs come with their request. Changes saved through the admin
(a role, a second factor, a department's intake address) do not: accounts.sessions.StaffSessionMiddleware
keeps the request being served in a context variable, and the record takes its user and address from
there. A change made outside a request (a management command) is recorded without them.
"""

import contextvars

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model, user_logged_in, user_logged_out, user_login_failed
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from toolkit.client_ip import client_address

from .models import AuditEvent

Action = AuditEvent.Action

current_request = contextvars.ContextVar("current_request", default=None)

# Saved models whose changes are recorded: the fields watched and the kind of event.
WATCHED = {
    settings.AUTH_USER_MODEL: (["is_staff", "is_superuser", "is_active"], Action.ROLE_CHANGED),
    "appointments.IntakeAssignment": (["user", "department"], Action.INTAKE_CHANGED),
    "doctors.Department": (["intake_email"], Action.ROUTING_CHANGED),
    "doctors.Specialty": (["department"], Action.ROUTING_CHANGED),
    "doctors.Doctor": (["department"], Action.ROUTING_CHANGED),
}


def record(action, target="", detail="", request=None, user=None):
    """Write one event. The actor is `user`, else the request's signed-in user; the address the request's."""
    request = request if request is not None else current_request.get()
    if user is None and request is not None:
        user = getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    address = client_address(request) if request is not None else ""
    return AuditEvent.objects.create(
        action=action,
        user=user,
        username=user.get_username() if user else "",
        address=address or None,
        target=str(target)[:200],
        detail=str(detail)[:500],
    )


# Signing in and out


def signed_in(sender, request, user, **kwargs):
    record(Action.SIGNED_IN, target=user.get_username(), request=request, user=user)


def sign_in_failed(sender, credentials, request=None, **kwargs):
    # Django masks the password in `credentials`; only the user name attempted is kept.
    attempted = credentials.get(get_user_model().USERNAME_FIELD) or credentials.get("username") or ""
    detail = "locked out (too many failures)" if getattr(request, "axes_locked_out", False) else ""
    record(Action.SIGN_IN_FAILED, target=str(attempted)[:150], detail=detail, request=request)


def signed_out(sender, request, user, **kwargs):
    if user is None:
        return
    ended = getattr(request, "session_ended_because", "")
    action = Action.SESSION_ENDED if ended else Action.SIGNED_OUT
    record(action, target=user.get_username(), detail=ended, request=request, user=user)


# Roles: groups, permissions and the staff and superuser flags


def membership_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """A user's groups or permissions, or a group's permissions, changed (either side of the relation)."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if action == "pre_clear":
        pk_set = set(getattr(instance, _field_name(sender, instance)).values_list("pk", flat=True))
        verb = "removed"
    else:
        verb = "added" if action == "post_add" else "removed"
    if not pk_set:
        return
    if isinstance(instance, Group) and model is not get_user_model():
        # A group's permissions: everybody in the group gains or loses them.
        names = ", ".join(str(p) for p in model.objects.filter(pk__in=pk_set))
        record(Action.ROLE_CHANGED, target=f"group {instance}", detail=f"permissions {verb}: {names}")
        return
    if reverse:  # group.user_set.add(user) or permission.user_set.remove(user)
        for user in model.objects.filter(pk__in=pk_set):
            record(
                Action.ROLE_CHANGED, target=user.get_username(), detail=f"{_kind(sender)} {verb}: {instance}"
            )
        return
    names = ", ".join(str(obj) for obj in model.objects.filter(pk__in=pk_set))
    record(Action.ROLE_CHANGED, target=instance.get_username(), detail=f"{_kind(sender)} {verb}: {names}")


def _kind(through):
    return "groups" if through is get_user_model().groups.through else "permissions"


def _field_name(through, instance):
    for field in type(instance)._meta.get_fields():
        if (
            getattr(field, "through", None) is through
            or getattr(getattr(field, "remote_field", None), "through", None) is through
        ):
            return field.get_accessor_name() if field.auto_created else field.name
    raise LookupError(through)


# Watched fields of saved models (roles, intake departments, where requests go)


def remember_before(sender, instance, raw=False, update_fields=None, **kwargs):
    fields, _action = WATCHED[sender._meta.label]
    instance._audit_before = None
    if raw or instance.pk is None or (update_fields is not None and not set(fields) & set(update_fields)):
        return
    instance._audit_before = sender._default_manager.filter(pk=instance.pk).first()


def record_change(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    fields, action = WATCHED[sender._meta.label]
    before = getattr(instance, "_audit_before", None)
    instance._audit_before = None
    if action == Action.INTAKE_CHANGED:
        if created:
            record(action, target=_user_of(instance), detail=f"added: {instance.department}")
        elif before is not None and before.department_id != instance.department_id:
            record(action, target=_user_of(instance), detail=f"{before.department} → {instance.department}")
        return
    if created:
        if action == Action.ROLE_CHANGED and (instance.is_staff or instance.is_superuser):
            flags = [name for name in ("is_staff", "is_superuser") if getattr(instance, name)]
            record(action, target=instance.get_username(), detail="created with " + ", ".join(flags))
        return  # new doctors and departments route nothing until they are used; load_demo makes thousands
    if before is None:  # no watched field was saved (update_fields), or the row was gone
        return
    changes = []
    for name in fields:
        field = sender._meta.get_field(name)
        old, new = getattr(before, field.attname), getattr(instance, field.attname)
        if old != new:
            if field.is_relation:
                old, new = getattr(before, name), getattr(instance, name)
            changes.append(f"{field.verbose_name}: {_shown(old)} → {_shown(new)}")
    if changes:
        target = (
            instance.get_username()
            if action == Action.ROLE_CHANGED
            else f"{sender._meta.verbose_name} {instance}"
        )
        record(action, target=target, detail="; ".join(changes))


def intake_removed(sender, instance, **kwargs):
    record(Action.INTAKE_CHANGED, target=_user_of(instance), detail=f"removed: {_department_of(instance)}")


def _user_of(assignment):
    user = get_user_model()._default_manager.filter(pk=assignment.user_id).first()
    return user.get_username() if user else f"user #{assignment.user_id}"


def _department_of(assignment):
    department = (
        apps.get_model("doctors", "Department")._default_manager.filter(pk=assignment.department_id).first()
    )
    return department or f"department #{assignment.department_id}"


def _shown(value):
    return "-" if value in (None, "") else value


# Second factors (django-otp devices: authenticator apps, backup codes, security keys)


def device_before(sender, instance, raw=False, **kwargs):
    instance._audit_was_confirmed = None
    if not raw and instance.pk is not None:
        instance._audit_was_confirmed = (
            sender._default_manager.filter(pk=instance.pk).values_list("confirmed", flat=True).first()
        )


def device_saved(sender, instance, created, raw=False, **kwargs):
    # Set-up may save a device before it is confirmed: it is added when it can be used.
    now_usable = instance.confirmed and (created or instance._audit_was_confirmed is False)
    if not raw and now_usable:
        record(Action.FACTOR_ADDED, target=_owner(instance), detail=_device(instance))


def device_deleted(sender, instance, **kwargs):
    record(Action.FACTOR_REMOVED, target=_owner(instance), detail=_device(instance))


def _owner(device):
    user = get_user_model()._default_manager.filter(pk=device.user_id).first()
    return user.get_username() if user else f"user #{device.user_id}"


def _device(device):
    return f"{device._meta.verbose_name}: {device.name}" if device.name else str(device._meta.verbose_name)


def connect():
    """Called once from AccountsConfig.ready()."""
    uid = "accounts.audit"
    user_logged_in.connect(signed_in, dispatch_uid=uid)
    user_login_failed.connect(sign_in_failed, dispatch_uid=uid)
    user_logged_out.connect(signed_out, dispatch_uid=uid)
    User = get_user_model()
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(membership_changed, sender=through, dispatch_uid=uid)
    for label in WATCHED:
        model = apps.get_model(label)
        pre_save.connect(remember_before, sender=model, dispatch_uid=uid)
        post_save.connect(record_change, sender=model, dispatch_uid=uid)
    post_delete.connect(
        intake_removed, sender=apps.get_model("appointments.IntakeAssignment"), dispatch_uid=uid
    )
    if apps.is_installed("django_otp"):
        from django_otp.models import Device

        for model in apps.get_models():
            if issubclass(model, Device):
                pre_save.connect(device_before, sender=model, dispatch_uid=uid)
                post_save.connect(device_saved, sender=model, dispatch_uid=uid)
                post_delete.connect(device_deleted, sender=model, dispatch_uid=uid)
