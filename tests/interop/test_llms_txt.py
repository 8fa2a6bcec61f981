"""/llms.txt: the site described for language models, in step with the site: every link in it
answers, and every value it says a search takes is taken."""

import re
from urllib.parse import urlsplit

from doctors.forms import DoctorSearchForm
from locations.forms import LocationSearchForm
from tests.doctors.conftest import directory  # noqa: F401  (a fixture: four doctors, one hidden)
from tests.html import select

LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def llms(client):
    response = client.get("/llms.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    return response.content.decode()


def local(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_it_is_markdown_of_the_llms_txt_shape_and_every_link_answers(client, directory):  # noqa: F811
    text = llms(client)
    assert text.startswith("# Massachusetts General Hospital\n\n> ")
    sections = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert (
        sections[:3] == ["Find a doctor", "Find a place", "Open data: FHIR R4"] and sections[-1] == "Optional"
    )
    links = LINK.findall(text)
    assert len(links) >= 10
    for label, url in links:
        assert client.get(local(url)).status_code == 200, (label, url)


def test_every_search_parameter_it_names_is_the_forms_and_every_value_it_lists_is_taken(client, directory):  # noqa: F811
    text = llms(client)
    for form_class, section in ((DoctorSearchForm, "Find a doctor"), (LocationSearchForm, "Find a place")):
        part = text.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
        named = re.findall(r"^  - `([a-z_]+)`: (.*)$", part, flags=re.MULTILINE)
        assert {name for name, _ in named} == set(form_class.base_fields), section
        page = LINK.search(part).group(2)
        for name, description in named:
            values = description.split("; one of: ", 1)[1].split(", ") if "; one of: " in description else []
            for value in values[:3] + values[-1:]:
                response = client.get(
                    local(page), {name: value, **({"zip": "02114"} if value == "distance" else {})}
                )
                assert response.status_code == 200, (name, value)
                assert not select(response, ".field__error"), (name, value)


def test_a_value_the_site_does_not_take_is_caught(client, directory):  # noqa: F811
    """The check above can fail: a value no list offers is answered with a message beside its field."""
    response = client.get("/en/find-a-doctor/", {"specialty": "astrology"})
    assert select(response, ".field__error")
