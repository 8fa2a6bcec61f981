"""A publisher edits a page's text in the CMS toolbar and publishes it; a visitor sees the change."""

from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from editorial.roles import setup_roles
from tests.staff import current_code, totp_device

NEW_SENTENCE = "Our newest laboratory studies rare diseases in children."


def test_publisher_edits_text_in_the_toolbar_and_visitors_see_it(site, page, browser):
    setup_roles()
    publisher = User.objects.create_user("pat.publisher", password="a-long-test-password", is_staff=True)
    publisher.groups.add(Group.objects.get(name="Publisher"))
    device = totp_device(publisher)
    research = f"{site.url}/en/the-mass-general-difference/research/"

    page.goto(f"{site.url}/en/admin/login/?next=/en/the-mass-general-difference/research/")
    page.get_by_label("Username").fill("pat.publisher")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Token").fill(current_code(device))  # what the publisher's phone shows
    page.get_by_role("button", name="Verify").click()
    page.get_by_role("link", name="New Draft").click()  # a draft of the published page, in edit mode

    text = page.locator("[data-cms-type=TextPlugin] [contenteditable=true]").first
    text.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" " + NEW_SENTENCE)
    with page.expect_response(lambda r: "edit-plugin" in r.url and r.request.method == "POST") as saved:
        page.locator("h1").click()  # leaving the text saves it
    assert saved.value.ok

    visitor = browser.new_page()
    visitor.goto(research)
    expect(visitor.locator("main")).not_to_contain_text(NEW_SENTENCE)  # a draft is not public

    page.get_by_role("link", name="Publish", exact=True).click()
    expect(page).to_have_url(research)
    visitor.reload()
    expect(visitor.locator("main")).to_contain_text(NEW_SENTENCE)
    visitor.close()
