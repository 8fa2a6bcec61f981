from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DoctorsConfig(AppConfig):
    name = "doctors"
    verbose_name = _("Find a Doctor")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .models import Condition, Specialty
        from .search import Vocabulary

        for model in (Specialty, Condition):
            post_save.connect(
                Vocabulary.changed, sender=model, dispatch_uid=f"vocabulary-{model.__name__}-save"
            )
            post_delete.connect(
                Vocabulary.changed, sender=model, dispatch_uid=f"vocabulary-{model.__name__}-delete"
            )
        m2m_changed.connect(
            Vocabulary.changed,
            sender=Condition.specialties.through,
            dispatch_uid="vocabulary-condition-specialties",
        )
