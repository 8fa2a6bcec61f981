"""The price estimator: finding a service from a patient's words or a code, in English and Spanish,
what it costs with a plan or paying oneself, and the pages that show it."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pricing.caching import pricing_changed
from pricing.estimator import Basis, estimate, find_services, search
from pricing.models import ShoppableService
from tests.html import one, select, text, texts

from .estimator_data import charge, chargemaster, grow_chargemaster, price_page

SEARCH = "/en/price-transparency/estimate/"


@pytest.fixture
def prices(db):
    return chargemaster()


@pytest.fixture
def pages(demo, admin_user, prices):
    price_page(admin_user)
    return prices


def names(services):
    return [service.name_en for service in services]


# Finding services


@pytest.mark.parametrize(
    ("words", "language", "first"),
    [
        ("knee MRI", "en", "MRI of the knee"),
        ("an MRI of my knee", "en", "MRI of the knee"),
        ("head scan", "en", "MRI of the brain"),
        ("resonancia de la rodilla", "es", "MRI of the knee"),
        ("RESONÁNCIA cerebro", "es", "MRI of the brain"),  # case and a stray accent
        ("resonancia de la cabeza", "es", "MRI of the brain"),  # the Spanish search words
        ("brain MRI", "es", "MRI of the brain"),  # English words on a Spanish page
        ("colonoscopia", "es", "Colonoscopy"),
        ("colonoscpy", "en", "Colonoscopy"),  # a typo
        ("colono", "en", "Colonoscopy"),  # the beginning of a word
        ("xray", "en", "X-ray of the chest"),
        ("chest x-ray", "en", "X-ray of the chest"),
        ("rayos x", "es", "X-ray of the chest"),
    ],
)
def test_services_are_found_from_plain_words_in_either_language(prices, words, language, first):
    assert names(find_services(words, language))[0] == first


def test_a_search_finds_only_the_services_having_every_word(prices):
    assert names(find_services("knee MRI", "en")) == ["MRI of the knee"]
    assert names(find_services("MRI", "en")) == ["MRI of the brain", "MRI of the knee"]


def test_spanish_words_are_not_searched_on_english_pages(prices):
    """An English page searches the English words: "rodilla" is only Spanish."""
    assert find_services("rodilla", "en") == []
    assert names(find_services("rodilla", "es")) == ["MRI of the knee"]


@pytest.mark.parametrize("words", ["70551", "CPT 70551", " cpt  70551 ", "código 70551"])
def test_a_code_finds_its_service(prices, words):
    assert names(find_services(words, "en")) == ["MRI of the brain"]


def test_a_typo_says_what_was_searched_and_unknown_words_find_nothing(prices):
    found = search("colonoscpy", "en")
    assert found.read_as == "colonoscopy"
    assert search("zzqxv", "en").services == []


def test_some_words_matching_are_shown_as_a_partial_match(prices):
    found = search("knee surgery", "en")
    assert names(found.services) == ["MRI of the knee"]
    assert found.partial


def test_finding_services_asks_the_database_once_when_warm(prices, django_assert_num_queries):
    find_services("knee", "en")  # fills the cache of the services' words
    with django_assert_num_queries(1):
        find_services("rodilla", "es")


# Estimates


def fresh(service):
    return ShoppableService.objects.get(pk=service.pk)


def test_a_plan_paying_fixed_fees_gives_their_sum(prices):
    found = estimate(prices["services"]["brain"], prices["plans"]["ppo"])
    assert [(str(part.label), part.low, part.high, part.basis) for part in found.parts] == [
        ("MRI of the brain", Decimal("1200"), Decimal("1200"), Basis.DOLLAR),
        ("Contrast dye", Decimal("80"), Decimal("80"), Basis.DOLLAR),
    ]
    assert (found.low, found.high) == (Decimal("1280"), Decimal("1280"))
    assert found.cash == Decimal("1600")
    assert (found.minimum, found.maximum) == (Decimal("950"), Decimal("2550"))


def test_a_percentage_is_of_the_gross_charge_at_the_services_setting(prices):
    """45% of the outpatient scan's 3000, not of the inpatient one's 5000, and of the dye's 200."""
    found = estimate(prices["services"]["brain"], prices["plans"]["hmo"])
    assert [part.low for part in found.parts] == [Decimal("1350.00"), Decimal("90.00")]
    assert (found.low, found.high) == (Decimal("1440.00"), Decimal("1440.00"))
    assert found.parts[0].charge.description == "MRI BRAIN W/O CONTRAST"


def test_of_many_charges_sharing_a_code_the_plain_one_at_the_services_setting_counts(prices):
    brain = prices["services"]["brain"]
    brain.ancillaries.create(label_en="Clinic room", code="0510", code_type="RC", position=2)
    for position, (setting, modifiers, gross) in enumerate(
        [("inpatient", "", 900), ("outpatient", "26", 800), ("both", "", 700), ("outpatient", "", 600)]
    ):
        charge(f"CLINIC {position}", "0510", "RC", setting=setting, modifiers=modifiers, gross_charge=gross)
    room = estimate(fresh(brain)).parts[-1]
    assert room.charge.gross_charge == Decimal("600")


def test_an_algorithm_gives_the_percentile_range_and_no_rate_every_plans_range(prices):
    found = estimate(prices["services"]["brain"], prices["plans"]["choice"])
    scan, dye = found.parts
    assert (scan.low, scan.typical, scan.high, scan.basis) == (
        Decimal("800"), Decimal("1000"), Decimal("1600"), Basis.ALGORITHM,
    )  # fmt: skip
    assert (dye.low, dye.high, dye.basis) == (Decimal("50"), Decimal("150"), Basis.ALL_PLANS)
    assert (found.low, found.high) == (Decimal("850"), Decimal("1750"))
    assert found.beyond_plan == [dye]


def test_self_pay_is_the_discounted_cash_price(prices):
    found = estimate(prices["services"]["brain"])
    assert found.cash == Decimal("1600")
    assert found.low is None and found.high is None


def test_a_part_without_a_charge_is_left_out_of_the_totals(prices):
    found = estimate(prices["services"]["knee"], prices["plans"]["ppo"])
    assert found.unpriced == found.parts
    assert found.low is None and found.cash is None


@pytest.mark.parametrize("plan", ["ppo", "choice", None])
def test_estimate_query_count_does_not_grow_with_the_chargemaster(prices, plan, django_assert_num_queries):
    service = prices["services"]["brain"]
    plan = prices["plans"][plan] if plan else None
    queries = 3 if plan else 2  # the ancillaries, the charges of every code, the plan's rates
    grow_chargemaster(50, prices["plans"].values())
    service = fresh(service)
    with django_assert_num_queries(queries):
        small = estimate(service, plan)
    grow_chargemaster(450, prices["plans"].values())
    service = fresh(service)
    with django_assert_num_queries(queries):
        large = estimate(service, plan)
    assert (small.low, small.high, small.cash) == (large.low, large.high, large.cash)


# The pages


def test_the_search_page_finds_services_and_keeps_the_plan_in_their_links(client, pages):
    ppo = pages["plans"]["ppo"]
    response = client.get(SEARCH, {"q": "knee MRI", "plan": ppo.pk})
    assert response.status_code == 200
    link = one(response, ".estimator-result__name a")
    assert text(link) == "MRI of the knee"
    assert (
        link.get("href") == f"/en/price-transparency/estimate/{pages['services']['knee'].pk}/?plan={ppo.pk}"
    )
    # What was typed is kept in no cache, and no cookie is set.
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_the_plan_select_groups_the_plans_by_insurer_and_offers_self_pay(client, pages):
    response = client.get(SEARCH)
    groups = {
        group.get("label"): [text(o) for o in group.findall("option")]
        for group in select(response, "optgroup")
    }
    assert groups == {"Acme Health": ["HMO", "PPO"], "Harbor Care": ["Choice"]}
    assert "I will pay myself (no insurance)" in texts(response, "#id_plan > option")
    assert not select(response, ".field__error")  # nothing asked yet, nothing wrong


def test_an_empty_search_and_an_unknown_plan_are_explained_beside_their_fields(client, pages):
    response = client.get(SEARCH, {"q": " ", "plan": ""})
    assert "Tell us what you need" in text(one(response, "#id_q_error"))
    assert one(response, "#id_q").get("aria-describedby") == "id_q_error id_q_helptext"

    response = client.get(SEARCH, {"q": "knee", "plan": "99999"})
    assert "We do not know this plan" in text(one(response, "#id_plan_error"))
    assert one(response, "#id_q").get("value") == "knee"  # what was typed is kept
    assert not select(response, ".estimator-result")


def test_a_search_finding_nothing_says_so_and_offers_the_list(client, pages):
    response = client.get(SEARCH, {"q": "zzqxv"})
    assert "We found no service for “zzqxv”." in response.content.decode()
    assert one(response, ".pricing__more a").get("href") == "/en/price-transparency/services/"


def test_spanish_words_find_services_on_the_spanish_page(client, pages):
    response = client.get("/es/price-transparency/estimate/", {"q": "resonancia rodilla"})
    assert texts(response, ".estimator-result__name a") == ["Resonancia magnética de la rodilla"]
    assert one(response, "html").get("lang") == "es"
    assert "¿Qué necesita?" in response.content.decode()


def estimate_page(client, service, plan=None, language="en"):
    query = {"plan": plan if isinstance(plan, str) else plan.pk} if plan else {}
    return client.get(f"/{language}/price-transparency/estimate/{service.pk}/", query)


def test_the_estimate_for_a_plan_says_its_range_in_words(client, pages):
    brain = pages["services"]["brain"]
    page = estimate_page(client, brain, pages["plans"]["ppo"])
    assert text(one(page, ".estimate__headline")) == (
        "Your plan, Acme Health – PPO, usually pays Mass General $1,280 for this."
    )
    assert "If you pay yourself instead: $1,600." in page.content.decode()
    assert texts(page, ".estimate-parts tbody th") == [
        "MRI of the brain (the service itself) Code CPT 70551",
        "Contrast dye Code HCPCS A9577",
    ]
    assert texts(page, ".estimate-parts tfoot td") == ["$1,280", "$1,600"]

    page = estimate_page(client, brain, pages["plans"]["choice"])
    assert text(one(page, ".estimate__headline")) == (
        "Your plan, Harbor Care – Choice, usually pays Mass General between $850 and $1,750 for this."
    )
    assert "usually $1,000" in text(select(page, ".estimate-parts tbody td")[0])


def test_the_estimate_for_self_pay_gives_the_cash_price_and_help_paying(client, pages):
    page = estimate_page(client, pages["services"]["brain"], "self")
    assert text(one(page, ".estimate__headline")) == "If you pay yourself: $1,600."
    # The demo's financial assistance notice (a CMS page with that reverse id)
    assert one(page, ".estimate__summary a").get("href") == "/en/patient-rights/financial-assistance/"
    help_links = {text(a): a.get("href") for a in select(page, "[aria-labelledby=help-heading] a")}
    form = f"/en/appointments/good-faith-estimate/?service={pages['services']['brain'].pk}"
    assert help_links["Ask us for a Good Faith Estimate"] == form
    assert help_links["617-726-2000"] == "tel:+16177262000"


def test_without_a_plan_the_estimate_gives_every_plans_range(client, pages):
    page = estimate_page(client, pages["services"]["brain"])
    assert text(one(page, ".estimate__headline")) == (
        "Insurance plans pay Mass General between $950 and $2,550 for this."
    )


def test_the_spanish_estimate_writes_money_the_spanish_way(client, pages):
    page = estimate_page(client, pages["services"]["colonoscopy"], pages["plans"]["ppo"], "es")
    headline = text(one(page, ".estimate__headline"))
    assert headline == "Su plan, Acme Health – PPO, suele pagar a Mass General 950,50 US$ por esto."
    assert one(page, ".estimate__headline span").get("lang") == "en"
    # Django's Spanish number format: a no-break space between thousands, and before the sign.
    assert "Si paga usted mismo en su lugar: 1\xa0000\xa0US$." in page.content.decode()


def test_an_unknown_plan_on_an_estimate_is_explained_and_every_plans_range_shown(client, pages):
    page = estimate_page(client, pages["services"]["brain"], "12345")
    assert "We do not know this plan" in text(one(page, "#id_plan_error"))
    assert text(one(page, ".estimate__headline")).startswith("Insurance plans pay")


def test_a_service_the_chargemaster_has_no_charge_for_says_whom_to_call(client, pages):
    page = estimate_page(client, pages["services"]["knee"], pages["plans"]["ppo"])
    headline = one(page, ".estimate__headline")
    assert text(headline).startswith("We have no price for this service yet.")
    assert headline.find("a").get("href") == "tel:+16177262000"


def test_a_service_not_offered_says_so_and_gives_no_price(client, pages):
    page = estimate_page(client, pages["services"]["missing"])
    assert "Mass General does not provide this service." in text(one(page, ".notice"))
    assert not select(page, ".estimate-parts")


def test_estimates_come_from_the_cache_until_the_prices_change(client, pages, django_assert_max_num_queries):
    brain, ppo = pages["services"]["brain"], pages["plans"]["ppo"]
    first = estimate_page(client, brain, ppo)
    assert not first.cookies
    assert "max-age" in first["Cache-Control"]
    # What is left is django CMS's own middleware finding the page the app hangs from.
    with django_assert_max_num_queries(2):
        assert estimate_page(client, brain, ppo).content == first.content

    rate = brain_rate(ppo)
    rate.dollar = Decimal("1300")
    rate.save()
    assert "$1,280" in estimate_page(client, brain, ppo).content.decode()  # the chargemaster sends no signal
    pricing_changed()  # as the importer does once it has replaced the charges
    assert "$1,380" in estimate_page(client, brain, ppo).content.decode()


def brain_rate(plan):
    return plan.rates.get(charge__codes__code="70551", charge__setting="outpatient")


def page_queries(client, service, plan):
    pricing_changed()
    with CaptureQueriesContext(connection) as queries:
        assert estimate_page(client, service, plan).status_code == 200
    return len(queries)


def test_the_estimate_page_query_count_does_not_grow_with_the_chargemaster(client, pages):
    brain, plan = pages["services"]["brain"], pages["plans"]["choice"]
    page_queries(client, brain, plan)  # warm django CMS's caches
    grow_chargemaster(50, pages["plans"].values())
    small = page_queries(client, brain, plan)
    grow_chargemaster(450, pages["plans"].values())
    assert page_queries(client, brain, plan) == small
