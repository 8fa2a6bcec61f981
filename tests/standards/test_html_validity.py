"""Every page type in both languages, and each form in its error state, passes the W3C Nu HTML
Checker with no error and no warning; and the checker is shown to catch what it is there to catch."""

import pytest

from tests.conftest import DEMO_PASSWORD
from tests.staff import password_step, totp_device
from tests.standards import nu


def expected(warning):
    """The one warning kept on purpose: role="list" on lists drawn without bullets. Safari (WebKit)
    takes the list semantics away from a list styled `list-style: none`, so VoiceOver users would not
    hear "list, 3 items"; the role gives them back. The checker calls it unnecessary because it
    assumes browsers follow the HTML standard here."""
    return warning["message"].startswith("The “list” role is unnecessary for element")


@pytest.mark.django_db  # among the database tests: before those that empty the database
def test_every_page_type_passes_the_nu_html_checker(site_pages):
    nu.require_checker()
    documents = {f"{name} ({language}, {path})": html for name, language, path, html in site_pages.pages}
    found = nu.check(documents)
    problems = [nu.describe(name, m) for name, messages in found.items() for m in nu.errors(messages)]
    problems += [
        nu.describe(name, m)
        for name, messages in found.items()
        for m in nu.warnings(messages)
        if not expected(m)
    ]
    figures = report(found)
    print(figures)  # shown with -rP or -s: the checker's figures even when the test passes
    assert not problems, f"{len(problems)} errors and warnings:\n" + "\n".join(problems) + figures


def report(found):
    """The errors and warnings of a batch, counted per message."""
    lines = [f"\n{len(found)} documents"]
    for title, kind in (("errors", nu.errors), ("warnings", nu.warnings)):
        counts = nu.tally(found, kind)
        lines.append(f"{title}: {sum(counts.values())}")
        lines += [f"  {count:5d}  {message}" for message, count in counts.most_common()]
    return "\n".join(lines)


@pytest.mark.django_db
def test_the_staff_sign_in_pages_pass_the_nu_html_checker(client, admin_user):
    nu.require_checker()
    totp_device(admin_user)
    documents = {
        f"sign-in ({language})": client.get(f"/{language}/admin/login/").content.decode()
        for language in ("en", "es")
    }
    second_step = client.post("/en/admin/login/", password_step("admin", DEMO_PASSWORD))
    assert b"otp_token" in second_step.content
    documents["sign-in, the code"] = second_step.content.decode()
    found = nu.check(documents)
    problems = [
        nu.describe(name, m)
        for name, messages in found.items()
        for m in nu.errors(messages) + nu.warnings(messages)
        if not expected(m)
    ]
    assert not problems, "\n".join(problems)


def test_the_checker_finds_what_it_is_there_to_find():
    broken = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Broken</title></head>
    <body><form action="" method="get"><p id="a">One</p><p id="a">Two</p></form>
    <ul role="list"><li>Item</li></ul></body></html>"""
    valid = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fine</title></head>
    <body><form method="get"><p id="a">One</p></form></body></html>"""
    found = nu.check({"broken": broken, "valid": valid})
    assert {m["message"].split(":")[0] for m in nu.errors(found["broken"])} >= {
        "Bad value “” for attribute “action” on element “form”",
        "Duplicate ID “a”.",
    }
    assert "The “list” role is unnecessary for element “ul”." in [
        m["message"] for m in nu.warnings(found["broken"])
    ]
    assert found["valid"] == []
