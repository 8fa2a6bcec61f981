"""What the apps' list pages share: paging that explains a bad page number, and GET URLs."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.translation import gettext as _


class CountedPaginator(Paginator):
    """A paginator told its count, taken from the plain filtered list rather than the sorted one
    (whose annotations would make counting compute relevance and distances for every row)."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count


class FetchedByIds:
    """Ordered ids as a paginator's list: a slice fetches just those records, in that order.

    Sorting then touches only narrow rows; `queryset` says how a page's records are loaded
    (select_related, prefetches for their cards).
    """

    def __init__(self, ordered_ids, queryset):
        self.ordered_ids = ordered_ids
        self.queryset = queryset

    def __getitem__(self, bounds):
        ids = list(self.ordered_ids[bounds])
        records = self.queryset.in_bulk(ids)
        return [records[pk] for pk in ids]


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
