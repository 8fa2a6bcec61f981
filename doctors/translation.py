"""The directory's vocabulary in each language (django-modeltranslation): what patients read.

Each language is a column of the same row (name_en, name_es), rather than a row of a translation
table as django-parler keeps them: the directory's queries stay one table each (no join, so the
query-count tests and the ordering, unique and search indexes work as before), and the admin shows
the languages side by side. English is the original: a text with no Spanish yet shows in English,
marked lang="en" (toolkit.translation). Proper names (doctors, institutions, places) are not here.
A doctor's clinical interests are.

Synonyms are written per language too: search understands the words of every language at once.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import ClinicalInterests, Condition, Department, Language, Specialty, SurveyQuestion


class NameOptions(TranslationOptions):
    fields = ["name"]
    required_languages = ["en"]
    # An unwritten name is NULL, not "": names are unique, and many may be unwritten.
    empty_values = {"name": None}


class VocabularyOptions(NameOptions):
    """Names, and the words patients search by, in each language: "dolor de rodilla" beside "knee
    pain" (doctors.search reads both)."""

    fields = ["name", "synonyms"]
    empty_values = {"name": None, "synonyms": ""}


@register(Specialty)
class SpecialtyOptions(VocabularyOptions):
    pass


@register(Condition)
class ConditionOptions(VocabularyOptions):
    pass


@register(SurveyQuestion)
class SurveyQuestionOptions(TranslationOptions):
    fields = ["text"]
    required_languages = ["en"]


@register(Department)
class DepartmentOptions(NameOptions):
    pass


@register(Language)
class LanguageOptions(NameOptions):
    pass


@register(ClinicalInterests)
class ClinicalInterestsOptions(TranslationOptions):
    """What a doctor treats, in their profile's words; their name and training are proper names."""

    fields = ["text"]
