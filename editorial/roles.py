"""The staff roles of the site, as Django groups, and exactly what each may do.

- Editor: writes and previews drafts of pages and aliases (footer, alert banner), adds media;
  cannot publish or unpublish: sends a draft for review instead.
- Publisher: what an editor does, plus publishing, unpublishing and approving reviews, and
  publishing the notices' documents (a new version of the privacy notice, say) that editors upload.
- Directory staff: the doctors and locations, and their vocabularies; the campus's walkways.
- Intake staff: appointment requests of the departments they are assigned to.
- Patient financial services: the Good Faith Estimate requests of uninsured and self-pay patients,
  and no other request.
- Patient experience: the post-visit surveys behind the doctors' ratings: import the survey
  vendor's file, keep the survey questions, and publish or withhold each patient's comment (with a
  reason from the published list); no appointment request.
- Finance staff: the price transparency data (the hospital's disclosure, payers and plans, the
  chargemaster, shoppable services): import the chargemaster from the billing system's file and
  publish CMS's files; the publications themselves are read only.
`manage.py setup_roles` makes the groups hold exactly these permissions (run on every deploy).
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

CRUD = ("add", "change", "delete", "view")


def edits_cms_content(user):
    """Staff who write CMS pages (Editors, Publishers, superusers); not intake or directory staff."""
    return user is not None and user.is_authenticated and user.is_staff and user.has_perm("cms.change_page")


def _models(app_label, *models, actions=CRUD):
    return [(app_label, f"{action}_{model}") for model in models for action in actions]


PLUGIN_MODELS = {
    "pages": ["hero", "cardgrid", "card", "calltoaction", "figures", "figure", "callout", "recognitionlist",
              "recognition"],
    "djangocms_text": ["text"],
    "djangocms_link": ["link"],
    "djangocms_alias": ["aliasplugin"],
    "notices": ["documents"],
}  # fmt: skip

EDITOR = [
    *_models("cms", "page", actions=("add", "change", "view")),
    ("cms", "use_structure"),
    *_models("cms", "cmsplugin", "placeholderreference"),
    *[perm for app, models in PLUGIN_MODELS.items() for perm in _models(app, *models)],
    *_models("djangocms_versioning", "version", "pagecontentversion", "aliascontentversion",
             actions=("add", "change", "view")),
    *_models("djangocms_alias", "alias", "aliascontent", actions=("add", "change", "view")),
    ("djangocms_alias", "view_category"),
    *_models("filer", "file", "image", "folder", "clipboard", "clipboarditem",
             actions=("add", "change", "view")),
    ("filer", "can_use_directory_listing"),
    *_models("editorial", "reviewrequest", actions=("add", "view")),
    *_models("editorial", "alertschedule", actions=("change", "view")),
    *_models("redirects", "redirect", actions=("view",)),
    # A notice's documents (privacy notice, financial assistance): new versions, uploaded unpublished.
    *_models("notices", "policydocument", actions=("add", "change", "view")),
    # When a notice was last reviewed (the yearly review the compliance office asks for).
    *_models("pages", "noticereview", actions=("add", "change", "view")),
]  # fmt: skip

PUBLISHER = [
    *EDITOR,
    ("cms", "publish_page"),
    ("cms", "delete_page"),
    ("editorial", "change_reviewrequest"),
    *_models("redirects", "redirect"),
    ("notices", "publish_policydocument"),
    ("notices", "delete_policydocument"),  # drafts only (notices.admin)
    # The language assistance taglines: live on every notice at once, so publishers keep them.
    *_models("pages", "tagline"),
]

DIRECTORY = [
    *_models("doctors", "doctor", "practice", "training", "boardcertification", "specialty", "condition",
             "department", "language"),
    *_models("locations", "location", "service", "openinghours", "hoursexception", "waypoint", "connection"),
    *_models("filer", "file", "image", "folder", actions=("add", "change", "view")),
    # The insurers and plans a doctor takes are Finance staff's list: directory staff pick from it.
    ("pricing", "view_payer"),
    ("pricing", "view_plan"),
]  # fmt: skip

INTAKE = [
    ("appointments", "view_request"),
    ("appointments", "change_request"),
    ("appointments", "view_requestevent"),
]

PATIENT_FINANCIAL_SERVICES = [*INTAKE, ("appointments", "view_good_faith_estimates")]

FINANCE = [
    *_models("pricing", "disclosure", "pricedlocation", "payer", "plan", "charge", "chargecode", "rate",
             "modifier", "modifierrate", "shoppableservice", "ancillary"),
    ("pricing", "view_publication"),
    ("pricing", "import_charges"),
    ("pricing", "publish_prices"),
]  # fmt: skip

PATIENT_EXPERIENCE = [
    *_models("doctors", "surveyquestion"),
    *_models("doctors", "survey", actions=("add", "view")),
    ("doctors", "view_surveyanswer"),
    *_models("doctors", "surveycomment", actions=("change", "view")),
    ("doctors", "moderate_surveycomment"),
    ("doctors", "view_commentdecision"),
    ("doctors", "view_doctorrating"),
]

ROLES = {
    "Editor": EDITOR,
    "Publisher": PUBLISHER,
    "Directory staff": DIRECTORY,
    "Intake staff": INTAKE,
    "Finance staff": FINANCE,
    "Patient financial services": PATIENT_FINANCIAL_SERVICES,
    "Patient experience": PATIENT_EXPERIENCE,
}


def setup_roles():
    """Create or update the groups so each holds exactly its role's permissions.

    Returns {group name: number of permissions}. Raises if a permission named here does not
    exist, so a renamed model cannot silently take a permission away.
    """
    counts = {}
    for name, wanted in ROLES.items():
        wanted = set(wanted)
        query = Q()
        for app_label, codename in wanted:
            query |= Q(content_type__app_label=app_label, codename=codename)
        permissions = list(Permission.objects.filter(query))
        found = {(p.content_type.app_label, p.codename) for p in permissions}
        missing = wanted - found
        if missing:
            raise LookupError(f"{name}: no such permission(s): {sorted(missing)}")
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)
        counts[name] = len(permissions)
    return counts
