"""What a visitor types (a symptom, a condition, a ZIP code) may be in a page's address: such a page
is private to their browser and kept in no cache, on every list and search page alike; pages
addressed only by choices from the site's own lists stay shared (toolkit.caching.names_free_text)."""

import hashlib

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

TEXT = "purple-elbow-syndrome"
FREE_TEXT_URLS = [
    f"/en/find-a-doctor/?q={TEXT}",
    f"/en/find-a-doctor/?q={TEXT}&specialty=cardiology&sort=name",
    f"/en/find-a-location/?q={TEXT}",
    f"/es/find-a-location/?q={TEXT}&open_now=on",
    f"/en/search/?q={TEXT}",
    f"/en/search/suggest/?q={TEXT}",
    f"/en/?q={TEXT}",  # a CMS page, with text it does not even read
    f"/en/appointments/?doctor=x&note={TEXT}",  # a parameter nobody offers: free text too
    "/en/find-a-doctor/?zip=05751&sort=distance",  # where the visitor lives
    # A place not in the directions' lists: typed, and repeated in the message beside the field.
    f"/en/find-a-location/directions/?from={TEXT}&to=white-building",
]
CHOICE_URLS = [
    "/en/find-a-doctor/?specialty=cardiology&sort=name&page=1",
    # (The form sent with its text boxes empty, "?q=&zip=&specialty=cardiology", is redirected to
    # the address without them: tests/toolkit/test_filtered_list.py.)
    "/en/find-a-doctor/?specialty=cardiology",
    "/en/find-a-doctor/?seen=14&age=adults",
    "/en/find-a-location/?kind=garage",
    "/en/search/",
    "/en/find-a-location/directions/?from=fruit-street-garage&to=white-building&step_free=on&mobility=stroller",
]


def test_every_choice_of_the_list_forms_is_a_choice_parameter():
    """A filter picked from a list is no free text: a page addressed by it is shared and kept. One
    left out of CHOICE_PARAMETERS would make every page with it private and rendered each time."""
    from django import forms

    from doctors.forms import DoctorSearchForm
    from locations.forms import DirectionsForm, LocationSearchForm
    from toolkit.caching import CHOICE_PARAMETERS

    directions = DirectionsForm({}, [], [])  # its places' fields are made with their choices
    for form, fields in (
        (DoctorSearchForm, DoctorSearchForm.base_fields),
        (LocationSearchForm, LocationSearchForm.base_fields),
        (DirectionsForm, directions.fields),
    ):
        for name, field in fields.items():
            picked = isinstance(field, forms.ChoiceField | forms.BooleanField)
            assert (name in CHOICE_PARAMETERS) == picked, (form.__name__, name)


def stored_keys():
    """Every key the cache holds now: Redis's (with REDIS_URL) or the local memory cache's."""
    if hasattr(cache, "redis"):
        return [key.decode() for key in cache.redis().scan_iter(count=1000)]
    return list(cache._cache)


def queries_for(url):
    """The response and its queries' SQL."""
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(url)
    assert response.status_code == 200, url
    return response, [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize("url", FREE_TEXT_URLS)
def test_a_page_whose_address_carries_free_text_is_private_and_not_stored(demo, url):
    first, _ = queries_for(url)
    cache_control = first["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control, (url, cache_control)
    assert "public" not in cache_control
    again, made = queries_for(url)
    assert "no-store" in again["Cache-Control"]
    if url.startswith(("/en/find-a-", "/es/find-a-", "/en/search/?", "/en/appointments/")):
        # Kept by neither layer: no key names its address (the first layer's, the view's).
        hashed = hashlib.sha256(url.encode()).hexdigest()
        first_layer = hashlib.sha256(f"http://testserver{url}".encode()).hexdigest()
        assert not [key for key in stored_keys() if hashed in key or first_layer in key], url
    # (A CMS page, which never reads the query, may come from django CMS's own page cache, keyed on
    # a hash of the address, without the text: the Redis test below reads every key and value.)


@pytest.mark.parametrize("url", CHOICE_URLS)
def test_a_page_addressed_by_choices_only_stays_shared(demo, url):
    first, _ = queries_for(url)
    assert first["Cache-Control"].startswith("public, max-age="), (url, first["Cache-Control"])
    _, made = queries_for(url)
    assert made == [], url  # from the first cache layer


@pytest.mark.skipif(not settings.REDIS_URL, reason="the shared cache is Redis only with REDIS_URL set")
def test_redis_holds_no_key_or_value_with_the_text(demo):
    """Every key of the test run's Redis database, and every value, read raw after the pages were
    asked for twice (once to fill the caches, once to be served from them)."""
    for url in FREE_TEXT_URLS + CHOICE_URLS:
        Client().get(url)
        Client().get(url)
    redis = cache.redis()
    needles = [TEXT.encode(), b"05751"]
    keys = list(redis.scan_iter(count=1000))
    assert any(b"shared-page:" in key for key in keys)  # the choice-only pages were stored
    for key in keys:
        assert not any(needle in key for needle in needles), key
        if redis.type(key) == b"string":
            value = redis.get(key) or b""
            assert not any(needle in value for needle in needles), key
