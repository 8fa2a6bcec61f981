"""The shoppable services in each language (django-modeltranslation; see doctors/translation.py for
why): what patients read and type in the estimator. The chargemaster itself is the hospital's
billing text, published as it is, in English, as CMS's files take it."""

from modeltranslation.translator import TranslationOptions, register

from .models import Ancillary, ShoppableService


@register(ShoppableService)
class ShoppableServiceOptions(TranslationOptions):
    fields = ["name", "description", "search_words"]
    required_languages = ["en"]


@register(Ancillary)
class AncillaryOptions(TranslationOptions):
    fields = ["label"]
    required_languages = ["en"]
