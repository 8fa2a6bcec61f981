"""The cache namespace of the price pages and the estimator (toolkit.caching.Namespace).

It follows the tables staff edit a row at a time (services, plans, the disclosure, publications).
The chargemaster's own tables (charges, codes, rates) are left out on purpose: a receiver on them
would make Django load every row it deletes, and bump the version once per row, when an import
replaces a million rates. Whatever changes those in bulk calls `pricing_changed()` once, at the end.
"""

from toolkit.caching import Namespace

PRICING = Namespace(
    "pricing",
    models=[
        "pricing.ShoppableService",
        "pricing.Ancillary",
        "pricing.Payer",
        "pricing.Plan",
        "pricing.Publication",
        "pricing.Disclosure",
        "pricing.PricedLocation",
    ],
)

cached_pricing_page = PRICING.cached_page()
pricing_changed = PRICING.changed
