from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DoctorsConfig(AppConfig):
    name = "doctors"
    verbose_name = _("Find a Doctor")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from toolkit.forms import forget_slug_choices

        from .caching import directory_changed
        from .models import (
            BoardCertification,
            Condition,
            Department,
            Doctor,
            Language,
            Practice,
            Specialty,
            Training,
        )
        from .search import Vocabulary

        for model in (
            Doctor,
            Practice,
            Training,
            BoardCertification,
            Specialty,
            Condition,
            Department,
            Language,
        ):
            name = model.__name__
            post_save.connect(directory_changed, sender=model, dispatch_uid=f"directory-{name}-save")
            post_delete.connect(directory_changed, sender=model, dispatch_uid=f"directory-{name}-delete")
        for through in (
            Doctor.specialties.through,
            Doctor.conditions.through,
            Doctor.languages.through,
            Condition.specialties.through,
        ):
            m2m_changed.connect(
                directory_changed, sender=through, dispatch_uid=f"directory-{through.__name__}"
            )

        # Location's own receivers (cache version, filter options) are connected by its app.
        for model in (Specialty, Language):
            post_save.connect(
                forget_slug_choices, sender=model, dispatch_uid=f"choices-{model.__name__}-save"
            )
            post_delete.connect(
                forget_slug_choices, sender=model, dispatch_uid=f"choices-{model.__name__}-delete"
            )

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
