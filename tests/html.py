"""Reading the site's HTML in tests with a parser (lxml), by CSS selector, not with regular
expressions: what a browser would see, whatever the attributes' order or the markup's spacing."""

import json

import lxml.html


def parse(html):
    """The document (or fragment) of a response or a string of HTML."""
    if hasattr(html, "content"):
        html = html.content.decode()
    return lxml.html.fromstring(html)


def select(html, css):
    """Every element matching `css` in a document, an element, a response or a string of HTML."""
    root = html if isinstance(html, lxml.html.HtmlElement) else parse(html)
    return root.cssselect(css)


def one(html, css):
    """The one element matching `css`; fails if there are none or several."""
    found = select(html, css)
    assert len(found) == 1, f"{len(found)} elements match {css!r}"
    return found[0]


def text(element):
    """The element's text as a reader hears it: its words with the spacing collapsed."""
    return " ".join(element.text_content().split())


def texts(html, css):
    return [text(element) for element in select(html, css)]


def json_ld(html):
    """The JSON-LD objects of the page, in order."""
    return [json.loads(script.text) for script in select(html, 'script[type="application/ld+json"]')]
