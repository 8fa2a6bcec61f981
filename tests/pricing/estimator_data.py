"""A small chargemaster whose estimates are known, and the "Price Transparency" page the estimator
hangs from (the demo's when load_demo has made it, else one made here), for the estimator's tests."""

from decimal import Decimal

from cms.api import create_page, create_page_content
from cms.models import Page, PageContent
from cms.utils.apphook_reload import reload_urlconf
from djangocms_versioning.models import Version

from pricing.models import (
    Ancillary,
    Charge,
    ChargeCode,
    Modifier,
    Payer,
    Plan,
    Publication,
    Rate,
    ShoppableService,
)

REVERSE_ID = "price-transparency"


def price_page(user):
    """The published page (English and Spanish) with the pricing app hooked onto it."""
    page = Page.objects.filter(reverse_id=REVERSE_ID).first()
    if page is None:
        page = create_page(
            "Price Transparency",
            "pages/content.html",
            "en",
            slug="price-transparency",
            parent=Page.objects.get(is_home=True),
            reverse_id=REVERSE_ID,
            apphook="PricingApphook",
            apphook_namespace="pricing",
            created_by=user,
        )
        Version.objects.get_for_content(PageContent.admin_manager.get(page=page, language="en")).publish(user)
        page = Page.objects.get(pk=page.pk)
        spanish = create_page_content(
            "es", "Transparencia de precios", page, slug="price-transparency", created_by=user
        )
        Version.objects.get_for_content(spanish).publish(user)
    reload_urlconf()
    return page


def charge(description, code, code_type="CPT", setting="outpatient", modifiers="", **amounts):
    made = Charge.objects.create(
        description=description, setting=setting, modifiers=modifiers, **money(amounts)
    )
    ChargeCode.objects.create(charge=made, code=code, type=code_type)
    return made


def rate(charge, plan, methodology, count="", algorithm="", **amounts):
    return Rate.objects.create(
        charge=charge, plan=plan, methodology=methodology, count=count, algorithm=algorithm, **money(amounts)
    )


def money(amounts):
    return {name: Decimal(str(value)) for name, value in amounts.items()}


def clear_prices():
    """No chargemaster, services or publication: the demo's, when the session's demo has them, are
    deleted in the test's transaction, so that the answers below are the only ones."""
    for model in (Rate, Modifier, Charge, Plan, Payer, ShoppableService, Publication):
        model.objects.all().delete()


def chargemaster():
    """Three payers' plans, the charges of three services and their ancillaries, and the services.

    The brain MRI with its contrast dye, by plan: PPO pays fixed fees (1200 + 80); HMO a percentage
    of the gross charge (45% of 3000 + 45% of 200); Harbor Choice by algorithm for the scan (800 to
    1600, median 1000) and nothing agreed for the dye (every plan's 50 to 150). Cash 1500 + 100."""
    clear_prices()
    acme = Payer.objects.create(name="Acme Health")
    harbor = Payer.objects.create(name="Harbor Care")
    plans = {
        "ppo": Plan.objects.create(payer=acme, name="PPO"),
        "hmo": Plan.objects.create(payer=acme, name="HMO"),
        "choice": Plan.objects.create(payer=harbor, name="Choice"),
    }
    scan = charge(
        "MRI BRAIN W/O CONTRAST", "70551", gross_charge=3000, discounted_cash=1500, minimum=900, maximum=2400
    )
    # The same code in the other setting: never the outpatient service's charge.
    charge("MRI BRAIN INPT", "70551", setting="inpatient", gross_charge=5000, discounted_cash=4000,
           minimum=2000, maximum=4500)  # fmt: skip
    dye = charge(
        "GADOLINIUM CONTRAST", "A9577", "HCPCS", setting="both",
        gross_charge=200, discounted_cash=100, minimum=50, maximum=150,
    )  # fmt: skip
    percent = {"methodology": "percent of total billed charges", "percentage": 45}
    rate(scan, plans["ppo"], dollar=1200, methodology="fee schedule")
    rate(scan, plans["hmo"], **percent, median=1300, percentile_10=1000, percentile_90=1500, count="25")
    rate(scan, plans["choice"], algorithm="Case rate by acuity", methodology="case rate", median=1000,
         percentile_10=800, percentile_90=1600, count="40")  # fmt: skip
    rate(dye, plans["ppo"], dollar=80, methodology="fee schedule")
    rate(dye, plans["hmo"], **percent, median=90, percentile_10=80, percentile_90=100, count="1 through 10")
    colonoscopy = charge("COLONOSCOPY DX", "45378", gross_charge=2500, discounted_cash=1000, minimum=700,
                         maximum=2000)  # fmt: skip
    rate(colonoscopy, plans["ppo"], dollar="950.50", methodology="case rate")

    services = {
        "brain": ShoppableService.objects.create(
            name_en="MRI of the brain", name_es="Resonancia magnética del cerebro",
            description_en="Pictures of your brain taken with a magnet.",
            description_es="Imágenes del cerebro tomadas con un imán.",
            search_words_en="brain MRI, head scan", search_words_es="resonancia de la cabeza",
            category="imaging", code="70551", code_type="CPT", setting="outpatient", cms_number=30,
        ),
        "knee": ShoppableService.objects.create(
            name_en="MRI of the knee", name_es="Resonancia magnética de la rodilla",
            search_words_en="knee scan", category="imaging", code="73721", code_type="CPT",
            setting="outpatient",
        ),
        "colonoscopy": ShoppableService.objects.create(
            name_en="Colonoscopy", name_es="Colonoscopia", search_words_en="scope of the colon",
            category="procedure", code="45378", code_type="CPT", setting="outpatient", cms_number=12,
        ),
        "chest": ShoppableService.objects.create(
            name_en="X-ray of the chest", name_es="Radiografía de tórax", search_words_es="rayos X del pecho",
            category="imaging", code="71046", code_type="CPT", setting="outpatient",
        ),
        "missing": ShoppableService.objects.create(
            name_en="Cardiac rehabilitation", name_es="Rehabilitación cardíaca", category="procedure",
            code="93797", code_type="CPT", setting="outpatient", cms_number=60, offered=False,
        ),
    }  # fmt: skip
    Ancillary.objects.create(
        service=services["brain"],
        label_en="Contrast dye",
        label_es="Medio de contraste",
        code="A9577",
        code_type="HCPCS",
    )
    return {"plans": plans, "services": services}


def grow_chargemaster(count, plans):
    """`count` more charges, each with a code and a rate for every plan: a bigger hospital."""
    start = Charge.objects.count()
    charges = Charge.objects.bulk_create(
        Charge(description=f"ITEM {n}", setting="outpatient", gross_charge=Decimal(100 + n), position=n)
        for n in range(start, start + count)
    )
    ChargeCode.objects.bulk_create(ChargeCode(charge=c, code=f"X{c.pk:05d}", type="CDM") for c in charges)
    Rate.objects.bulk_create(
        Rate(charge=c, plan=plan, dollar=Decimal(50), methodology="fee schedule")
        for c in charges
        for plan in plans
    )
