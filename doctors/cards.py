"""Each doctor's card in the directory's lists, kept rendered ({% keep_card %}, toolkit.listing) under
a key that moves only when what that card shows changes.

A card shows the doctor's own fields, their specialties, languages and shown rating, and the names of
specialties and languages. The first four move the doctor's `changed_at` (a save does by itself; the
receivers below and `touch()` after bulk changes do the rest); the names move DOCTOR_CARDS, every card
at once. A change to one doctor, a place or an insurer then renders one card anew, or none, where a
key on the directory's version would render every card of every page anew.
"""

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.translation import get_language

from .caching import DOCTOR_CARDS
from .models import Doctor, DoctorRating


def touch(doctor_ids):
    """What these doctors' cards show has changed (after a bulk change, which sends no signal)."""
    Doctor.objects.filter(pk__in=doctor_ids).update(changed_at=timezone.now())


def keys(list_path, ids):
    """{cache key: id} of these doctors' kept cards, in the page's language, for the list at
    `list_path` (the cards link under it), in one query for their `changed_at`."""
    prefix = (
        f"doctors:card:{get_language()}:{list_path}:{settings.RATINGS_MIN_SURVEYS}:{DOCTOR_CARDS.version()}"
    )
    stamps = Doctor.objects.filter(pk__in=ids).values_list("pk", "changed_at")
    return {f"{prefix}:{pk}:{changed_at.timestamp():.6f}": pk for pk, changed_at in stamps}


def links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if not reverse:  # a doctor's specialties or languages
        touch([instance.pk])
    elif action == "post_clear":  # all of a specialty's or a language's doctors, unnamed
        DOCTOR_CARDS.changed()
    elif pk_set:  # some of them
        touch(pk_set)


def rating_changed(sender, instance, **kwargs):
    touch([instance.doctor_id])


def connect():
    """Called once, when the app is ready."""
    for through in (Doctor.specialties.through, Doctor.languages.through):
        m2m_changed.connect(links_changed, sender=through, dispatch_uid=f"card-links-{through.__name__}")
    for signal in (post_save, post_delete):
        signal.connect(rating_changed, sender=DoctorRating, dispatch_uid=f"card-rating-{signal}")
