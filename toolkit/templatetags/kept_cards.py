"""{% keep_card %}: a list page's card rendered anew, handed to its view to keep (toolkit.listing).

The view reads the page's kept cards in one read before rendering (FilteredListView.kept_cards),
and writes the ones rendered anew in one write after (keep_cards): two round trips to the cache
for a page of cards, instead of a read and a write for each, as {% cache %} would make.
"""

from django import template

register = template.Library()


class KeepCardNode(template.Node):
    def __init__(self, nodelist, pk):
        self.nodelist = nodelist
        self.pk = pk

    def render(self, context):
        html = self.nodelist.render(context)
        to_keep = context.get("cards_to_keep")
        if to_keep is not None:
            to_keep[self.pk.resolve(context)] = html
        return html


@register.tag
def keep_card(parser, token):
    """{% keep_card record.pk %}…{% endkeep_card %}: what it encloses, for the view to keep under
    the record's id (in the context's `cards_to_keep`, when the view asks for them)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("Usage: {% keep_card record.pk %}…{% endkeep_card %}")
    nodelist = parser.parse(("endkeep_card",))
    parser.delete_first_token()
    return KeepCardNode(nodelist, parser.compile_filter(bits[1]))
