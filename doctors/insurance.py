"""Which plans and insurers each doctor takes where patients can find them (AcceptedPlan,
AcceptedInsurer), kept in step with the practices' plans, the places' publication and the plans'
insurers: by the signals below for changes made one at a time (the admin), and by
`refresh_accepted()` after bulk changes that send none."""

import itertools

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from locations.models import Location
from pricing.models import Plan

from .models import AcceptedInsurer, AcceptedPlan, Doctor, Practice


def refresh_accepted(doctors=None):
    """Work out again the plans and insurers these doctors take (a queryset of doctors; every doctor
    when None)."""
    taken = Practice.plans.through.objects.filter(practice__location__is_published=True)
    plans, insurers = AcceptedPlan.objects.all(), AcceptedInsurer.objects.all()
    if doctors is not None:
        taken = taken.filter(practice__doctor__in=doctors)
        plans, insurers = plans.filter(doctor__in=doctors), insurers.filter(doctor__in=doctors)
    # Read in order, each double (a plan taken at two practices, an insurer's two plans) set aside as
    # it comes: no DISTINCT over every row, and no more than one row held at a time.
    taken = taken.values_list("practice__doctor_id", "plan_id", "plan__payer_id").order_by(
        "practice__doctor_id", "plan_id"
    )
    with transaction.atomic():
        plans.delete()
        insurers.delete()
        AcceptedPlan.objects.bulk_create(
            (
                AcceptedPlan(doctor_id=doctor, plan_id=plan, payer_id=payer)
                for doctor, plan, payer in _once(taken.iterator(chunk_size=5000))
            ),
            batch_size=5000,
        )
        pairs = plans.values_list("doctor_id", "payer_id").order_by("doctor_id", "payer_id")
        AcceptedInsurer.objects.bulk_create(
            (
                AcceptedInsurer(doctor_id=doctor, payer_id=payer)
                for doctor, payer in _once(pairs.iterator(chunk_size=5000))
            ),
            batch_size=5000,
        )


def _once(rows):
    """Sorted rows, each once."""
    return (row for row, _doubles in itertools.groupby(rows))


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
