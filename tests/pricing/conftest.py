"""Fixtures of the price transparency tests."""

from pathlib import Path

import pytest

from pricing.models import Payer, Plan
from tests.pricing.estimator_data import clear_prices

# CMS's v3.0 schema, templates and example files (public domain): the positive controls.
CMS_FILES = Path(__file__).resolve().parent / "cms"


@pytest.fixture
def west_mercy_plans(db):
    """No chargemaster (the session's demo may have loaded one), and the payers and plans CMS's
    example files name, as finance staff would enter them."""
    clear_prices()
    for payer, plan in [("Platform Health Insurance", "PPO"), ("Region Health Insurance", "HMO")]:
        Plan.objects.create(payer=Payer.objects.create(name=payer), name=plan)
