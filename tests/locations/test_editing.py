"""A place's text is the editors': its placeholder opens in the CMS editor and its structure board."""

from cms.api import add_plugin
from django.contrib.contenttypes.models import ContentType

from tests.html import select

from .factories import LocationFactory

TEXT = "Enter by the Cambridge Street doors; the desk is on your left."


def endpoint(location, mode):
    content_type = ContentType.objects.get_for_model(location)
    return f"/en/admin/cms/placeholder/object/{content_type.pk}/{mode}/{location.pk}/"


def test_staff_edit_a_places_text_in_the_cms_editor_and_structure_board(staff_client, demo):
    location = LocationFactory(name="Editing Test Practice")
    add_plugin(location.content, "TextPlugin", "en", body=f"<p>{TEXT}</p>")

    editor = staff_client.get(endpoint(location, "edit"))
    assert editor.status_code == 200
    assert TEXT in editor.content.decode()
    # The CMS marks the placeholder it lets staff edit on the page.
    assert select(editor, f".cms-placeholder-{location.content.pk}")

    structure = staff_client.get(endpoint(location, "structure"))
    assert structure.status_code == 200
    assert f"cms-placeholder-{location.content.pk}" in structure.content.decode()


def test_an_unpublished_place_can_be_written_before_it_goes_live(staff_client, client, demo):
    location = LocationFactory(name="Not Yet Open Practice", is_published=False)
    assert client.get(location.get_absolute_url()).status_code == 404
    assert staff_client.get(endpoint(location, "edit")).status_code == 200
