"""Which plans each doctor takes where patients can find them (AcceptedPlan), kept in step with the
practices' plans, the places' publication and the plans' insurers: by the signals below for changes
made one at a time (the admin), and by `refresh_accepted()` after bulk changes that send none."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from locations.models import Location
from pricing.models import Plan

from .models import AcceptedPlan, Doctor, Practice


def refresh_accepted(doctors=None):
    """Work out again the plans these doctors take (a queryset of doctors; every doctor when None)."""
    taken = Practice.plans.through.objects.filter(practice__location__is_published=True)
    stale = AcceptedPlan.objects.all()
    if doctors is not None:
        taken = taken.filter(practice__doctor__in=doctors)
        stale = stale.filter(doctor__in=doctors)
    rows = taken.values_list("practice__doctor_id", "plan_id", "plan__payer_id").distinct().order_by()
    with transaction.atomic():
        stale.delete()
        AcceptedPlan.objects.bulk_create(
            (AcceptedPlan(doctor_id=doctor, plan_id=plan, payer_id=payer) for doctor, plan, payer in rows),
            batch_size=5000,
        )


def _of_practices(practices):
    refresh_accepted(Doctor.objects.filter(pk__in=practices.values("doctor_id")))


def plans_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:  # a plan's practices changed
        practices = Practice.objects.filter(pk__in=pk_set or []) if action != "post_clear" else None
        if practices is None:
            refresh_accepted()
        else:
            _of_practices(practices)
    else:
        _of_practices(Practice.objects.filter(pk=instance.pk))


def practice_changed(sender, instance, **kwargs):
    refresh_accepted(Doctor.objects.filter(pk=instance.doctor_id))


def place_changed(sender, instance, **kwargs):
    _of_practices(Practice.objects.filter(location=instance))


def plan_changed(sender, instance, **kwargs):
    _of_practices(Practice.objects.filter(plans=instance))


def connect():
    """Called once, when the app is ready."""
    m2m_changed.connect(plans_changed, sender=Practice.plans.through, dispatch_uid="accepted-plans")
    for signal in (post_save, post_delete):
        signal.connect(practice_changed, sender=Practice, dispatch_uid=f"accepted-practice-{signal}")
    post_save.connect(place_changed, sender=Location, dispatch_uid="accepted-place")
    post_save.connect(plan_changed, sender=Plan, dispatch_uid="accepted-plan")
