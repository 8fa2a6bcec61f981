"""The demo site's page tree and aliases, read from demo/data/ for `manage.py load_demo`.

The words live in data files, each page's English and Spanish side by side:

- data/tree.toml: the page tree, in menu order (each page by its key).
- data/pages/<key>.toml: one page. Its layout (template, apphook, in_navigation) at the top, then
  [en] and [es] (title, slug, description, optional page_title and menu_title), then its plugins
  in order: each a [[plugins]] table with its type, the fields both languages share (link, style,
  kind, year) and every text as en.<field> and es.<field>. A card grid's cards, a list's
  figures or recognitions are its [[plugins.children]]. A TextPlugin's body is an HTML fragment,
  one block (<h2>, <p>, <ul>, <li>) a line: the lines are joined without the line breaks.
- data/aliases.toml: the footer and the alert banner, the same way.

This module turns them into the declarations load_demo builds from: PAGES, the English tree (each
page a dict: key, title, slug, template, description, plugins, children ...) and ALIASES; the
Spanish ones are in demo.content_es. A plugin is (plugin type, fields[, child plugins]). Links:
"page:<key>", "service:giving", "service:patient_portal", or a URL. A text's
"{hospital.accessibility_email}" is the address in settings.HOSPITAL.

The wording is written for this demo; the facts and figures come from shared/content/site-facts.md.
Nothing here (hours, rates, phone numbers) goes beyond those facts: the one phone number is the
hospital's main line.
"""

from toolkit.identity import hospital

from .datafiles import read

LANGUAGE = "en"
LAYOUT = ("template", "home", "in_navigation", "apphook", "apphook_namespace")


def page_data(key):
    return read(f"pages/{key}.toml")


def tree():
    return read("tree.toml")


def is_table(value):
    return isinstance(value, (dict, list))


def with_contacts(text):
    """A text with the hospital's contact addresses from settings (toolkit.identity) where it says
    "{hospital.accessibility_email}": the page is then edited in the CMS like any other."""
    return text.replace("{hospital.accessibility_email}", hospital().accessibility_email)


def plugins(tables, language):
    """The plugins of `tables` ([[plugins]] of a data file) in `language`, or None when a text
    has no words in that language (the page or alias is not translated)."""
    made = []
    for table in tables:
        # What both languages share (link, style ...); the texts are in one table per language.
        fields = {name: value for name, value in table.items() if name != "type" and not is_table(value)}
        words = table.get(language)
        if words is None and any(isinstance(value, dict) for value in table.values()):
            return None
        for name, value in (words or {}).items():
            if isinstance(value, str):  # a figure's number is a number
                value = with_contacts(value)
                value = "".join(line.strip() for line in value.splitlines()) if name == "body" else value
            fields[name] = value
        if "children" in table:
            children = plugins(table["children"], language)
            if children is None:
                return None
            made.append((table["type"], fields, children))
        else:
            made.append((table["type"], fields))
    return made


def page_declaration(key, language=LANGUAGE):
    """One page in `language`, as load_demo declares it; None when it has no `language` words."""
    data = page_data(key)
    if language not in data:
        return None
    declaration = {"key": key} if language == LANGUAGE else {}
    declaration.update(data[language])
    if language == LANGUAGE:
        declaration.update({name: data[name] for name in LAYOUT if name in data})
    declaration["plugins"] = plugins(data.get("plugins", []), language)
    return declaration


def page_tree(keys):
    pages = []
    for key in keys:
        declaration = page_declaration(key)
        children = tree()["children"].get(key)
        if children:
            declaration["children"] = page_tree(children)
        pages.append(declaration)
    return pages


def all_keys(keys=None):
    """Every page key, in tree order."""
    for key in tree()["pages"] if keys is None else keys:
        yield key
        yield from all_keys(tree()["children"].get(key, []))


def translations(language):
    """{key: declaration} of the pages written in `language`."""
    found = {key: page_declaration(key, language) for key in all_keys()}
    return {key: declaration for key, declaration in found.items() if declaration is not None}


def aliases(language):
    """[(static code, name shown to editors, plugins)] of the aliases named in `language`."""
    return [
        (code, alias[language]["name"], plugins(alias.get("plugins", []), language))
        for code, alias in read("aliases.toml").items()
        if language in alias
    ]


PAGES = page_tree(tree()["pages"])
ALIASES = aliases(LANGUAGE)
