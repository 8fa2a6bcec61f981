"""The demo hospital's prices (demo.pricing through load_demo): thousands of fictional charges, the
300 and more shoppable services in English and Spanish with the 70 CMS specifies, and a charge with
a rate for every plan behind every code a service or its ancillaries use."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from pricing.models import (
    Ancillary,
    Charge,
    ChargeCode,
    Disclosure,
    Plan,
    Publication,
    Rate,
    ShoppableService,
)
from pricing.validation import ValidatorUnavailable, node_binary, package_folder
from tests.conftest import DEMO_PASSWORD

TEXTS = ("name", "description", "search_words")


def codes_in_use():
    """{(code, type)} of every service's primary code and every ancillary's code."""
    services = set(ShoppableService.objects.values_list("code", "code_type"))
    return services | set(Ancillary.objects.values_list("code", "code_type"))


def codes_without_a_rate_for_every_plan():
    """The codes in use with no charge, or whose charge lacks a rate for some plan."""
    plans = Plan.objects.count()
    rated = dict(Rate.objects.values_list("charge").annotate(plans=Count("plan", distinct=True)))
    charges = {}
    for code, code_type, charge in ChargeCode.objects.values_list("code", "type", "charge"):
        charges.setdefault((code, code_type), []).append(charge)
    return {
        code
        for code in codes_in_use()
        if not charges.get(code) or any(rated.get(charge, 0) < plans for charge in charges[code])
    }


@pytest.mark.django_db
def test_the_demo_has_thousands_of_charges_and_300_services_with_the_70_cms_specifies(demo):
    assert Charge.objects.count() >= 3000
    assert ShoppableService.objects.count() >= 300
    numbers = sorted(ShoppableService.objects.exclude(cms_number=None).values_list("cms_number", flat=True))
    assert numbers == list(range(1, 71))
    assert not ShoppableService.objects.filter(offered=False).exists()  # the hospital offers all 70
    assert Plan.objects.values("payer").distinct().count() >= 9


@pytest.mark.django_db
def test_every_code_of_a_service_or_ancillary_has_a_charge_with_a_rate_for_every_plan(demo):
    assert codes_without_a_rate_for_every_plan() == set()
    # Each service's code is one charge, without modifiers: what the estimator prices.
    for code, code_type in codes_in_use():
        found = Charge.objects.filter(codes__code=code, codes__type=code_type, modifiers="")
        assert found.count() == 1, (code, code_type)


@pytest.mark.django_db
def test_a_code_missing_a_plans_rate_is_found(demo):
    anesthesia = Charge.objects.get(codes__code="01400", codes__type="CPT")
    anesthesia.rates.filter(pk=anesthesia.rates.first().pk).delete()
    assert codes_without_a_rate_for_every_plan() == {("01400", "CPT")}


@pytest.mark.django_db
def test_every_service_and_ancillary_is_written_in_english_and_spanish(demo):
    for service in ShoppableService.objects.all():
        for field in TEXTS:
            english, spanish = getattr(service, f"{field}_en"), getattr(service, f"{field}_es")
            assert english and spanish and english != spanish, (service.code, field)
    assert not Ancillary.objects.filter(label_es="").exists()
    assert not Ancillary.objects.filter(label_es=None).exists()
    assert ShoppableService.objects.filter(search_words_en__icontains="knee MRI").exists()
    assert ShoppableService.objects.filter(search_words_es__icontains="tener un bebé").exists()


@pytest.mark.django_db
def test_the_charges_are_positive_with_no_dollar_sign_and_minimum_and_maximum_from_the_dollar_rates(demo):
    assert not Charge.objects.filter(gross_charge__lte=0).exists()
    assert not Charge.objects.filter(discounted_cash__lte=0).exists()
    assert not Charge.objects.filter(description__contains="$").exists()
    assert not Rate.objects.filter(algorithm__contains="$").exists()
    charge = Charge.objects.get(codes__code="73721", codes__type="CPT")
    dollars = [rate.dollar for rate in charge.rates.all() if rate.dollar]
    assert (charge.minimum, charge.maximum) == (min(dollars), max(dollars))
    # Some plans agree percentages and formulas, each with what was allowed.
    for rate in Rate.objects.exclude(percentage=None) | Rate.objects.exclude(algorithm=""):
        assert rate.count and rate.percentile_10 < rate.median < rate.percentile_90
    assert Rate.objects.exclude(percentage=None).exists() and Rate.objects.exclude(algorithm="").exists()
    disclosure = Disclosure.current()
    assert disclosure.attestation_confirmed and "fictional" in disclosure.notes


@pytest.mark.django_db
def test_loading_the_demo_again_changes_nothing(demo):
    before = [
        model.objects.count() for model in (Charge, ChargeCode, Rate, ShoppableService, Ancillary, Plan)
    ]
    output = io.StringIO()
    call_command("load_demo", admin_password=DEMO_PASSWORD, doctors=0, stdout=output)
    after = [model.objects.count() for model in (Charge, ChargeCode, Rate, ShoppableService, Ancillary, Plan)]
    assert after == before
    assert "0 fictional charge(s) created" in output.getvalue()


@pytest.mark.django_db
def test_load_demo_published_files_that_cms_validator_passed(demo):
    try:
        node_binary(), package_folder()
    except ValidatorUnavailable as missing:
        pytest.skip(str(missing))
    publication = Publication.current()
    assert publication is not None
    assert "no error, no alert" in publication.report
    assert {entry["name"] for entry in publication.files.values()} == {
        "00-0002026_massachusetts-general-hospital_standardcharges.json",
        "00-0002026_massachusetts-general-hospital_standardcharges.csv",
    }
