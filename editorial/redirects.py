"""Redirects for moved pages (django.contrib.redirects), found whatever query string the old
address carries."""

import copy

from django.contrib.redirects.middleware import RedirectFallbackMiddleware


class MovedPageRedirectMiddleware(RedirectFallbackMiddleware):
    """Django's fallback, which looks a 404's address up with its query string and so misses an old
    link carrying one (`?utm_source=…` from a newsletter, a bookmarked search): when that finds
    nothing, the address is looked up again without it. A redirect stored with a query string still
    wins; the visitor is sent to the redirect's new address as stored, without the old query.
    """

    def process_response(self, request, response):
        answer = super().process_response(request, response)
        if answer is not response or not request.META.get("QUERY_STRING"):
            return answer
        without_query = copy.copy(request)
        without_query.META = {**request.META, "QUERY_STRING": ""}
        return super().process_response(without_query, response)
