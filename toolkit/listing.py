"""What the apps' list pages share: the filtered-list view, paging that explains a bad page
number, and GET URLs."""

from urllib.parse import urlencode

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Window
from django.http import HttpResponsePermanentRedirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import View
from django.views.generic.base import TemplateResponseMixin

from .forms import SearchField, SlugChoiceField, ZipCodeField
from .translation import choice_label
from .views import AppLanguageChangerMixin


class CountedPaginator(Paginator):
    """A paginator told its count, taken from the plain filtered list rather than the sorted one
    (whose annotations would make counting compute relevance and distances for every row)."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count


class KeptCard:
    """A record of the page whose card was kept rendered (FilteredListView.kept_cards): its id and
    that card's HTML, which the template shows as it is, instead of the record loaded to render it."""

    def __init__(self, pk, html):
        self.pk = pk
        self.kept_card = html


class FetchedByIds:
    """Ordered ids as a paginator's list: a slice fetches just those records, in that order.

    Sorting then touches only narrow rows; `queryset` says how a page's records are loaded
    (select_related, prefetches for their cards). `kept(ids)` ({id: card HTML}) names the records
    whose cards are already rendered: those are not loaded at all, but stand as a KeptCard.
    """

    def __init__(self, ordered_ids, queryset, kept=None):
        self.ordered_ids = ordered_ids
        self.queryset = queryset
        self.kept = kept
        self.read = {}  # start: (stop, the ids of [start:stop]) read already, by count_with()

    def count_with(self, start, stop):
        """The number of all the ordered records, read with the ids of [start:stop] in one query (a
        window count): for an order that visits every matching record anyway (a ranking, a rating),
        which a count would do again. An empty first page: none at all; another empty page (past
        the end): None, not known."""
        counted = self.ordered_ids.annotate(total_count=Window(Count("*"))).values_list("pk", "total_count")
        rows = list(counted[start:stop])
        if not rows:
            return 0 if start == 0 else None
        self.read[start] = (stop, [pk for pk, _total in rows])
        return rows[0][1]

    def __getitem__(self, bounds):
        # The paginator asks for the page it was told of, or less (the last page stops at the count).
        stop, read = self.read.get(bounds.start, (None, None))
        if read is not None and bounds.stop <= stop:
            ids = read[: bounds.stop - bounds.start]
        else:
            ids = list(self.ordered_ids[bounds])
        kept = self.kept(ids) if self.kept and ids else {}
        missing = [pk for pk in ids if pk not in kept]
        records = self.queryset.in_bulk(missing) if missing else {}
        return [KeptCard(pk, kept[pk]) if pk in kept else records[pk] for pk in ids]


def paginate(request, ordered, count, per_page):
    """The requested page and, for a page number that is no good, a message saying what we showed."""
    paginator = CountedPaginator(ordered, per_page, count)
    try:
        return paginator.page(request.GET.get("page") or 1), None
    except PageNotAnInteger:
        return paginator.page(1), _("That page number isn't valid, so here is the first page.")
    except EmptyPage:
        return paginator.page(paginator.num_pages), _(
            "There aren't that many pages, so here is the last one."
        )


def query_without(request, *names, **replace):
    """The request's query string without some parameters (and with others replaced)."""
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    for name, value in replace.items():
        params[name] = value
    return params.urlencode()


def without_empty(request):
    """A permanent redirect to the same query without its empty parameters ("?q=&specialty=&page=2"
    as a form without script sends it), the rest in their order; None when there are none. The
    empty ones never mean anything, and each list has then one address per search."""
    sent = [(name, value) for name, values in request.GET.lists() for value in values]
    kept = [(name, value) for name, value in sent if value != ""]
    if len(kept) == len(sent):
        return None
    query = urlencode(kept)
    return HttpResponsePermanentRedirect(request.path + (f"?{query}" if query else ""))


def canonical_path(request, page):
    """A list page's canonical address (pages.templatetags: canonical and hreflang links). Each page
    of the whole list is its own ("?page=2": it lists other records than page 1). A filtered or
    sorted list names the whole list's first page: its combinations are endless and show records
    the whole list shows too, each of which has its own page in sitemap.xml."""
    filtered = any(value for name, value in request.GET.items() if name != "page")
    if filtered or page.number == 1:
        return request.path
    return f"{request.path}?page={page.number}"


class FilteredListView(AppLanguageChangerMixin, TemplateResponseMixin, View):
    """A list page filtered by a GET form (a `toolkit.forms.FilterForm`), in the same steps for
    every list: the form's valid data, the matching records, their order, the page, the chips that
    each remove one filter, and, when nothing was found, the ways to widen the search.

    A list fills in the hooks: `form_class`, `matching()`, `ordered_ids()`, `cards()`, and as
    needed `annotate()`, `extra_context()`, `chip_label()`, `chip_removes()`, `widenings()`. They
    may read `self.form` and its valid data, `self.data`.
    """

    form_class = None
    context_object_name = None  # the page's records in the template ("doctors")
    paginate_by = 20
    relaxable = ()  # filters whose removal is suggested, with its count, when nothing is found

    def get(self, request, *args, **kwargs):
        clean = without_empty(request)
        if clean is not None:
            return clean
        self.form = self.form_class(request.GET or None)
        self.data = self.form.valid_data() if self.form.is_bound else {}
        self.matches = matches = self.matching(self.data)
        ordered = FetchedByIds(self.ordered_ids(matches), self.cards(), self.kept_cards)
        count = None
        if self.counts_while_sorting():
            number = request.GET.get("page") or "1"
            if number.isdigit() and int(number) >= 1:
                start = (int(number) - 1) * self.paginate_by
                count = ordered.count_with(start, start + self.paginate_by)
        if count is None:
            count = self.matches_count
        page, page_message = paginate(request, ordered, count, self.paginate_by)
        records = list(page.object_list)
        self.annotate(records)
        count = page.paginator.count
        context = {
            "form": self.form,
            "page_obj": page,
            self.context_object_name: records,
            "count": count,
            "page_message": page_message,
            **self.extra_context(),
            "active_filters": self.chips(),
            "relaxations": self.relaxations() if count == 0 and self.data else [],
            "query_string": query_without(request, "page"),
            "canonical_path": canonical_path(request, page),
            "cards_to_keep": {},  # {% keep_card %}: the cards rendered anew, kept in one write after
        }
        response = self.render_to_response(context)
        response.add_post_render_callback(lambda response: self.keep_cards(context["cards_to_keep"]))
        return response

    def matching(self, data):
        """The records matching the valid `data` (the search's own, or a widened one's), unordered:
        this is what is counted."""
        raise NotImplementedError

    def ordered_ids(self, matches):
        """The matching records' ids in the order asked for (`self.data["sort"]`)."""
        raise NotImplementedError

    @cached_property
    def matches_count(self):
        """How many records match (self.matches), counted once: an order may need it too."""
        return self.matches.count()

    def counts_while_sorting(self):
        """Whether the order asked for (self.data) visits every matching record (a ranking, a
        rating), so that the page's ids and the count are best read in one query. Not for an order
        an index gives (by name), nor one that reads only some of the records (Find a Doctor's
        nearest first), which then count them as well."""
        return False

    def cards(self):
        """The queryset that loads a page's records for their cards (select_related, prefetches)."""
        raise NotImplementedError

    def kept_cards(self, ids):
        """{id: HTML} of the cards of these records (the page's) that are kept rendered: those
        records are not loaded, and the template shows a KeptCard's `kept_card` instead. None here."""
        return {}

    def keep_cards(self, cards):
        """Keep the cards ({id: HTML}) the page rendered anew ({% keep_card %}) for kept_cards() to
        find. Nothing here."""

    def annotate(self, records):
        """Adds to the page's records what their cards show besides their fields (a distance),
        KeptCards among them (their records not loaded)."""

    def extra_context(self):
        return {}

    def chips(self):
        """Each filter in use, in the form's FILTERS order: its label, and the URL without it."""
        return [
            {
                "label": self.chip_label(name, self.data[name]),
                "url": "?" + query_without(self.request, "page", *self.chip_removes(name)),
            }
            for name in self.form_class.FILTERS
            if name in self.data
        ]

    def chip_label(self, name, value):
        """What a filter's chip says, from its field: the words searched, the ZIP code, a tick
        box's label, a choice's label, or the record chosen."""
        field = self.form.fields[name]
        if isinstance(field, SearchField):
            return _("Search: “%(q)s”") % {"q": value}
        if isinstance(field, ZipCodeField):
            return _("Near %(zip)s") % {"zip": value["code"]}
        if isinstance(field, forms.BooleanField):
            return field.label
        if isinstance(field, forms.ChoiceField) and not isinstance(field, SlugChoiceField):
            return dict(field.choices)[value]
        return choice_label(value)  # a record chosen by its slug, in the page's language

    def chip_removes(self, name):
        """The parameters a chip's link leaves out: its own, and the distance order with the ZIP code."""
        if name == "zip" and self.data.get("sort") == self.form_class.SORT_DISTANCE:
            return [name, "sort"]
        return [name]

    def widenings(self):
        """The ways to widen a search that found nothing, each as (name, widened data, query
        string): by default, leaving out one of the `relaxable` filters in use."""
        for name in self.relaxable:
            if name in self.data:
                widened = {key: value for key, value in self.data.items() if key != name}
                yield name, widened, query_without(self.request, "page", name)

    def relaxations(self):
        """The widenings that would find something, with how many they would find."""
        suggestions = []
        for name, widened, query in self.widenings():
            count = self.matching(widened).count()
            if count:
                suggestions.append({"name": name, "count": count, "url": "?" + query})
        return suggestions
