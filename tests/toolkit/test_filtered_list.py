"""The filtered-list view that Find a Doctor and Find a Location share, on a list of its own: staff
accounts, so that what it does is seen apart from either directory."""

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from toolkit.forms import FilterForm, SearchField, ZipCodeField
from toolkit.listing import FilteredListView

User = get_user_model()
LISTED = "Listed"


class PeopleForm(FilterForm):
    SORT_NAME = "name"
    default_sort = SORT_NAME

    q = SearchField(label="Name")
    role = forms.ChoiceField(
        label="Role", required=False, choices=[("", "Any"), ("staff", "Staff"), ("member", "Member")]
    )
    active = forms.BooleanField(label="Active accounts only", required=False)
    zip = ZipCodeField(label="ZIP code")
    sort = forms.ChoiceField(
        label="Sort", required=False, choices=[("name", "Name"), ("distance", "Distance")]
    )

    FILTERS = ["q", "role", "active", "zip"]


class PeopleView(FilteredListView):
    template_name = "never-rendered.html"
    form_class = PeopleForm
    context_object_name = "people"
    paginate_by = 2
    relaxable = ["q", "role"]

    def matching(self, data):
        people = User.objects.filter(last_name=LISTED)  # not the demo's admin, if it is there
        if data.get("q"):
            people = people.filter(username__icontains=data["q"])
        if data.get("role"):
            people = people.filter(is_staff=data["role"] == "staff")
        if data.get("active"):
            people = people.filter(is_active=True)
        return people

    def ordered_ids(self, people):
        return people.order_by("username").values_list("pk", flat=True)

    def cards(self):
        return User.objects.all()


def listed(query=""):
    """The context the view gives its template for `?query`."""
    response = PeopleView.as_view()(RequestFactory().get("/people/?" + query))
    return response.context_data


@pytest.fixture
def people(db):
    User.objects.create(last_name=LISTED, username="ann", is_staff=True)
    User.objects.create(last_name=LISTED, username="anna", is_staff=False, is_active=False)
    User.objects.create(last_name=LISTED, username="bob", is_staff=True, is_active=False)
    User.objects.create(last_name=LISTED, username="cy", is_staff=False)
    User.objects.create(last_name=LISTED, username="dee", is_staff=False)


def test_the_list_is_filtered_sorted_and_paged_with_the_count_of_all_it_found(people):
    context = listed("q=n&page=1")
    assert [person.username for person in context["people"]] == ["ann", "anna"]
    assert context["count"] == 2
    assert context["page_message"] is None
    assert context["query_string"] == "q=n"

    context = listed("page=2")
    assert [person.username for person in context["people"]] == ["bob", "cy"]
    assert context["count"] == 5


def test_a_bad_value_drops_only_its_own_filter(people):
    context = listed("role=owner&active=on")
    assert "role" in context["form"].errors
    assert [person.username for person in context["people"]] == ["ann", "cy"]
    assert [chip["label"] for chip in context["active_filters"]] == ["Active accounts only"]


def test_each_chip_names_its_filter_and_links_to_the_list_without_it(people):
    context = listed("q=an&role=staff&active=on&zip=02114&sort=distance&page=2")
    assert context["active_filters"] == [
        {"label": "Search: “an”", "url": "?role=staff&active=on&zip=02114&sort=distance"},
        {"label": "Staff", "url": "?q=an&active=on&zip=02114&sort=distance"},
        {"label": "Active accounts only", "url": "?q=an&role=staff&zip=02114&sort=distance"},
        # The distance order needs the ZIP code, so it goes with it.
        {"label": "Near 02114", "url": "?q=an&role=staff&active=on"},
    ]


def test_the_zip_code_chip_keeps_an_order_that_does_not_need_it(people):
    context = listed("zip=02114&sort=name")
    assert context["active_filters"] == [{"label": "Near 02114", "url": "?sort=name"}]


def test_nothing_found_suggests_leaving_out_each_relaxable_filter_that_would_find_something(people):
    context = listed("q=ann&role=member&active=on&page=3")
    assert context["count"] == 0
    assert context["relaxations"] == [
        # Leaving out the search finds cy and dee; leaving out "member", ann (active, staff).
        {"name": "q", "count": 2, "url": "?role=member&active=on"},
        {"name": "role", "count": 1, "url": "?q=ann&active=on"},
    ]


def test_a_widening_that_would_still_find_nothing_is_not_suggested(people):
    context = listed("q=zz&role=staff")
    assert context["relaxations"] == [{"name": "q", "count": 2, "url": "?role=staff"}]


def test_a_list_that_found_something_or_was_not_filtered_suggests_nothing(people):
    assert listed("q=ann")["relaxations"] == []
    User.objects.filter(last_name=LISTED).delete()
    assert listed()["relaxations"] == []


@pytest.mark.parametrize(
    "query, clean",
    [
        ("q=&role=staff&active=", "/people/?role=staff"),
        ("role=&q=an&role=staff&page=2", "/people/?role=staff&q=an&page=2"),  # the rest, in order
        ("q=&role=", "/people/"),
    ],
)
def test_empty_parameters_redirect_for_good_to_the_same_list_without_them(people, query, clean):
    response = PeopleView.as_view()(RequestFactory().get("/people/?" + query))
    assert (response.status_code, response["Location"]) == (301, clean)


def test_a_query_without_empty_parameters_is_answered_as_it_is(people):
    assert PeopleView.as_view()(RequestFactory().get("/people/?q=an&role=staff")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/es/find-a-doctor/", "/en/find-a-location/"])
def test_both_lists_drop_empty_parameters(client, demo, path):
    response = client.get(path + "?q=&accepting=&sort=name")
    assert (response.status_code, response["Location"]) == (301, path + "?sort=name")
