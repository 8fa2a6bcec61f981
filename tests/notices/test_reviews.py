"""Each notice's "reviewed on" date: set by load_demo, set by editors from the page's toolbar, and
listed in the admin with the notices past their yearly review marked and filterable."""

import datetime

import pytest
from cms.models import Page
from django.urls import reverse
from django.utils import timezone

from pages.models import NoticeReview
from tests.html import parse, select, text
from tests.page_types import NOTICES

CHANGELIST = "admin:pages_noticereview_changelist"


def review(key):
    return NoticeReview.objects.get(extended_object__reverse_id=key)


def listed(client, query=""):
    """{notice: review due?} as the admin's list shows them."""
    response = client.get(reverse(CHANGELIST) + query)
    assert response.status_code == 200
    rows = {}
    for row in select(parse(response), "#result_list tbody tr"):
        [notice] = row.cssselect("th.field-notice")
        [icon] = row.cssselect("td.field-review_due img")
        rows[text(notice)] = icon.get("alt") == "True"
    return rows


@pytest.mark.django_db
def test_load_demo_gives_every_notice_a_recent_review(demo):
    for key in NOTICES[1:]:
        assert not review(key).is_due(), key
    assert not NoticeReview.objects.due().exists()


@pytest.mark.django_db
def test_the_review_list_flags_a_notice_reviewed_more_than_a_year_ago(staff_client, demo):
    today = timezone.localdate()
    NoticeReview.objects.filter(extended_object__reverse_id="surprise-billing").update(
        reviewed_on=today - datetime.timedelta(days=366)
    )
    NoticeReview.objects.filter(extended_object__reverse_id="interpreters").update(
        reviewed_on=today - datetime.timedelta(days=365)  # a year to the day: due tomorrow
    )
    rows = listed(staff_client)
    assert len(rows) == len(NOTICES) - 1
    due = [notice for notice, is_due in rows.items() if is_due]
    assert due == [str(review("surprise-billing"))]
    assert list(listed(staff_client, "?review=due")) == due
    assert str(review("surprise-billing")) not in listed(staff_client, "?review=current")
    assert review("interpreters").is_due(today + datetime.timedelta(days=1))


@pytest.mark.django_db
def test_the_review_list_is_in_the_admin_index(staff_client, demo):
    response = staff_client.get(reverse("admin:index"))
    assert reverse(CHANGELIST) in {link.get("href") for link in select(parse(response), "a")}


@pytest.mark.django_db
def test_an_editor_sets_the_date_from_the_page_toolbar_without_a_draft(staff_client, demo):
    page = Page.objects.get(reverse_id="privacy-practices")
    html = staff_client.get(page.get_absolute_url("en")).content.decode()
    change = reverse("admin:pages_noticereview_change", args=[review("privacy-practices").pk])
    assert "Notice review" in html and change in html
    response = staff_client.post(change, {"reviewed_on": "2026-03-02"})
    assert response.status_code == 302
    assert review("privacy-practices").reviewed_on == datetime.date(2026, 3, 2)


@pytest.mark.django_db
def test_a_page_without_a_review_gets_one_from_its_toolbar(staff_client, demo):
    page = Page.objects.get(reverse_id="accessibility")
    add = reverse("admin:pages_noticereview_add") + f"?extended_object={page.pk}"
    assert add in staff_client.get(page.get_absolute_url("en")).content.decode().replace("&amp;", "&")
    assert staff_client.post(add, {"reviewed_on": "2026-02-01"}).status_code == 302
    assert NoticeReview.objects.get(extended_object=page).reviewed_on == datetime.date(2026, 2, 1)
    # Not from the list, where no page is named.
    assert staff_client.get(reverse("admin:pages_noticereview_add")).status_code == 403
