"""Insurance and ages in Find a Doctor: the plans each doctor takes at each practice (the insurers'
plans that the price estimator offers too) and the ages they see, as filters that combine with the
others and come off alone, on the cards and profiles in both languages, and in the JSON-LD."""

import pytest
from django.urls import reverse

from doctors.models import AgeGroup, Doctor
from pricing.models import Payer, Plan
from tests.html import json_ld, one, select, text, texts

URL = "/en/find-a-doctor/"
BCBS = "blue-cross-blue-shield-of-massachusetts"


def names(response):
    return sorted(texts(response.content.decode(), ".doctor-card__name a"))


def chips(response):
    """{chip's label: the URL that removes it}."""
    found = {}
    for chip in select(response.content.decode(), ".active-filters .chip"):
        found[text(chip).rsplit(" – ", 1)[0]] = chip.get("href")
    return found


@pytest.fixture
def insured(directory):
    """The directory's doctors with their insurance and ages:
    Lopez (cardiology, Boston): Blue Cross PPO Blue and Medicare; adults and older adults.
    Smith (cardiology, Waltham): Harvard Pilgrim HMO; adults.
    Silva (dermatology, Chelsea): MassHealth; every age.
    Brown (neurology, Chelsea and Boston): Blue Cross HMO Blue at Chelsea only; adolescents and adults.
    Hidden (unpublished): every plan, every age."""
    plan = {(p.payer.name, p.name): p for p in Plan.objects.select_related("payer")}
    bcbs = "Blue Cross Blue Shield of Massachusetts"

    def takes(doctor, *plans, at=0):
        doctor.practices.all()[at].plans.set([plan[p] for p in plans])

    lopez, smith, silva, brown, hidden = (
        directory[k] for k in ["lopez", "smith", "silva", "brown", "hidden"]
    )
    takes(lopez, (bcbs, "PPO Blue"), ("Medicare", "Original Medicare"))
    takes(smith, ("Harvard Pilgrim Health Care", "HMO"))
    takes(silva, ("MassHealth", "Standard"))
    chelsea = [i for i, p in enumerate(brown.practices.all()) if p.location.name == "Chelsea Practice"][0]
    takes(brown, (bcbs, "HMO Blue"), at=chelsea)
    hidden.practices.first().plans.set(Plan.objects.all())
    ages = {
        lopez: AgeGroup.ADULTS | AgeGroup.OLDER_ADULTS,
        smith: AgeGroup.ADULTS,
        silva: sum(AgeGroup),
        brown: AgeGroup.ADOLESCENTS | AgeGroup.ADULTS,
        hidden: sum(AgeGroup),
    }
    for doctor, seen in ages.items():
        Doctor.objects.filter(pk=doctor.pk).update(ages_seen=seen)
    from doctors.caching import directory_changed

    directory_changed()  # update() sends no signal
    return {"bcbs": Payer.objects.get(name=bcbs), "plan": plan, **directory}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"insurer": "blue-cross-blue-shield-of-massachusetts"}, ["Kevin Brown, MD", "Maria Lopez, MD"]),
        ({"insurer": "medicare"}, ["Maria Lopez, MD"]),
        ({"insurer": "masshealth"}, ["Ana Silva, MD"]),
        ({"insurer": "aetna"}, []),
        ({"age": "children"}, ["Ana Silva, MD"]),
        ({"age": "adolescents"}, ["Ana Silva, MD", "Kevin Brown, MD"]),
        ({"age": "older-adults"}, ["Ana Silva, MD", "Maria Lopez, MD"]),
        ({"age": "adults"}, ["Ana Silva, MD", "John Smith, MD", "Kevin Brown, MD", "Maria Lopez, MD"]),
    ],
)
def test_insurance_and_ages_filter_exactly(client, insured, params, expected):
    assert names(client.get(URL, params)) == expected


def test_a_plan_narrows_to_its_own_takers(client, insured):
    hmo_blue = insured["plan"][("Blue Cross Blue Shield of Massachusetts", "HMO Blue")]
    bcbs = "blue-cross-blue-shield-of-massachusetts"
    assert names(client.get(URL, {"insurer": bcbs, "plan": hmo_blue.pk})) == ["Kevin Brown, MD"]
    assert names(client.get(URL, {"plan": hmo_blue.pk})) == ["Kevin Brown, MD"]  # the plan names its insurer


def test_a_plan_at_an_unpublished_location_does_not_count(client, insured):
    brown = insured["brown"]
    chelsea = brown.practices.get(location__name="Chelsea Practice").location
    chelsea.is_published = False
    chelsea.save()
    assert names(client.get(URL, {"insurer": "blue-cross-blue-shield-of-massachusetts"})) == [
        "Maria Lopez, MD"
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"insurer": BCBS, "specialty": "cardiology"}, ["Maria Lopez, MD"]),
        ({"insurer": BCBS, "q": "migraine"}, ["Kevin Brown, MD"]),
        ({"insurer": BCBS, "language": "spanish"}, ["Maria Lopez, MD"]),
        ({"insurer": BCBS, "location": "chelsea-practice"}, ["Kevin Brown, MD"]),
        ({"insurer": BCBS, "virtual": "on", "gender": "male"}, ["Kevin Brown, MD"]),
        ({"age": "adults", "accepting": "yes"}, ["Kevin Brown, MD", "Maria Lopez, MD"]),
        ({"age": "adults", "insurer": "harvard-pilgrim-health-care", "accepting": "referral"},
         ["John Smith, MD"]),
        ({"age": "adults", "zip": "02451", "sort": "distance"},
         ["John Smith, MD", "Kevin Brown, MD", "Maria Lopez, MD", "Ana Silva, MD"]),
    ],
)  # fmt: skip
def test_they_combine_with_every_other_filter(client, insured, params, expected):
    found = texts(client.get(URL, params).content.decode(), ".doctor-card__name a")
    assert (found if params.get("sort") == "distance" else sorted(found)) == expected


def test_each_chip_removes_only_its_own_filter(client, insured):
    hmo_blue = insured["plan"][("Blue Cross Blue Shield of Massachusetts", "HMO Blue")]
    response = client.get(
        URL,
        {"specialty": "neurology", "insurer": "blue-cross-blue-shield-of-massachusetts", "plan": hmo_blue.pk,
         "age": "adolescents", "language": "english"},
    )  # fmt: skip
    assert names(response) == ["Kevin Brown, MD"]
    found = chips(response)
    bcbs = "insurer=blue-cross-blue-shield-of-massachusetts"
    assert (
        found["Blue Cross Blue Shield of Massachusetts"]
        == "?specialty=neurology&age=adolescents&language=english"
    )
    assert found["Blue Cross Blue Shield of Massachusetts – HMO Blue"] == (
        f"?specialty=neurology&{bcbs}&age=adolescents&language=english"
    )
    assert found["Adolescents"] == f"?specialty=neurology&{bcbs}&plan={hmo_blue.pk}&language=english"
    assert found["Neurology"] == f"?{bcbs}&plan={hmo_blue.pk}&age=adolescents&language=english"


def test_when_nothing_matches_dropping_each_is_offered_with_its_count(client, insured):
    response = client.get(URL, {"insurer": "medicare", "age": "children", "language": "spanish"})
    assert names(response) == []
    offers = texts(response.content.decode(), ".no-results li a")
    assert "Show doctors whatever insurance they take (1 doctor)" in offers  # Silva: children, Spanish
    assert "Show doctors who see patients of any age (1 doctor)" in offers  # Lopez: Medicare, Spanish
    assert not [offer for offer in offers if offer.startswith("Show doctors of any language")]  # still 0
    # Each offer drops only its own filter: the insurance and the ages stay in the others' links.
    page = response.content.decode()
    links = {text(a): a.get("href") for a in select(page, ".no-results li a")}
    assert links["Show doctors whatever insurance they take (1 doctor)"] == "?age=children&language=spanish"
    any_age = links["Show doctors who see patients of any age (1 doctor)"]
    assert any_age == "?insurer=medicare&language=spanish"
    assert "changes one of your choices and keeps the others" in text(one(page, ".no-results"))
    params = {"insurer": "medicare", "age": "children", "language": "spanish"}
    page = client.get("/es/find-a-doctor/", params).content.decode()
    assert "cambia una de sus opciones y conserva las demás" in text(one(page, ".no-results"))


def test_dropping_another_filter_keeps_the_plan_and_the_ages(client, insured):
    """A doctor takes your plan if you drop the doctor's gender: the plan and ages stay in the offer."""
    ppo = insured["plan"][("Blue Cross Blue Shield of Massachusetts", "PPO Blue")]
    params = {"insurer": BCBS, "plan": ppo.pk, "age": "older-adults", "gender": "male"}
    response = client.get(URL, params)
    assert names(response) == []
    links = {text(a): a.get("href") for a in select(response.content.decode(), ".no-results li a")}
    drop_gender = links["Show doctors of any gender (1 doctor)"]
    assert drop_gender == f"?insurer={BCBS}&plan={ppo.pk}&age=older-adults"
    assert names(client.get(URL + drop_gender)) == ["Maria Lopez, MD"]


def test_bad_values_are_explained_beside_their_field_and_the_rest_kept(client, insured):
    other = insured["plan"][("Medicare", "Original Medicare")]
    response = client.get(URL, {"insurer": "no-such-insurer", "age": "toddlers", "specialty": "cardiology"})
    page = response.content.decode()
    assert "We don't know that insurer" in text(one(page, "#id_insurer_error"))
    assert "That is not one of the choices" in text(one(page, "#id_age_error"))
    assert names(response) == ["John Smith, MD", "Maria Lopez, MD"]  # the specialty still applies

    response = client.get(URL, {"insurer": "blue-cross-blue-shield-of-massachusetts", "plan": other.pk})
    error = text(one(response.content.decode(), "#id_plan_error"))
    assert "Original Medicare is not a plan of Blue Cross Blue Shield of Massachusetts" in error
    assert names(response) == ["Kevin Brown, MD", "Maria Lopez, MD"]  # every Blue Cross plan
    assert "We don't know that plan" in text(
        one(client.get(URL, {"plan": "999999"}).content.decode(), "#id_plan_error")
    )


def card_facts(client, url, params):
    """{doctor's name: the facts on their card}."""
    return {
        text(one(card, ".doctor-card__name a")): texts(card, ".doctor-card__facts li")
        for card in select(client.get(url, params).content.decode(), ".doctor-card")
    }


def test_cards_say_the_ages_seen_as_a_sentence(client, insured):
    facts = card_facts(client, URL, {"age": "adults"})
    assert "Sees patients of all ages" in facts["Ana Silva, MD"]
    assert "Sees adolescents and adults" in facts["Kevin Brown, MD"]
    assert "Sees adults and older adults" in facts["Maria Lopez, MD"]
    assert "Sees adults" in facts["John Smith, MD"]
    Doctor.objects.filter(pk=insured["silva"].pk).update(
        ages_seen=AgeGroup.NEWBORNS | AgeGroup.CHILDREN | AgeGroup.ADOLESCENTS
    )
    from doctors.caching import directory_changed

    directory_changed()
    facts = card_facts(client, "/es/find-a-doctor/", {"age": "adolescents"})
    assert "Atiende a recién nacidos, niños y adolescentes" in facts["Ana Silva, MD"]
    assert "Atiende a adolescentes y adultos" in facts["Kevin Brown, MD"]
    Doctor.objects.filter(pk=insured["silva"].pk).update(ages_seen=0)
    directory_changed()
    facts = card_facts(client, URL, {"specialty": "dermatology"})
    assert not [fact for fact in facts["Ana Silva, MD"] if fact.startswith("Sees")]  # none recorded


def test_the_profile_lists_insurance_by_practice_and_ages(client, insured):
    brown = insured["brown"]
    page = client.get(brown.get_absolute_url()).content.decode()
    section = one(page, 'section[aria-labelledby="insurance-heading"]')
    words = text(section)
    assert "At Chelsea Practice" in words and "Blue Cross Blue Shield of Massachusetts: HMO Blue" in words
    assert "At Fruit Street Clinic: call 617-555-0123 to ask which insurance plans are taken." in words
    assert "check with your insurer" in words
    assert texts(page, 'section[aria-labelledby="ages-heading"] li') == ["Adolescents", "Adults"]

    page = client.get(brown.get_absolute_url().replace("/en/", "/es/")).content.decode()
    section = one(page, 'section[aria-labelledby="insurance-heading"]')
    assert [span.get("lang") for span in select(section, "li span")] == ["en", "en"]  # names of their own
    assert "consulte con su aseguradora" in text(section)
    assert texts(page, 'section[aria-labelledby="ages-heading"] li') == ["Adolescentes", "Adultos"]


def test_a_doctor_without_insurance_recorded_says_to_call(client, directory):
    page = client.get(directory["smith"].get_absolute_url()).content.decode()
    assert "call 617-555-0123 to ask which insurance plans are taken" in text(
        one(page, 'section[aria-labelledby="insurance-heading"]')
    )
    assert not select(page, 'section[aria-labelledby="ages-heading"]')


def test_json_ld_names_the_plans_taken_and_no_ages(client, insured):
    page = client.get(insured["lopez"].get_absolute_url()).content.decode()
    [data] = [block for block in json_ld(page) if block.get("@type") == "Physician"]
    assert data["healthPlanNetworkId"] == [
        "Blue Cross Blue Shield of Massachusetts PPO Blue",
        "Medicare Original Medicare",
    ]
    from tests.standards import schema_org

    assert schema_org.problems(data) == []


def test_the_admin_keeps_ages_as_tick_boxes(staff_client, insured):
    doctor = insured["brown"]
    url = reverse("admin:doctors_doctor_change", args=[doctor.pk])
    form = staff_client.get(url).context["adminform"].form
    assert form.initial["ages"] == [AgeGroup.ADOLESCENTS, AgeGroup.ADULTS]
    assert "ages_seen" not in form.fields


def test_the_admin_packs_the_ticked_ages_and_saves_the_plans_taken(staff_client, insured):
    doctor = insured["smith"]
    url = reverse("admin:doctors_doctor_change", args=[doctor.pk])
    form = staff_client.get(url).context["adminform"].form
    assert form.initial["ages"] == [AgeGroup.ADULTS]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "photo"}
    data["specialties"] = [s.pk for s in doctor.specialties.all()]
    data["languages"] = [lang.pk for lang in doctor.languages.all()]
    data["conditions"] = []
    data["department"] = ""
    data["ages"] = [AgeGroup.NEWBORNS, AgeGroup.CHILDREN]
    for prefix in ("interests", "training", "certifications"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    practice = doctor.practices.get()
    medicare = insured["plan"][("Medicare", "Original Medicare")]
    data.update(
        {
            "practices-TOTAL_FORMS": 1,
            "practices-INITIAL_FORMS": 1,
            "practices-0-id": practice.pk,
            "practices-0-doctor": doctor.pk,
            "practices-0-location": practice.location_id,
            "practices-0-phone": practice.phone,
            "practices-0-order": 0,
            "practices-0-plans": [medicare.pk],
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    doctor.refresh_from_db()
    assert doctor.ages_seen == AgeGroup.NEWBORNS | AgeGroup.CHILDREN
    assert list(practice.plans.all()) == [medicare]
    assert names(staff_client.get(URL, {"insurer": "medicare", "age": "newborns"})) == ["John Smith, MD"]

    data["ages"] = []  # none ticked: none recorded
    assert staff_client.post(url, data).status_code == 302
    doctor.refresh_from_db()
    assert doctor.ages_seen == 0


def test_directory_staff_pick_plans_by_typing_and_finance_names_payers_slugs(insured):
    from django.contrib.auth.models import Group, User
    from django.test import Client

    from editorial.roles import setup_roles
    from tests.staff import sign_in

    setup_roles()
    staff = User.objects.create_user("directory", password="x", is_staff=True)
    staff.groups.add(Group.objects.get(name="Directory staff"))
    client = sign_in(Client(), User.objects.get(pk=staff.pk))
    page = client.get(reverse("admin:doctors_doctor_change", args=[insured["lopez"].pk])).content.decode()
    assert one(page, "select#id_practices-0-plans").get("data-ajax--url") == "/en/admin/autocomplete/"
    response = client.get(
        "/en/admin/autocomplete/",
        {"app_label": "doctors", "model_name": "practice", "field_name": "plans", "term": "medicare"},
    )
    assert [r["text"] for r in response.json()["results"]] == [  # by insurer's name or plan's
        "Medicare – Original Medicare",
        "Tufts Health Plan (Point32Health) – Medicare Preferred",
        "UnitedHealthcare – Medicare Advantage",
    ]
    assert client.get("/en/admin/pricing/payer/add/").status_code == 403  # Finance staff's list

    finance = User.objects.create_user("finance", password="x", is_staff=True)
    finance.groups.add(Group.objects.get(name="Finance staff"))
    page = sign_in(Client(), User.objects.get(pk=finance.pk)).get("/en/admin/pricing/payer/add/").content
    prepopulated = one(page.decode(), "#django-admin-prepopulated-fields-constants").get(
        "data-prepopulated-fields"
    )
    assert '"id": "#id_slug"' in prepopulated and '"#id_name"' in prepopulated


def test_the_demo_gives_every_doctor_ages_and_most_practices_plans(demo):
    from tests.page_types import load_demo_with_doctors

    load_demo_with_doctors(40)
    doctors = Doctor.objects.filter(is_demo=True)
    assert not doctors.filter(ages_seen=0).exists()
    assert doctors.filter(specialties__slug="pediatrics", ages_seen__gte=AgeGroup.ADULTS).count() == 0
    from doctors.models import Practice

    practices = Practice.objects.filter(doctor__in=doctors)
    with_plans = practices.filter(plans__isnull=False).distinct().count()
    assert with_plans >= practices.count() * 0.8


@pytest.mark.parametrize(
    "params",
    [
        {"insurer": "medicare", "age": "older-adults", "specialty": "cardiology"},
        {"insurer": BCBS, "plan": "PLAN", "q": "chest pain"},
        # No geriatrician sees newborns: nobody is found, and the relaxations are counted.
        {"insurer": "medicare", "age": "newborns", "specialty": "geriatrics"},
    ],
)
def test_list_query_count_does_not_grow_with_insurance_and_ages(client, insured, params):
    from demo.doctors import ensure_directory

    from .test_directory import list_queries

    if params.get("plan") == "PLAN":
        params = {
            **params,
            "plan": insured["plan"][("Blue Cross Blue Shield of Massachusetts", "PPO Blue")].pk,
        }
    list_queries(client, params)  # warm the vocabulary and the process's caches
    small = list_queries(client, params)
    ensure_directory(150)  # many more doctors, with their plans and ages
    list_queries(client, params)
    assert list_queries(client, params) == small


def test_the_filter_follows_every_change_to_what_a_doctor_takes(client, insured):
    from doctors.models import AcceptedInsurer, AcceptedPlan

    lopez, brown = insured["lopez"], insured["brown"]
    medicare = {"insurer": "medicare"}
    assert names(client.get(URL, medicare)) == ["Maria Lopez, MD"]
    original = insured["plan"][("Medicare", "Original Medicare")]
    brown.practices.first().plans.add(original)  # a plan added at a practice
    assert names(client.get(URL, medicare)) == ["Kevin Brown, MD", "Maria Lopez, MD"]
    lopez.practices.first().plans.remove(original)  # and one taken away
    assert names(client.get(URL, medicare)) == ["Kevin Brown, MD"]
    original.practices.clear()  # from the plan's side
    assert names(client.get(URL, medicare)) == []
    original.payer = Payer.objects.get(name="MassHealth")  # a plan moved to another insurer
    original.save()
    brown.practices.first().plans.add(original)
    assert names(client.get(URL, {"insurer": "masshealth"})) == ["Ana Silva, MD", "Kevin Brown, MD"]
    brown.practices.all().delete()  # the doctor's practices gone
    assert not AcceptedPlan.objects.filter(doctor=brown).exists()
    assert not AcceptedInsurer.objects.filter(doctor=brown).exists()
