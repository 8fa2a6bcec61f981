"""Cache namespaces: each declared once, with what makes it stale, and wired by one mechanism."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured

from doctors.caching import LANGUAGE_CHOICES, SPECIALTY_CHOICES, VOCABULARY
from doctors.models import Condition, Doctor, Language, Specialty
from locations.caching import DIRECTORY, LOCATION_CHOICES
from locations.models import Location
from sitesearch.caching import SEARCH
from tests.cms_pages import publish_text_page
from toolkit.caching import PUBLICATION, Namespace, ProcessMemo
from toolkit.forms import slug_choices


def versions(*namespaces):
    return {namespace.name: namespace.version() for namespace in namespaces}


ALL = (DIRECTORY, VOCABULARY, SPECIALTY_CHOICES, LANGUAGE_CHOICES, LOCATION_CHOICES, SEARCH, PUBLICATION)


def moved(before):
    after = versions(*ALL)
    return {name for name in before if after[name] != before[name]}


@pytest.mark.django_db
def test_a_specialty_saved_makes_the_directory_its_choices_and_the_vocabulary_stale():
    before = versions(*ALL)
    Specialty.objects.create(name="Space medicine", slug="space-medicine")
    assert moved(before) == {"directory", "vocabulary", "choices:doctors.specialty"}


@pytest.mark.django_db
def test_links_between_rows_make_their_namespaces_stale():
    doctor = Doctor.objects.create(first_name="Ada", last_name="Osei", slug="ada-osei-test", npi="1234567893")
    condition = Condition.objects.create(name="Zero-gravity sickness", slug="zero-gravity-sickness")
    specialty = Specialty.objects.create(name="Space medicine", slug="space-medicine")
    before = versions(*ALL)
    doctor.languages.add(Language.objects.create(name="Esperanto", slug="esperanto"))
    assert moved(before) == {"directory", "choices:doctors.language"}
    before = versions(*ALL)
    condition.specialties.add(specialty)  # what a search for that condition finds
    assert moved(before) == {"directory", "vocabulary"}


@pytest.mark.django_db
def test_a_place_deleted_makes_the_directory_and_the_place_filter_stale():
    place = Location.objects.create(name="Test Annex", slug="test-annex", latitude=42.36, longitude=-71.07)
    before = versions(*ALL)
    place.delete()
    assert moved(before) == {"directory", "choices:locations.location"}


@pytest.mark.django_db
def test_a_publication_moves_the_version_every_cached_page_is_kept_under(demo):
    editor = get_user_model().objects.get(username="admin")
    before = versions(*ALL)
    publish_text_page(editor, "visiting-hours", "Visitors are welcome from 8 a.m.")
    assert "publication" in moved(before)


def test_filter_options_of_a_model_nobody_declared_are_refused():
    with pytest.raises(ImproperlyConfigured, match="choices_of"):
        slug_choices(get_user_model().objects.all())


def test_a_namespace_is_declared_once():
    with pytest.raises(ValueError, match="declared twice"):
        Namespace("directory")


def test_a_process_memo_keeps_the_newest_values_and_none_older_than_its_max_age():
    made = []

    def maker(value):
        return lambda: made.append(value) or value

    memo = ProcessMemo(size=2)
    for key in ("a", "b", "a", "c", "b"):  # "b" was the least recently used when "c" came
        assert memo.get(key, maker(key)) == key
    assert made == ["a", "b", "c", "b"]

    made.clear()
    memo = ProcessMemo(max_age=0)  # for a version that can come back: never served once aged
    assert [memo.get("v1", maker("v1")) for _ in range(2)] == ["v1", "v1"]
    assert made == ["v1", "v1"]


def test_a_page_reads_every_version_it_needs_at_once(client, demo, monkeypatch):
    from cms.cache import CMS_PAGE_CACHE_VERSION_KEY
    from django.core.cache import cache

    client.get("/en/find-a-doctor/")  # every version set
    asked, inside = [], []
    get, get_many = cache.get, cache.get_many

    def one(key, *args, **kwargs):
        if not inside:  # not a get_many's own (a backend without one reads each key with get)
            asked.append([key])
        return get(key, *args, **kwargs)

    def many(keys, *args, **kwargs):
        asked.append(list(keys))
        inside.append(True)
        try:
            return get_many(keys, *args, **kwargs)
        finally:
            inside.pop()

    monkeypatch.setattr(cache, "get", one)
    monkeypatch.setattr(cache, "get_many", many)
    assert client.get("/en/find-a-doctor/", {"utm_source": "x"}).status_code == 200  # made anew
    versions = [
        keys
        for keys in asked
        if any(key.startswith("data-version:") or key == CMS_PAGE_CACHE_VERSION_KEY for key in keys)
    ]
    assert len(versions) == 1
    assert {"data-version:directory", "data-version:publication", CMS_PAGE_CACHE_VERSION_KEY} <= set(
        versions[0]
    )
