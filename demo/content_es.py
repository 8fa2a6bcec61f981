"""The Spanish (es) version of the demo pages and footer, for `manage.py load_demo`.

Read from the same data files as demo.content (data/pages/<key>.toml, data/aliases.toml: the
[es] table and the es.<field> texts beside the English). PAGES is keyed by the page keys
(reverse_ids): title, slug, description (the meta description, also shown on the parent's cards),
optional page_title and menu_title, and plugins. "page:<key>" links resolve to the Spanish page;
links written inside text point at /es/... addresses. The app pages (Find a Doctor, Find a
Location, Appointments & Referrals, Search) keep their English slug, so the apps' language switcher
only swaps the /en/ prefix for /es/.

Pages with no [es] (Give Now, Patient Gateway) are shown in English at their /es/ address, with a
notice in Spanish (pages.templatetags.site_tags.fallback_notice).

Written for Spanish-speaking patients and families in Boston, addressed as "usted"; the facts
are the same as the English pages', from shared/content/site-facts.md.
"""

from .content import aliases, translations

LANGUAGE = "es"

PAGES = translations(LANGUAGE)
# static code: (name shown to editors, plugins). The alert banner has no Spanish content until an
# editor writes one.
ALIASES = {code: (name, plugins) for code, name, plugins in aliases(LANGUAGE)}
