"""The Price Transparency page, the list of shoppable services, and the price estimator."""

from cms.models import PageContent
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from toolkit.translation import sort_key, translated
from toolkit.views import show_in_breadcrumbs, use_app_language_changer

from .estimator import estimate, search
from .models import Publication, ShoppableService
from .search_forms import SELF_PAY, EstimateForm, PlanForm

# The files of a publication, in the order the page lists them, with what each format is called.
FILE_FORMATS = [("json", _lazy("JSON")), ("tall", _lazy("CSV, tall")), ("wide", _lazy("CSV, wide"))]
# The CMS page the estimate links to when editors have made it (its reverse_id).
FINANCIAL_ASSISTANCE = "financial-assistance"
MOST_RESULTS = 30


def index(request):
    """The files of the current publication, cms-hpt.txt, and the way to the estimator."""
    use_app_language_changer(request)
    publication = Publication.current()
    files = []
    if publication is not None:
        files = [
            {"format": label, "csv": key != "json", **publication.files[key]}
            for key, label in FILE_FORMATS
            if key in publication.files
        ]
    return render(request, "pricing/index.html", {"publication": publication, "files": files})


def service_list(request):
    """Every shoppable service by category (45 CFR 180.60): those CMS specifies marked, those the
    hospital does not offer said so."""
    use_app_language_changer(request)
    show_in_breadcrumbs(request, (_("All services and prices"), request.path))
    services = {}
    for service in ShoppableService.objects.all():
        services.setdefault(service.category, []).append(service)
    categories = [
        {
            "key": key,
            "label": label,
            "services": sorted(services[key], key=lambda s: sort_key(translated(s, "name"))),
        }
        for key, label in ShoppableService.Category.choices
        if key in services
    ]
    return render(request, "pricing/service_list.html", {"categories": categories})


def estimate_search(request):
    """The estimator's search: the form, and with it filled in, the services that match."""
    use_app_language_changer(request)
    show_in_breadcrumbs(request, (_("Price estimator"), request.path))
    bound = "q" in request.GET or "plan" in request.GET
    form = EstimateForm(request.GET if bound else None)
    found = None
    if form.is_valid():
        found = search(form.cleaned_data["q"], get_language())
    return render(
        request,
        "pricing/estimate_search.html",
        {
            "form": form,
            "found": found,
            "services": found.services[:MOST_RESULTS] if found else [],
            "plan_query": plan_query(form),
        },
    )


def service_estimate(request, pk):
    """One service's estimate, for the plan in the address (or self-pay, or every plan)."""
    use_app_language_changer(request)
    service = get_object_or_404(ShoppableService.objects.prefetch_related("ancillaries"), pk=pk)
    estimator_url = reverse("pricing:estimate")
    show_in_breadcrumbs(
        request, (_("Price estimator"), estimator_url), (translated(service, "name"), request.path)
    )
    form = PlanForm(request.GET if "plan" in request.GET else None)
    choice = form.cleaned_data["plan"] if form.is_valid() else None
    plan = choice if choice not in (None, SELF_PAY) else None
    context = {
        "service": service,
        "form": form,
        "self_pay": choice == SELF_PAY,
        "plan": plan,
        "estimate": estimate(service, plan) if service.offered else None,
        "estimator_url": estimator_url,
        "plan_query": plan_query(form),
        **help_links(service),
    }
    return render(request, "pricing/service_estimate.html", context)


def plan_query(form):
    """The query string that keeps a valid choice of plan in the links to estimates ("?plan=12"), or ""."""
    if not form.is_bound or "plan" in form.errors or not form.data.get("plan"):
        return ""
    return "?plan=" + form.data["plan"]


def help_links(service):
    """Where to ask for financial assistance (the CMS page when editors have made it, else this
    page's section) and for a Good Faith Estimate of `service` (the appointments app's form, which
    fills the service in)."""
    language = get_language()
    content = (
        PageContent.objects.filter(page__reverse_id=FINANCIAL_ASSISTANCE, language=language)
        .select_related("page")
        .first()
    )
    page_url = content.page.get_absolute_url(language) if content else ""
    return {
        "financial_assistance_url": page_url or f"{reverse('pricing:index')}#financial-assistance",
        "good_faith_estimate_url": f"{good_faith_estimate_form(language)}?service={service.pk}",
    }


def good_faith_estimate_form(language):
    """The appointments app's Good Faith Estimate form, by its URL's name (not imported: pricing sits
    below appointments)."""
    try:
        return reverse("appointments:good_faith_estimate")
    except NoReverseMatch:  # the app is not hooked onto a page
        return f"/{language}/appointments/good-faith-estimate/"
