"""The demo site's page tree and aliases, as data for `manage.py load_demo`.

Each page: key (its reverse_id, also how plugins link to it: "page:<key>"), title, slug,
template, description (the meta description, also shown on its parent's cards), and
plugins: (plugin type, fields[, child plugins]). Links: "page:<key>", "service:giving",
"service:patient_portal", or a URL.

The wording is written for this demo; the facts and figures come from shared/content/site-facts.md.
Nothing here (hours, rates, phone numbers) goes beyond those facts: the one phone number is the
hospital's main line.
"""

SECTION = "pages/section.html"
CONTENT = "pages/content.html"

MAIN_PHONE = "617-726-2000"
MAIN_PHONE_LINK = '<a href="tel:+16177262000">617-726-2000</a>'
ADDRESS = "55 Fruit Street, Boston, MA 02114"


def text(*paragraphs):
    return ("TextPlugin", {"body": "".join(f"<p>{p}</p>" for p in paragraphs)})


def html(*parts):
    """A TextPlugin from ready-made HTML blocks (<h2>, <p>, <ul> ...)."""
    return ("TextPlugin", {"body": "".join(parts)})


def h2(title):
    return f"<h2>{title}</h2>"


def p(sentence):
    return f"<p>{sentence}</p>"


def ul(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def hero(heading, lead, link_label="", link=""):
    fields = {"heading": heading, "text": lead}
    if link:
        fields.update(link_label=link_label, link=link)
    return ("HeroPlugin", fields)


def cards(heading, *children, intro=""):
    return ("CardGridPlugin", {"heading": heading, "intro": intro}, list(children))


def card(title, body, link):
    return ("CardPlugin", {"title": title, "text": body, "link": link})


def figures(heading, *children):
    return (
        "FiguresPlugin",
        {"heading": heading},
        [("FigurePlugin", {"value": v, "caption": c}) for v, c in children],
    )


def recognitions(heading, *children):
    return ("RecognitionListPlugin", {"heading": heading}, list(children))


def recognition(title, issuer, year=None, description=""):
    return ("RecognitionPlugin", {"title": title, "issuer": issuer, "year": year, "description": description})


def call_to_action(heading, body, link_label, link, style="primary"):
    return (
        "CallToActionPlugin",
        {"heading": heading, "text": body, "link_label": link_label, "link": link, "style": style},
    )


def note(heading, body):
    return ("CalloutPlugin", {"kind": "note", "heading": heading, "text": body})


def quote(body, attribution=""):
    return ("CalloutPlugin", {"kind": "quote", "text": body, "attribution": attribution})


CONTACT_NOTE = note(
    "Address and main phone",
    f"Massachusetts General Hospital, {ADDRESS}\n"
    f"Main phone: {MAIN_PHONE}, for directions or to reach a department.\n"
    "In an emergency, call 911.",
)

US_NEWS_1_2015 = recognition(
    "#1 hospital in America",
    "U.S. News & World Report",
    2015,
    "Named the best hospital in the nation.",
)
US_NEWS_2_2019 = recognition(
    "#2 hospital in America",
    "U.S. News & World Report",
    2019,
    "Ranked second in the nation, with 13 of our specialties recognized.",
)


PAGES = [
    {
        "key": "home",
        "title": "Home",
        "page_title": "Massachusetts General Hospital",
        "slug": "home",
        "template": "pages/home.html",
        "home": True,
        "in_navigation": False,
        "description": "Find a doctor, plan your visit and request an appointment at Massachusetts General "
        "Hospital in Boston.",
        "plugins": [
            hero(
                "How can we help you today?",
                "Find a doctor, plan your visit to our Boston campus or ask for an appointment. If you would "
                f"rather talk to someone, call us at {MAIN_PHONE}. In an emergency, call 911.",
                "Find a doctor",
                "page:find-a-doctor",
            ),
            cards(
                "Start here",
                card(
                    "Find a Doctor",
                    "Look for a doctor by name, specialty or location, and see who is taking new patients.",
                    "page:find-a-doctor",
                ),
                card(
                    "Find a Location",
                    "Get the address and directions for our buildings, practices and garages.",
                    "page:find-a-location",
                ),
                card(
                    "Appointments & Referrals",
                    "Request an appointment or a second opinion, or refer a patient to us.",
                    "page:appointments",
                ),
                card(
                    "Patient Gateway",
                    "Our secure patient portal: message your care team, see test results and manage your "
                    "appointments. Opens a separate site.",
                    "service:patient_portal",
                ),
                card(
                    "Give Now",
                    "Support patient care, research and teaching at Mass General with a gift.",
                    "page:give",
                ),
            ),
            figures(
                "Mass General in numbers",
                (
                    "$1B+",
                    "in research operations, the largest hospital-based research program in NIH funding",
                ),
                ("~1,200", "clinical trials under way at any time"),
                ("13", "specialties recognized by U.S. News & World Report"),
                ("30+", "clinical departments and centers taking part in research"),
            ),
            recognitions(
                "Rankings and recognition",
                US_NEWS_1_2015,
                US_NEWS_2_2019,
                recognition(
                    "Magnet hospital",
                    "American Nurses Credentialing Center",
                    description="A mark of excellence in nursing care.",
                ),
                recognition(
                    "Recognized for cardiothoracic surgery",
                    "The Society of Thoracic Surgeons",
                    description="For the quality of our heart and chest surgery.",
                ),
                recognition(
                    "Comprehensive Stroke Certification",
                    "The Joint Commission",
                    description="For the ability to treat the most complex strokes.",
                ),
                recognition(
                    '"A" hospital safety grade',
                    "The Leapfrog Group",
                    2019,
                    "A national grade for how well hospitals protect patients from errors, injuries and "
                    "infections.",
                ),
            ),
            cards(
                "Learn more about Mass General",
                card(
                    "The Mass General Difference",
                    "Our patient care, research, quality and safety, teaching, and work with our neighbors.",
                    "page:difference",
                ),
                card(
                    "Patient Experience",
                    "How we work with patients, families and staff to make every visit a good one.",
                    "page:patient-experience",
                ),
                card(
                    "Patient and Visitor Resources",
                    "Plan your visit, find your way around campus and find help for patients and families.",
                    "page:resources",
                ),
                card(
                    "Coming to Mass General",
                    f"Our address, main phone number and what to know before you come to {ADDRESS}.",
                    "page:coming-to-mgh",
                ),
            ),
            call_to_action(
                "Ready to see a specialist?",
                f"Ask for an appointment or a second opinion online, or call us at {MAIN_PHONE}. This is not "
                "for emergencies: in an emergency, call 911.",
                "Request an appointment",
                "page:appointments",
            ),
        ],
    },
    {
        "key": "difference",
        "title": "The Mass General Difference",
        "template": SECTION,
        "description": "What sets Mass General apart: patient care, research, quality and safety, teaching, "
        "and service to our neighbors.",
        "plugins": [
            hero(
                "Care, discovery and teaching under one roof",
                "Mass General was founded to care for the sick of Boston, whatever their means. Today our "
                "doctors, nurses and scientists treat patients, make discoveries and train the caregivers of "
                "tomorrow, side by side. Here is what that means for you.",
            ),
        ],
        "children": [
            {
                "key": "patient-care",
                "title": "World-Class Patient Care",
                "description": "Teams of specialists work together on cancer, heart disease, neurosciences, "
                "transplantation and more, for adults and for children.",
                "plugins": [
                    text(
                        "At Mass General, you are not passed from one doctor to the next. Specialists from "
                        "different fields look at your care together and agree on a plan with you.",
                    ),
                    html(
                        h2("Areas we are known for"),
                        p("Our teams bring several specialties together around patients with:"),
                        ul(
                            "Cancer",
                            "Digestive disorders",
                            "Conditions of the brain and nervous system (neurosciences)",
                            "Heart disease",
                            "Bone, joint and muscle problems (orthopaedics)",
                            "Organ transplantation",
                            "Urologic diseases",
                            "Serious injuries (trauma care)",
                        ),
                        p("U.S. News &amp; World Report recognizes 13 of our specialties."),
                        h2("Care for children"),
                        p(
                            "Mass General for Children looks after young patients at every stage, from "
                            "everyday primary care to complex and rare conditions."
                        ),
                    ),
                    call_to_action(
                        "Find the right specialist",
                        "Search our doctors by name, specialty or location.",
                        "Find a doctor",
                        "page:find-a-doctor",
                        style="quiet",
                    ),
                ],
            },
            {
                "key": "research",
                "title": "Research",
                "description": "More than $1 billion in research and about 1,200 clinical trials under way, "
                "bringing new discoveries to our patients.",
                "plugins": [
                    text(
                        "Mass General runs the largest hospital-based research program in the United States "
                        "when measured by funding from the National Institutes of Health (NIH). Our "
                        "researchers work in the same hospital where patients are cared for, so what they "
                        "learn can reach patients sooner.",
                    ),
                    figures(
                        "Research at a glance",
                        ("$1B+", "in research operations"),
                        ("~1,200", "clinical trials under way at any time"),
                        ("30+", "clinical departments and centers doing research"),
                    ),
                    html(
                        h2("Published where it counts"),
                        p(
                            "In the 2019 Nature Index, Mass General published more articles in high-impact "
                            "journals than any other health care organization in the United States."
                        ),
                        h2("Taking part in a clinical trial"),
                        p(
                            "A clinical trial tests a new treatment, test or way of giving care. Taking part "
                            "is always your choice. If you would like to know whether a trial could be right "
                            "for you, ask your Mass General doctor."
                        ),
                    ),
                ],
            },
            {
                "key": "quality-safety",
                "title": "Setting the Bar for Quality & Safety",
                "description": "How we measure and improve the safety and quality of your care, using six "
                "national principles and local and national benchmarks.",
                "plugins": [
                    text(
                        "We want every patient to receive care that is safe and that works. To keep "
                        "ourselves honest, we compare our results with local and national benchmarks and act "
                        "on what we find.",
                    ),
                    html(
                        h2("Six principles of good care"),
                        p(
                            "Our work follows six principles set out by the Health and Medicine Division of "
                            "the National Academies. Care should be:"
                        ),
                        ul(
                            "<strong>Safe:</strong> care should never harm the people it is meant to help.",
                            "<strong>Effective:</strong> treatment is based on the best evidence available.",
                            "<strong>Patient-centered:</strong> your needs, wishes and values guide "
                            "decisions.",
                            "<strong>Timely:</strong> waits and delays are kept as short as possible.",
                            "<strong>Efficient:</strong> time, supplies and effort are not wasted.",
                            "<strong>Equitable:</strong> everyone receives the same quality of care, whoever "
                            "they are.",
                        ),
                    ),
                    recognitions(
                        "Outside recognition",
                        recognition(
                            '"A" hospital safety grade',
                            "The Leapfrog Group",
                            2019,
                        ),
                        recognition("Comprehensive Stroke Certification", "The Joint Commission"),
                        recognition("Magnet hospital for nursing", "American Nurses Credentialing Center"),
                    ),
                ],
            },
            {
                "key": "teaching",
                "title": "Harvard Medical School Teaching Hospital",
                "description": "As the original and largest teaching hospital of Harvard Medical School, we "
                "train the next generation of caregivers.",
                "plugins": [
                    text(
                        "Mass General was the first teaching hospital of Harvard University's medical school "
                        "when that school was new. It remains the original and the largest teaching hospital "
                        "of Harvard Medical School, and nearly all of our staff physicians are on the "
                        "medical school's faculty.",
                    ),
                    html(
                        h2("Who trains here"),
                        ul(
                            "Doctors in residency and fellowship programs",
                            "Nurses",
                            "Allied health professionals, such as therapists and technologists",
                        ),
                        h2("What this means for you"),
                        p(
                            "Teaching keeps our teams up to date and curious. During your care, you may meet "
                            "people in training who work alongside your doctors and nurses."
                        ),
                    ),
                ],
            },
            {
                "key": "community",
                "title": "Serving Our Neighbors, Locally & Globally",
                "description": "Our partnerships with communities near Boston and around the world, and the "
                "values that guide our work.",
                "plugins": [
                    text(
                        "Caring for people whatever their means has been part of Mass General from the "
                        "start. Today we work with partners in communities near Boston and in other "
                        "countries to build health care services and keep them running over time.",
                    ),
                    html(
                        h2("Our values"),
                        ul(
                            "Excellence through diversity",
                            "Respect through inclusion",
                            "Service through equity",
                        ),
                    ),
                ],
            },
        ],
    },
    {
        "key": "patient-experience",
        "title": "Patient Experience",
        "template": SECTION,
        "description": "How the Office of Patient Experience works with patients, families and staff to make "
        "every visit better.",
        "plugins": [
            hero(
                "Office of Patient Experience",
                "How you feel about your care matters to us. Our office works with patients, families and "
                "staff to make every visit, stay and conversation at Mass General a good one.",
            ),
        ],
        "children": [
            {
                "key": "pe-about",
                "title": "About Us",
                "description": "Who we are in the Office of Patient Experience, and how we work with "
                "patients, families and staff.",
                "plugins": [
                    text(
                        "The Office of Patient Experience helps build a culture where excellent care for "
                        "patients and families is part of everyone's daily work.",
                        "We do this together with the people who know the hospital best: patients and "
                        "families, who tell us what it is like to receive care here, and staff, who give it.",
                    ),
                    html(
                        h2("How we work"),
                        ul(
                            "We listen to patients and families, including through our advisory councils.",
                            "We give staff simple tools, such as the icare model, to keep patients at the "
                            "center.",
                            "We engage and recognize staff who make a difference.",
                        ),
                    ),
                ],
            },
            {
                "key": "pfac",
                "title": "Get Involved: Patient and Family Advisory Councils",
                "description": "Patients and family members can share their experience and advise the "
                "hospital on new initiatives.",
                "plugins": [
                    text(
                        "Our Patient and Family Advisory Councils (PFACs) bring patients and family members "
                        "together with hospital staff. Council members share what they have lived and give "
                        "their view on the hospital's plans and projects.",
                    ),
                    html(
                        h2("Why it matters"),
                        p(
                            "Patients and families notice things that staff can miss. Their feedback helps "
                            "shape hospital initiatives before they reach other patients."
                        ),
                        h2("How to get involved"),
                        p(
                            "If you have been a patient at Mass General, or cared for someone who was, and "
                            f"would like to join a council, call our main number, {MAIN_PHONE_LINK}, and ask "
                            "for the Office of Patient Experience."
                        ),
                    ),
                ],
            },
            {
                "key": "icare",
                "title": "icare",
                "description": "icare reminds everyone at Mass General that, whatever their role, they shape "
                "how patients and families feel.",
                "plugins": [
                    text(
                        "icare is a set of simple reminders for everyone who works at Mass General. Nurses, "
                        "doctors, housekeeping staff, receptionists, researchers: each of us affects how "
                        "patients, families, visitors and colleagues feel about their time here.",
                    ),
                    quote(
                        "A kind word at the front desk, a clear explanation at the bedside, a helping hand "
                        "in the hallway: every role shapes someone's experience of Mass General.",
                        "The idea behind icare",
                    ),
                    html(
                        h2("What you can expect"),
                        p(
                            "Whoever you meet here, you should feel respected and listened to. If that was "
                            "not your experience, please tell us, so we can do better."
                        ),
                    ),
                ],
            },
            {
                "key": "staff-initiatives",
                "title": "Staff Initiatives",
                "description": "How we involve and recognize our staff, because people who feel valued give "
                "better care.",
                "plugins": [
                    text(
                        "Good experiences for patients start with staff who feel involved and appreciated. "
                        "The Office of Patient Experience runs initiatives that engage staff in improving "
                        "care and that recognize the people who go the extra mile.",
                    ),
                    html(
                        h2("What these initiatives do"),
                        ul(
                            "Invite staff in every role to share ideas for improving patients' experience",
                            "Recognize colleagues whose care makes a difference",
                            "Bring the icare model into everyday work",
                        ),
                    ),
                ],
            },
            {
                "key": "us-news",
                "title": "Ranked by U.S. News",
                "description": "U.S. News & World Report named Mass General the #1 hospital in America in "
                "2015 and #2 in 2019, and recognizes 13 of our specialties.",
                "plugins": [
                    text(
                        "Each year, U.S. News &amp; World Report ranks hospitals across the United States. "
                        "Mass General has been among the very best in the nation, and 13 of our specialties "
                        "are recognized.",
                    ),
                    recognitions(
                        "Our U.S. News rankings",
                        US_NEWS_1_2015,
                        US_NEWS_2_2019,
                        recognition("13 specialties recognized", "U.S. News & World Report"),
                    ),
                    call_to_action(
                        "More than a ranking",
                        "Rankings are one way to compare hospitals. See how we measure and improve the "
                        "quality and safety of our care every day.",
                        "Quality and safety at Mass General",
                        "page:quality-safety",
                        style="quiet",
                    ),
                ],
            },
        ],
    },
    {
        "key": "resources",
        "title": "Patient and Visitor Resources",
        "template": SECTION,
        "description": "Plan your visit, request an appointment, and find resources for patients and "
        "visitors on our Boston campus.",
        "plugins": [
            hero(
                "Plan your visit",
                "Everything you need before and during a visit to Mass General. Our main campus is at "
                f"{ADDRESS}. Questions? Call {MAIN_PHONE}. In an emergency, call 911.",
            ),
        ],
        "children": [
            {
                "key": "coming-to-mgh",
                "title": "Coming to Mass General",
                "description": "What to know before you come: our address, main phone number and tips for "
                "finding your way on the main campus.",
                "plugins": [
                    text(
                        "Our main campus is in Boston and has nearly 30 buildings. Some hold hospital beds, "
                        "others outpatient clinics, research labs or offices. Knowing which building you "
                        "need before you leave home will save you time.",
                    ),
                    CONTACT_NOTE,
                    html(
                        h2("Before you come"),
                        ul(
                            "Check your appointment letter or Patient Gateway for the building and "
                            "department.",
                            "If you are unsure where to go, call the main number and ask.",
                            "It helps to bring a photo ID, your insurance card and a list of the medicines "
                            "you take.",
                        ),
                        h2("Finding your way"),
                        p(
                            'Use <a href="/en/find-a-location/">Find a Location</a> for addresses and '
                            "directions, and see <a "
                            'href="/en/patient-and-visitor-resources/visitor-resources/">Visitor '
                            "Resources</a> for the buildings and garages on the main campus."
                        ),
                    ),
                ],
            },
            {
                "key": "request-appointment",
                "title": "Request an Appointment",
                "description": "Ask for an appointment or a second opinion online, or refer a patient. Not "
                "for emergencies: call 911.",
                "plugins": [
                    text(
                        "You can ask for an appointment online, whether you are new to Mass General or "
                        "already a patient. Our staff will contact you to find a time that works.",
                    ),
                    html(
                        h2("What you can do online"),
                        ul(
                            "Request an appointment with a doctor or a department",
                            "Request a second opinion on a diagnosis or a treatment plan",
                            "Refer a patient to us, if you are a clinician",
                        ),
                        p(
                            "<strong>Not for emergencies.</strong> If you need urgent help, call 911 or go "
                            "to the nearest emergency department."
                        ),
                    ),
                    call_to_action(
                        "Request an appointment",
                        f"Fill in a short form and we will be in touch. You can also call {MAIN_PHONE}.",
                        "Go to Appointments & Referrals",
                        "page:appointments",
                    ),
                ],
            },
            {
                "key": "visitor-resources",
                "title": "Visitor Resources",
                "description": "Finding your way around the main campus in Boston: buildings, garages and "
                "who to call for help.",
                "plugins": [
                    text(
                        "Coming to see someone at Mass General? Our main campus has nearly 30 buildings, so "
                        "it helps to know where you are going. When in doubt, call the main number and we "
                        "will point you in the right direction.",
                    ),
                    CONTACT_NOTE,
                    html(
                        h2("Buildings on the main campus"),
                        p(
                            "Each building has a name, which you will see on signs and in your directions. "
                            "They include White, Ellison, Gray, Bulfinch, Blake, Jackson, Founders, Lunder, "
                            "Cox, Austen, Warren and Bigelow, as well as the Wang Ambulatory Care Center, "
                            "the Yawkey Center for Outpatient Care and Zero Emerson Place."
                        ),
                        h2("Parking"),
                        p(
                            "The garages on the campus include the Parkman Street garage and the Fruit "
                            'Street garage. <a href="/en/find-a-location/">Find a Location</a> will have the '
                            "details for each one."
                        ),
                    ),
                ],
            },
            {
                "key": "covid-19",
                "title": "COVID-19 Prevention & Care",
                "description": "Resources for patients and families on preventing COVID-19 and getting care "
                "if you are ill.",
                "plugins": [
                    text(
                        "This page brings together resources to help patients and families prevent COVID-19 "
                        "and get care when they need it.",
                    ),
                    html(
                        h2("Protecting yourself and others"),
                        ul(
                            "Stay home when you feel sick.",
                            "Wash your hands often.",
                            "Ask your doctor whether you are up to date on your vaccines.",
                        ),
                        h2("If you feel unwell"),
                        p(
                            "Contact your care team before you come in: send a message through <a "
                            f'href="/en/patient-gateway/">Patient Gateway</a> or call {MAIN_PHONE_LINK}.'
                        ),
                        p("<strong>If you have trouble breathing or another emergency, call 911.</strong>"),
                    ),
                ],
            },
            {
                "key": "cancer-center",
                "title": "Cancer Center Patient Resources",
                "description": "One place to find our Cancer Center's resources for patients with cancer and "
                "their families.",
                "plugins": [
                    text(
                        "Cancer care is one of the areas Mass General is best known for. Teams of "
                        "specialists plan treatment together with each patient. This page gathers the Cancer "
                        "Center's resources for patients and families in one place.",
                    ),
                    html(
                        h2("Getting started"),
                        ul(
                            '<a href="/en/find-a-doctor/">Find a cancer specialist</a> by name, type of '
                            "cancer or location.",
                            '<a href="/en/appointments/">Request an appointment or a second opinion</a> '
                            "online.",
                            '<a href="/en/patient-gateway/">Use Patient Gateway</a> to message your care '
                            "team and see your test results.",
                        ),
                        h2("Questions?"),
                        p(f"Call our main number, {MAIN_PHONE_LINK}, and ask for the Cancer Center."),
                    ),
                ],
            },
        ],
    },
    {
        "key": "find-a-doctor",
        "title": "Find a Doctor",
        "apphook": "DoctorsApphook",
        "apphook_namespace": "doctors",
        "in_navigation": False,
        "description": "Search for a Mass General doctor by name, specialty, condition or location.",
        "plugins": [
            text(
                "Search by a doctor's name, a specialty, or what you need care for, in your own words: "
                "“knee pain” or “skin rash” works as well as “orthopaedics”.",
                f"Would you rather talk to someone? Call {MAIN_PHONE_LINK} "
                "and we will help you find the right doctor.",
            ),
        ],
    },
    {
        "key": "find-a-location",
        "title": "Find a Location",
        "apphook": "LocationsApphook",
        "apphook_namespace": "locations",
        "in_navigation": False,
        "description": "Find Mass General buildings, practices and garages, with addresses and directions.",
        "plugins": [
            text(
                "This page will help you find our buildings, practices and garages, with addresses, "
                "directions and what each place offers.",
                f"Our main campus is at {ADDRESS}. For directions, call {MAIN_PHONE_LINK}.",
            ),
        ],
    },
    {
        "key": "appointments",
        "title": "Appointments & Referrals",
        "slug": "appointments",
        "in_navigation": False,
        "apphook": "AppointmentsApphook",
        "apphook_namespace": "appointments",
        "description": "Request an appointment or a second opinion, or refer a patient to Mass General. Not "
        "for emergencies.",
        "plugins": [
            text(
                "Tell us what you need and a member of our team will contact you to find a time that "
                "works. Requests sent here reach the staff who schedule appointments for each department; "
                "you will get a reference number as soon as yours is received.",
                f"Would you rather talk to someone? Call us at {MAIN_PHONE_LINK}, Monday to Friday.",
            ),
        ],
    },
    {
        "key": "search",
        "title": "Search",
        "slug": "search",
        "in_navigation": False,
        "apphook": "SearchApphook",
        "apphook_namespace": "search",
        "description": "Search the Mass General website: pages, doctors and locations.",
        "plugins": [],
    },
    {
        "key": "patient-gateway",
        "title": "Patient Gateway",
        "in_navigation": False,
        "description": "Patient Gateway is our secure online portal for messages with your care team, test "
        "results, appointments and bills.",
        "plugins": [
            text(
                "Patient Gateway is the secure patient portal for Mass General patients. It is a separate "
                "website from this one. Sign in to:",
            ),
            html(
                ul(
                    "Send and read messages with your care team",
                    "See your test results",
                    "View, request and manage your appointments",
                    "See and pay your bills",
                ),
                p(
                    "Do not use Patient Gateway messages for urgent problems: your care team may not read "
                    "them right away. In an emergency, call 911."
                ),
            ),
            call_to_action(
                "Sign in to Patient Gateway",
                "You will leave this site and go to the secure patient portal.",
                "Go to Patient Gateway",
                "service:patient_portal",
            ),
        ],
    },
    {
        "key": "accessibility",
        "title": "Accessibility",
        "slug": "accessibility",
        "in_navigation": False,
        "description": "How we make this website work for everyone, how we test it, and how to tell us about "
        "a barrier.",
        "plugins": [
            text(
                "We want everyone to be able to use this website: people who use a screen reader, a keyboard "
                "or voice control, people who enlarge text or change colours, and people on any phone or "
                "computer.",
            ),
            html(
                h2("The standard we meet"),
                p(
                    "This website is built to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at "
                    "level AA, in English and in Spanish, on phones and on computers. That goes beyond the "
                    "WCAG 2.1 AA that federal rules ask of hospitals."
                ),
                h2("How we test it"),
                ul(
                    "Every kind of page, including each appointment form with and without mistakes, is "
                    "checked in a real browser with the axe accessibility engine, in both "
                    "languages, at phone "
                    "and desktop widths, each time the website changes.",
                    "We complete the main tasks with a keyboard alone: finding a doctor, asking for an "
                    "appointment, finding a garage, referring a patient.",
                    "We check that pages reflow at 320 pixels wide and at 400% zoom without "
                    "scrolling sideways, "
                    "and we measure every page with Lighthouse.",
                    "Every picture has a useful text alternative, or is marked as decoration.",
                ),
                h2("Tell us about a barrier"),
                p(
                    "If something on this website is hard or impossible for you to use, please tell us: call "
                    f"{MAIN_PHONE_LINK} and ask for the web team, or write to "
                    '<a href="mailto:accessibility@example.org">accessibility@example.org</a>. '
                    "Say which page "
                    "and what happened. We reply within 5 business days and will give you the information "
                    "another way in the meantime."
                ),
                p(
                    "If you need help at the hospital itself, such as an interpreter, a sign language "
                    "interpreter or a wheelchair, call the same number and we will arrange it "
                    "before your visit."
                ),
            ),
        ],
    },
    {
        "key": "give",
        "title": "Give Now",
        "in_navigation": False,
        "description": "Your gift supports patient care, research and teaching at Mass General.",
        "plugins": [
            text(
                "Mass General was founded to care for people whatever their means, and generous donors have "
                "helped us keep that promise. Gifts of every size support care for patients and families, "
                "research that leads to new treatments, and the training of tomorrow's doctors and nurses.",
            ),
            call_to_action(
                "Make a gift",
                "Our secure giving site will guide you through your donation.",
                "Give now",
                "service:giving",
            ),
        ],
    },
]

FOOTER = [
    html(
        h2("Contact us"),
        p("Massachusetts General Hospital"),
        p(ADDRESS),
        p(f"Main phone: {MAIN_PHONE_LINK}"),
        p("<strong>In an emergency, call 911.</strong>"),
    ),
    html(
        h2("Useful links"),
        ul(
            '<a href="/en/find-a-doctor/">Find a Doctor</a>',
            '<a href="/en/find-a-location/">Find a Location</a>',
            '<a href="/en/appointments/">Appointments &amp; Referrals</a>',
            '<a href="/en/patient-and-visitor-resources/">Patient and Visitor Resources</a>',
            '<a href="/en/patient-gateway/">Patient Gateway</a>',
            '<a href="/en/give-now/">Give Now</a>',
            '<a href="/en/accessibility/">Accessibility</a>',
        ),
    ),
]

ALIASES = [
    # (static code used by templates/base.html, name shown to editors, plugins)
    ("footer", "Footer", FOOTER),
    ("site-alert", "Site-wide alert banner", []),
]
