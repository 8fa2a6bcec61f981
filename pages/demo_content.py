"""The demo site's page tree and aliases, as data for `manage.py load_demo`.

Each page: key (its reverse_id, also how plugins link to it: "page:<key>"), title, slug,
template, description (the meta description, also shown on its parent's cards), and
plugins: (plugin type, fields[, child plugins]). Links: "page:<key>", "service:giving",
"service:patient_portal", or a URL.
"""

SECTION = "pages/section.html"
CONTENT = "pages/content.html"


def text(*paragraphs):
    return ("TextPlugin", {"body": "".join(f"<p>{p}</p>" for p in paragraphs)})


PAGES = [
    {
        "key": "home",
        "title": "Home",
        "page_title": "Massachusetts General Hospital",
        "slug": "home",
        "template": "pages/home.html",
        "home": True,
        "in_navigation": False,
        "description": "Find a doctor, find your way, and ask for an appointment at Mass General in Boston.",
        "plugins": [
            (
                "HeroPlugin",
                {
                    "heading": "Care for every patient, whatever their means",
                    "text": "Find a doctor, plan your visit, and ask for an appointment.",
                    "link_label": "Find a doctor",
                    "link": "page:find-a-doctor",
                },
            ),
        ],
    },
    {
        "key": "difference",
        "title": "The Mass General Difference",
        "template": SECTION,
        "description": "What sets Mass General apart: patient care, research, quality and teaching.",
        "children": [
            {"key": "patient-care", "title": "World-Class Patient Care", "description": ""},
            {"key": "research", "title": "Research", "description": ""},
            {"key": "quality-safety", "title": "Setting the Bar for Quality & Safety", "description": ""},
            {"key": "teaching", "title": "Harvard Medical School Teaching Hospital", "description": ""},
            {"key": "community", "title": "Serving Our Neighbors, Locally & Globally", "description": ""},
        ],
    },
    {
        "key": "patient-experience",
        "title": "Patient Experience",
        "template": SECTION,
        "description": "",
        "children": [
            {"key": "pe-about", "title": "About Us", "description": ""},
            {"key": "pfac", "title": "Get Involved: Patient and Family Advisory Councils", "description": ""},
            {"key": "icare", "title": "icare", "description": ""},
            {"key": "staff-initiatives", "title": "Staff Initiatives", "description": ""},
            {"key": "us-news", "title": "Ranked by U.S. News", "description": ""},
        ],
    },
    {
        "key": "resources",
        "title": "Patient and Visitor Resources",
        "template": SECTION,
        "description": "",
        "children": [
            {"key": "coming-to-mgh", "title": "Coming to Mass General", "description": ""},
            {"key": "request-appointment", "title": "Request an Appointment", "description": ""},
            {"key": "visitor-resources", "title": "Visitor Resources", "description": ""},
            {"key": "covid-19", "title": "COVID-19 Prevention & Care", "description": ""},
            {"key": "cancer-center", "title": "Cancer Center Patient Resources", "description": ""},
        ],
    },
    {"key": "find-a-doctor", "title": "Find a Doctor", "in_navigation": False, "description": ""},
    {"key": "find-a-location", "title": "Find a Location", "in_navigation": False, "description": ""},
    {
        "key": "appointments",
        "title": "Appointments & Referrals",
        "slug": "appointments",
        "in_navigation": False,
        "description": "",
    },
    {"key": "patient-gateway", "title": "Patient Gateway", "in_navigation": False, "description": ""},
    {"key": "give", "title": "Give Now", "in_navigation": False, "description": ""},
]

ALIASES = [
    # (static code used by templates/base.html, name shown to editors, plugins)
    ("footer", "Footer", [text("Massachusetts General Hospital, 55 Fruit Street, Boston, MA 02114.")]),
    ("site-alert", "Site-wide alert banner", []),
]
