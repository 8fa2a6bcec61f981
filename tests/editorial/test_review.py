"""Review before publishing: an editor sends a draft, a publisher approves it, visitors see it."""

import pytest
from cms.api import add_plugin
from cms.models import Page, PageContent
from cms.toolbar.utils import get_object_edit_url
from django.test import Client
from django.urls import reverse
from djangocms_versioning import constants
from djangocms_versioning.models import Version

from editorial.models import ReviewRequest

from .test_roles import signed_in

pytestmark = pytest.mark.django_db
NEW_WORDS = "Our researchers opened a new laboratory for rare diseases."


def test_review_flow_end_to_end(person):
    editor, publisher = person("Editor"), person("Publisher")
    visitor = Client()
    page = Page.objects.get(reverse_id="research")
    url = page.get_absolute_url("en")

    # The editor makes a draft and changes its text.
    published = Version.objects.get_for_content(PageContent.objects.get(page=page, language="en"))
    draft = published.copy(editor)
    add_plugin(
        draft.content.get_placeholders().get(slot="content"), "TextPlugin", "en", body=f"<p>{NEW_WORDS}</p>"
    )

    # On the draft, the toolbar offers "Send for review", not publishing.
    editor_client = signed_in(editor)
    toolbar = editor_client.get(get_object_edit_url(draft.content)).content.decode()
    submit_url = reverse("admin:editorial_reviewrequest_submit", args=[draft.pk])
    assert "Send for review" in toolbar and submit_url in toolbar

    response = editor_client.post(submit_url, {"note": "New lab announced today", "next": url})
    assert response.status_code == 302
    review = ReviewRequest.objects.get()
    assert (review.status, review.requested_by, review.note) == ("pending", editor, "New lab announced today")
    assert "Waiting for review" in editor_client.get(get_object_edit_url(draft.content)).content.decode()
    assert NEW_WORDS not in visitor.get(url).content.decode()

    # The editor cannot approve their own request.
    changelist = reverse("admin:editorial_reviewrequest_changelist")
    editor_client.post(changelist, {"action": "approve_and_publish", "_selected_action": [review.pk]})
    assert ReviewRequest.objects.get().status == "pending"
    assert Version.objects.get(pk=draft.pk).state == constants.DRAFT

    # The publisher sees it waiting, approves, and it is published.
    publisher_client = signed_in(publisher)
    assert "Reviews waiting (1)" in publisher_client.get(get_object_edit_url(draft.content)).content.decode()
    publisher_client.post(changelist, {"action": "approve_and_publish", "_selected_action": [review.pk]})
    review.refresh_from_db()
    assert (review.status, review.decided_by) == ("approved", publisher)
    assert Version.objects.get(pk=draft.pk).state == constants.PUBLISHED
    assert NEW_WORDS in visitor.get(url).content.decode()


def test_a_publisher_can_send_a_draft_back_with_a_comment(person):
    editor, publisher = person("Editor"), person("Publisher")
    page = Page.objects.get(reverse_id="research")
    draft = Version.objects.get_for_content(PageContent.objects.get(page=page, language="en")).copy(editor)
    signed_in(editor).post(reverse("admin:editorial_reviewrequest_submit", args=[draft.pk]), {"note": ""})
    review = ReviewRequest.objects.get()

    response = signed_in(publisher).post(
        reverse("admin:editorial_reviewrequest_change", args=[review.pk]),
        {"status": "returned", "comment": "Please add the lab's opening date."},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.status, review.comment, review.decided_by) == (
        "returned", "Please add the lab's opening date.", publisher
    )  # fmt: skip
    assert Version.objects.get(pk=draft.pk).state == constants.DRAFT  # still the editor's draft
