"""The Spanish (es) version of the demo pages and footer, for `manage.py load_demo`.

Keyed by the same page keys (reverse_ids) as demo.content: title, slug, description (the
meta description, also shown on the parent's cards), optional page_title and menu_title, and
plugins, declared with the same helpers. "page:<key>" links resolve to the Spanish page; links
written inside text point at /es/... addresses. The app pages (Find a Doctor, Find a Location,
Appointments & Referrals, Search) keep their English slug, so the apps' language switcher only
swaps the /en/ prefix for /es/.

Pages left out (Give Now, Patient Gateway) are shown in English at their /es/ address, with a
notice in Spanish (pages.templatetags.site_tags.fallback_notice).

Written for Spanish-speaking patients and families in Boston, addressed as "usted"; the facts
are the same as the English pages', from shared/content/site-facts.md.
"""

from .content import (
    ADDRESS,
    MAIN_PHONE,
    MAIN_PHONE_LINK,
    call_to_action,
    card,
    cards,
    figures,
    h2,
    hero,
    html,
    note,
    p,
    quote,
    recognition,
    recognitions,
    text,
    ul,
)

LANGUAGE = "es"

CONTACT_NOTE = note(
    "Dirección y teléfono principal",
    f"Massachusetts General Hospital, {ADDRESS}\n"
    f"Teléfono principal: {MAIN_PHONE}, para pedir indicaciones o comunicarse con un departamento.\n"
    "En caso de emergencia, llame al 911.",
)

US_NEWS_1_2015 = recognition(
    "Hospital n.º 1 de Estados Unidos",
    "U.S. News & World Report",
    2015,
    "Elegido el mejor hospital del país.",
)
US_NEWS_2_2019 = recognition(
    "Hospital n.º 2 de Estados Unidos",
    "U.S. News & World Report",
    2019,
    "Segundo puesto en el país, con 13 de nuestras especialidades reconocidas.",
)

SAFETY_GRADE_TITLE = "Calificación «A» en seguridad hospitalaria"
STROKE_TITLE = "Certificación integral en accidentes cerebrovasculares"


PAGES = {
    "home": {
        "title": "Inicio",
        "page_title": "Hospital General de Massachusetts",
        "slug": "inicio",
        "description": "Busque un médico, prepare su visita y pida una cita en el Hospital General de "
        "Massachusetts (Mass General), en Boston.",
        "plugins": [
            hero(
                "¿En qué podemos ayudarle hoy?",
                "Busque un médico, prepare su visita a nuestro campus de Boston o pida una cita. Si "
                f"prefiere hablar con una persona, llámenos al {MAIN_PHONE}. En caso de emergencia, llame "
                "al 911.",
                "Buscar un médico",
                "page:find-a-doctor",
            ),
            cards(
                "Por dónde empezar",
                card(
                    "Buscar un médico",
                    "Encuentre un médico por su nombre, su especialidad o el lugar donde atiende, y vea "
                    "quién acepta pacientes nuevos.",
                    "page:find-a-doctor",
                ),
                card(
                    "Buscar una ubicación",
                    "La dirección de nuestros edificios, consultorios y estacionamientos, y cómo llegar.",
                    "page:find-a-location",
                ),
                card(
                    "Citas y referidos",
                    "Pida una cita o una segunda opinión, o refiera a un paciente.",
                    "page:appointments",
                ),
                card(
                    "Patient Gateway",
                    "Nuestro portal seguro para pacientes: escriba a su equipo médico, consulte los "
                    "resultados de sus pruebas y administre sus citas. Se abre en otro sitio web.",
                    "service:patient_portal",
                ),
                card(
                    "Donar",
                    "Con un donativo, usted apoya la atención de los pacientes, la investigación y la "
                    "enseñanza en Mass General.",
                    "page:give",
                ),
            ),
            figures(
                "Mass General en cifras",
                (
                    "+$1,000 M",
                    "en investigación: el mayor programa de investigación de un hospital según los fondos "
                    "de los NIH",
                ),
                ("~1,200", "ensayos clínicos en curso en todo momento"),
                ("13", "especialidades reconocidas por U.S. News & World Report"),
                ("+30", "departamentos clínicos y centros que participan en la investigación"),
            ),
            recognitions(
                "Clasificaciones y reconocimientos",
                US_NEWS_1_2015,
                US_NEWS_2_2019,
                recognition(
                    "Hospital Magnet",
                    "American Nurses Credentialing Center",
                    description="Un sello de excelencia en la atención de enfermería.",
                ),
                recognition(
                    "Reconocimiento en cirugía cardiotorácica",
                    "The Society of Thoracic Surgeons",
                    description="Por la calidad de nuestras cirugías de corazón y de tórax.",
                ),
                recognition(
                    STROKE_TITLE,
                    "The Joint Commission",
                    description="Por estar preparados para tratar los accidentes cerebrovasculares más "
                    "complejos.",
                ),
                recognition(
                    SAFETY_GRADE_TITLE,
                    "The Leapfrog Group",
                    2019,
                    "Una calificación nacional de cómo protegen los hospitales a sus pacientes de errores, "
                    "lesiones e infecciones.",
                ),
            ),
            cards(
                "Conozca Mass General",
                card(
                    "La diferencia de Mass General",
                    "Nuestra atención a los pacientes, la investigación, la calidad y la seguridad, la "
                    "enseñanza y el trabajo con la comunidad.",
                    "page:difference",
                ),
                card(
                    "Experiencia del paciente",
                    "Cómo trabajamos con pacientes, familias y personal para que cada visita sea una buena "
                    "experiencia.",
                    "page:patient-experience",
                ),
                card(
                    "Recursos para pacientes y visitantes",
                    "Prepare su visita, oriéntese en el campus y encuentre ayuda para pacientes y familias.",
                    "page:resources",
                ),
                card(
                    "Su visita a Mass General",
                    f"Nuestra dirección, el teléfono principal y lo que conviene saber antes de venir a "
                    f"{ADDRESS}.",
                    "page:coming-to-mgh",
                ),
            ),
            call_to_action(
                "¿Necesita ver a un especialista?",
                f"Pida una cita o una segunda opinión por internet, o llámenos al {MAIN_PHONE}. Este "
                "servicio no es para emergencias: en caso de emergencia, llame al 911.",
                "Pedir una cita",
                "page:appointments",
            ),
        ],
    },
    # The Mass General Difference and its children.
    "difference": {
        "title": "La diferencia de Mass General",
        "slug": "la-diferencia-de-mass-general",
        "description": "Lo que distingue a Mass General: la atención a los pacientes, la investigación, la "
        "calidad y la seguridad, la enseñanza y el servicio a la comunidad.",
        "plugins": [
            hero(
                "Atención, descubrimiento y enseñanza bajo un mismo techo",
                "Mass General nació para atender a los enfermos de Boston, tuvieran o no recursos. Hoy, "
                "nuestros médicos, enfermeros y científicos trabajan codo con codo: atienden a pacientes, "
                "hacen descubrimientos y forman a quienes cuidarán de la salud de mañana. Esto es lo que "
                "significa para usted.",
            ),
        ],
    },
    "patient-care": {
        "title": "Atención de primer nivel",
        "slug": "atencion-de-primer-nivel",
        "description": "Equipos de especialistas trabajan juntos en cáncer, enfermedades del corazón, "
        "neurociencias, trasplantes y mucho más, para adultos y para niños.",
        "plugins": [
            text(
                "En Mass General, usted no va pasando de un médico a otro. Especialistas de distintas áreas "
                "estudian su caso en conjunto y acuerdan con usted un plan de tratamiento.",
            ),
            html(
                h2("Áreas en las que somos un referente"),
                p("Nuestros equipos reúnen varias especialidades para atender a pacientes con:"),
                ul(
                    "Cáncer",
                    "Enfermedades digestivas",
                    "Enfermedades del cerebro y del sistema nervioso (neurociencias)",
                    "Enfermedades del corazón",
                    "Problemas de los huesos, las articulaciones y los músculos (ortopedia)",
                    "Trasplante de órganos",
                    "Enfermedades urológicas",
                    "Lesiones graves (atención de traumatismos)",
                ),
                p("U.S. News &amp; World Report reconoce 13 de nuestras especialidades."),
                h2("Atención para niños"),
                p(
                    "Mass General for Children cuida de los pacientes más pequeños en cada etapa, desde la "
                    "atención primaria de todos los días hasta las enfermedades complejas y poco comunes."
                ),
            ),
            call_to_action(
                "Encuentre al especialista adecuado",
                "Busque entre nuestros médicos por nombre, especialidad o lugar de atención.",
                "Buscar un médico",
                "page:find-a-doctor",
                style="quiet",
            ),
        ],
    },
    "research": {
        "title": "Investigación",
        "slug": "investigacion",
        "description": "Más de 1,000 millones de dólares en investigación y unos 1,200 ensayos clínicos en "
        "curso, para que los nuevos descubrimientos lleguen a nuestros pacientes.",
        "plugins": [
            text(
                "Mass General tiene el mayor programa de investigación de un hospital en Estados Unidos, "
                "según los fondos que recibe de los Institutos Nacionales de Salud (NIH). Nuestros "
                "investigadores trabajan en el mismo hospital donde se atiende a los pacientes, así que lo "
                "que descubren puede llegarles antes.",
            ),
            figures(
                "La investigación en cifras",
                ("+$1,000 M", "en actividades de investigación"),
                ("~1,200", "ensayos clínicos en curso en todo momento"),
                ("+30", "departamentos clínicos y centros que investigan"),
            ),
            html(
                h2("Publicaciones de alto impacto"),
                p(
                    "Según el Nature Index de 2019, Mass General publicó más artículos en revistas "
                    "científicas de alto impacto que cualquier otra institución de salud de Estados Unidos."
                ),
                h2("Participar en un ensayo clínico"),
                p(
                    "Un ensayo clínico pone a prueba un tratamiento, una prueba médica o una forma nueva de "
                    "atender a los pacientes. Participar es siempre decisión suya. Si quiere saber si algún "
                    "ensayo podría ser adecuado para usted, pregúntele a su médico de Mass General."
                ),
            ),
        ],
    },
    "quality-safety": {
        "title": "Un referente en calidad y seguridad",
        "slug": "calidad-y-seguridad",
        "description": "Cómo medimos y mejoramos la seguridad y la calidad de su atención, con seis "
        "principios nacionales y comparaciones con referencias locales y nacionales.",
        "plugins": [
            text(
                "Queremos que cada paciente reciba una atención segura y eficaz. Para exigirnos siempre "
                "más, comparamos nuestros resultados con referencias locales y nacionales, y actuamos en "
                "consecuencia.",
            ),
            html(
                h2("Seis principios de una buena atención"),
                p(
                    "Nuestro trabajo sigue seis principios que definió la División de Salud y Medicina de "
                    "las Academias Nacionales (Health and Medicine Division of the National Academies). La "
                    "atención debe ser:"
                ),
                ul(
                    "<strong>Segura:</strong> nunca debe hacer daño a las personas a las que quiere ayudar.",
                    "<strong>Eficaz:</strong> los tratamientos se basan en la mejor evidencia disponible.",
                    "<strong>Centrada en el paciente:</strong> sus necesidades, sus deseos y sus valores "
                    "guían las decisiones.",
                    "<strong>Oportuna:</strong> las esperas y los retrasos se reducen al mínimo.",
                    "<strong>Eficiente:</strong> no se desperdician tiempo, materiales ni esfuerzo.",
                    "<strong>Equitativa:</strong> todas las personas reciben la misma calidad de atención, "
                    "sean quienes sean.",
                ),
            ),
            recognitions(
                "Reconocimientos externos",
                recognition(SAFETY_GRADE_TITLE, "The Leapfrog Group", 2019),
                recognition(STROKE_TITLE, "The Joint Commission"),
                recognition(
                    "Hospital Magnet por la calidad de su enfermería", "American Nurses Credentialing Center"
                ),
            ),
        ],
    },
    "teaching": {
        "title": "Hospital docente de la Facultad de Medicina de Harvard",
        "slug": "hospital-docente-de-harvard",
        "description": "Somos el primer y el mayor hospital docente de la Facultad de Medicina de Harvard, "
        "y formamos a la próxima generación de profesionales de la salud.",
        "plugins": [
            text(
                "Mass General fue el primer hospital docente de la facultad de medicina de la Universidad de "
                "Harvard, cuando esa facultad acababa de nacer. Sigue siendo el hospital docente original y "
                "el más grande de la Facultad de Medicina de Harvard (Harvard Medical School), y casi todos "
                "nuestros médicos de plantilla son profesores de la facultad.",
            ),
            html(
                h2("Quiénes se forman aquí"),
                ul(
                    "Médicos en programas de residencia y de subespecialidad (fellowship)",
                    "Enfermeras y enfermeros",
                    "Otros profesionales de la salud, como terapeutas y técnicos",
                ),
                h2("Qué significa para usted"),
                p(
                    "La enseñanza mantiene a nuestros equipos al día y con ganas de aprender. Durante su "
                    "atención, es posible que conozca a profesionales en formación que trabajan junto a sus "
                    "médicos y enfermeros."
                ),
            ),
        ],
    },
    "community": {
        "title": "Al servicio de la comunidad, en Boston y en el mundo",
        "slug": "al-servicio-de-la-comunidad",
        "description": "Nuestras alianzas con comunidades cercanas a Boston y de otros países, y los valores "
        "que guían nuestro trabajo.",
        "plugins": [
            text(
                "Atender a las personas, tengan o no recursos, forma parte de Mass General desde el "
                "principio. Hoy trabajamos con socios en comunidades cercanas a Boston y en otros países "
                "para crear servicios de salud y mantenerlos en el tiempo.",
            ),
            html(
                h2("Nuestros valores"),
                ul(
                    "Excelencia a través de la diversidad",
                    "Respeto a través de la inclusión",
                    "Servicio a través de la equidad",
                ),
            ),
        ],
    },
    # Patient Experience and its children.
    "patient-experience": {
        "title": "Experiencia del paciente",
        "slug": "experiencia-del-paciente",
        "description": "Cómo la Oficina de Experiencia del Paciente trabaja con pacientes, familias y "
        "personal para que cada visita sea mejor.",
        "plugins": [
            hero(
                "Oficina de Experiencia del Paciente",
                "Nos importa cómo se siente usted con la atención que recibe. Nuestra oficina trabaja con "
                "pacientes, familias y personal para que cada visita, cada estancia y cada conversación en "
                "Mass General sean una buena experiencia.",
            ),
        ],
    },
    "pe-about": {
        "title": "Quiénes somos",
        "slug": "quienes-somos",
        "description": "Quiénes formamos la Oficina de Experiencia del Paciente y cómo trabajamos con "
        "pacientes, familias y personal.",
        "plugins": [
            text(
                "La Oficina de Experiencia del Paciente ayuda a crear una cultura en la que la excelencia en "
                "la atención a pacientes y familias forme parte del trabajo diario de todos.",
                "Lo hacemos junto a quienes mejor conocen el hospital: los pacientes y sus familias, que nos "
                "cuentan cómo es recibir atención aquí, y el personal, que la brinda.",
            ),
            html(
                h2("Cómo trabajamos"),
                ul(
                    "Escuchamos a los pacientes y a sus familias, también a través de nuestros consejos "
                    "asesores.",
                    "Damos al personal herramientas sencillas, como el modelo icare, para que el paciente "
                    "esté siempre en el centro.",
                    "Involucramos y reconocemos al personal que marca la diferencia.",
                ),
            ),
        ],
    },
    "pfac": {
        "title": "Participe: consejos asesores de pacientes y familias",
        "slug": "consejos-asesores-de-pacientes-y-familias",
        "description": "Pacientes y familiares pueden compartir su experiencia y asesorar al hospital sobre "
        "sus nuevas iniciativas.",
        "plugins": [
            text(
                "Nuestros Consejos Asesores de Pacientes y Familias (PFAC, por sus siglas en inglés) reúnen "
                "a pacientes y familiares con personal del hospital. Sus integrantes comparten lo que han "
                "vivido y dan su opinión sobre los planes y proyectos del hospital.",
            ),
            html(
                h2("Por qué es importante"),
                p(
                    "Los pacientes y sus familias se fijan en cosas que al personal se le pueden escapar. "
                    "Sus comentarios ayudan a dar forma a las iniciativas del hospital antes de que lleguen "
                    "a otros pacientes."
                ),
                h2("Cómo participar"),
                p(
                    "Si usted ha sido paciente de Mass General, o ha cuidado a alguien que lo fue, y le "
                    "gustaría formar parte de un consejo, llame a nuestro número principal, "
                    f"{MAIN_PHONE_LINK}, y pida hablar con la Oficina de Experiencia del Paciente (Office "
                    "of Patient Experience)."
                ),
            ),
        ],
    },
    "icare": {
        "title": "icare",
        "slug": "icare",
        "description": "icare le recuerda a todo el personal de Mass General que, sea cual sea su función, "
        "influye en cómo se sienten los pacientes y sus familias.",
        "plugins": [
            text(
                "icare es un conjunto de recordatorios sencillos para todas las personas que trabajan en "
                "Mass General. Enfermeros, médicos, personal de limpieza, recepcionistas, investigadores: "
                "cada uno de nosotros influye en cómo viven su paso por aquí los pacientes, las familias, "
                "los visitantes y los compañeros.",
            ),
            quote(
                "Una palabra amable en la recepción, una explicación clara junto a la cama, una mano que "
                "ayuda en el pasillo: cada función deja huella en la experiencia de alguien en Mass General.",
                "La idea detrás de icare",
            ),
            html(
                h2("Lo que puede esperar"),
                p(
                    "Con quien se encuentre aquí, usted debe sentir que le respetan y le escuchan. Si no fue "
                    "así, díganoslo, por favor, para que podamos mejorar."
                ),
            ),
        ],
    },
    "staff-initiatives": {
        "title": "Iniciativas para el personal",
        "slug": "iniciativas-para-el-personal",
        "description": "Cómo involucramos y reconocemos a nuestro personal, porque quien se siente valorado "
        "cuida mejor.",
        "plugins": [
            text(
                "Las buenas experiencias de los pacientes empiezan por un personal que se siente parte del "
                "equipo y valorado. La Oficina de Experiencia del Paciente impulsa iniciativas que "
                "involucran al personal en la mejora de la atención y que reconocen a quienes van más allá "
                "de lo que se les pide.",
            ),
            html(
                h2("Qué hacen estas iniciativas"),
                ul(
                    "Invitan al personal de todas las áreas a compartir ideas para mejorar la experiencia de "
                    "los pacientes",
                    "Reconocen a los compañeros cuya atención marca la diferencia",
                    "Llevan el modelo icare al trabajo de todos los días",
                ),
            ),
        ],
    },
    "us-news": {
        "title": "En la clasificación de U.S. News",
        "slug": "clasificacion-de-us-news",
        "description": "U.S. News & World Report nombró a Mass General el hospital n.º 1 de Estados Unidos "
        "en 2015 y el n.º 2 en 2019, y reconoce 13 de nuestras especialidades.",
        "plugins": [
            text(
                "Cada año, U.S. News &amp; World Report clasifica a los hospitales de todo Estados Unidos. "
                "Mass General ha estado entre los mejores del país, y 13 de nuestras especialidades tienen "
                "su reconocimiento.",
            ),
            recognitions(
                "Nuestros puestos en U.S. News",
                US_NEWS_1_2015,
                US_NEWS_2_2019,
                recognition("13 especialidades reconocidas", "U.S. News & World Report"),
            ),
            call_to_action(
                "Más que una clasificación",
                "Las clasificaciones son una forma de comparar hospitales. Vea cómo medimos y mejoramos cada "
                "día la calidad y la seguridad de nuestra atención.",
                "Calidad y seguridad en Mass General",
                "page:quality-safety",
                style="quiet",
            ),
        ],
    },
    # Patient and Visitor Resources and its children.
    "resources": {
        "title": "Recursos para pacientes y visitantes",
        "slug": "recursos-para-pacientes-y-visitantes",
        "description": "Prepare su visita, pida una cita y encuentre recursos para pacientes y visitantes "
        "en nuestro campus de Boston.",
        "plugins": [
            hero(
                "Prepare su visita",
                "Todo lo que necesita antes y durante su visita a Mass General. Nuestro campus principal "
                f"está en {ADDRESS}. ¿Tiene preguntas? Llame al {MAIN_PHONE}. En caso de emergencia, "
                "llame al 911.",
            ),
        ],
    },
    "coming-to-mgh": {
        "title": "Su visita a Mass General",
        "slug": "su-visita-a-mass-general",
        "description": "Lo que conviene saber antes de venir: nuestra dirección, el teléfono principal y "
        "consejos para orientarse en el campus principal.",
        "plugins": [
            text(
                "Nuestro campus principal está en Boston y tiene casi 30 edificios. En algunos hay camas de "
                "hospital; en otros, consultorios, laboratorios de investigación u oficinas. Saber a qué "
                "edificio va antes de salir de casa le ahorrará tiempo.",
            ),
            CONTACT_NOTE,
            html(
                h2("Antes de venir"),
                ul(
                    "Busque el edificio y el departamento en la carta de su cita o en Patient Gateway, "
                    "nuestro portal para pacientes.",
                    "Si tiene dudas sobre adónde ir, llame al número principal y pregunte.",
                    "Le conviene traer una identificación con foto, la tarjeta de su seguro médico y una "
                    "lista de los medicamentos que toma.",
                ),
                h2("Cómo orientarse"),
                p(
                    'En <a href="/es/find-a-location/">Buscar una ubicación</a> encontrará direcciones e '
                    'indicaciones para llegar, y en <a href="/es/recursos-para-pacientes-y-visitantes/'
                    'recursos-para-visitantes/">Recursos para visitantes</a>, los edificios y los '
                    "estacionamientos del campus principal."
                ),
            ),
        ],
    },
    "request-appointment": {
        "title": "Solicitar una cita",
        "slug": "solicitar-una-cita",
        "description": "Pida una cita o una segunda opinión por internet, o refiera a un paciente. No es "
        "para emergencias: llame al 911.",
        "plugins": [
            text(
                "Puede pedir una cita por internet, tanto si es la primera vez que viene a Mass General como "
                "si ya es paciente. Nuestro personal se comunicará con usted para encontrar un horario que "
                "le convenga.",
            ),
            html(
                h2("Lo que puede hacer por internet"),
                ul(
                    "Pedir una cita con un médico o con un departamento",
                    "Pedir una segunda opinión sobre un diagnóstico o un plan de tratamiento",
                    "Referir a un paciente, si usted es profesional de la salud",
                ),
                p(
                    "<strong>No es para emergencias.</strong> Si necesita ayuda urgente, llame al 911 o vaya "
                    "a la sala de emergencias más cercana."
                ),
            ),
            call_to_action(
                "Pida una cita",
                "Complete un formulario breve y nos pondremos en contacto con usted. También puede llamar al "
                f"{MAIN_PHONE}.",
                "Ir a Citas y referidos",
                "page:appointments",
            ),
        ],
    },
    "visitor-resources": {
        "title": "Recursos para visitantes",
        "slug": "recursos-para-visitantes",
        "description": "Cómo orientarse en el campus principal de Boston: edificios, estacionamientos y a "
        "quién llamar si necesita ayuda.",
        "plugins": [
            text(
                "¿Viene a ver a alguien a Mass General? Nuestro campus principal tiene casi 30 edificios, "
                "así que conviene saber adónde va. Si tiene dudas, llame al número principal y le "
                "indicaremos el camino.",
            ),
            CONTACT_NOTE,
            html(
                h2("Edificios del campus principal"),
                p(
                    "Cada edificio tiene un nombre, que verá en los letreros y en sus indicaciones. Entre "
                    "ellos están White, Ellison, Gray, Bulfinch, Blake, Jackson, Founders, Lunder, Cox, "
                    "Austen, Warren y Bigelow, además del Wang Ambulatory Care Center, el Yawkey Center for "
                    "Outpatient Care y Zero Emerson Place."
                ),
                h2("Estacionamiento"),
                p(
                    "Entre los estacionamientos del campus están el de Parkman Street (Parkman Street "
                    'garage) y el de Fruit Street (Fruit Street garage). En <a href="/es/find-a-location/">'
                    "Buscar una ubicación</a> encontrará los detalles de cada uno."
                ),
            ),
        ],
    },
    "covid-19": {
        "title": "COVID-19: prevención y atención",
        "slug": "covid-19",
        "description": "Recursos para que los pacientes y sus familias prevengan la COVID-19 y reciban "
        "atención si se enferman.",
        "plugins": [
            text(
                "En esta página reunimos recursos para ayudar a los pacientes y a sus familias a prevenir la "
                "COVID-19 y a recibir atención cuando la necesiten.",
            ),
            html(
                h2("Cómo protegerse y proteger a los demás"),
                ul(
                    "Quédese en casa si se siente mal.",
                    "Lávese las manos a menudo.",
                    "Pregúntele a su médico si tiene las vacunas al día.",
                ),
                h2("Si no se siente bien"),
                p(
                    "Comuníquese con su equipo médico antes de venir: envíe un mensaje por "
                    '<a href="/es/patient-gateway/">Patient Gateway</a>, nuestro portal para pacientes, o '
                    f"llame al {MAIN_PHONE_LINK}."
                ),
                p("<strong>Si le cuesta respirar o tiene otra emergencia, llame al 911.</strong>"),
            ),
        ],
    },
    "cancer-center": {
        "title": "Recursos para pacientes del Centro de Cáncer",
        "slug": "recursos-del-centro-de-cancer",
        "description": "Un solo lugar para encontrar los recursos de nuestro Centro de Cáncer para las "
        "personas con cáncer y sus familias.",
        "plugins": [
            text(
                "La atención del cáncer es una de las áreas por las que Mass General es más conocido. "
                "Equipos de especialistas planifican el tratamiento junto con cada paciente. En esta página "
                "reunimos los recursos del Centro de Cáncer (Cancer Center) para pacientes y familias.",
            ),
            html(
                h2("Para empezar"),
                ul(
                    '<a href="/es/find-a-doctor/">Busque un especialista en cáncer</a> por su nombre, su '
                    "especialidad o el lugar donde atiende.",
                    '<a href="/es/appointments/">Pida una cita o una segunda opinión</a> por internet.',
                    '<a href="/es/patient-gateway/">Use Patient Gateway</a> para escribir a su equipo médico '
                    "y ver los resultados de sus pruebas.",
                ),
                h2("¿Tiene preguntas?"),
                p(
                    f"Llame a nuestro número principal, {MAIN_PHONE_LINK}, y pida que le comuniquen con el "
                    "Centro de Cáncer."
                ),
            ),
        ],
    },
    # The app pages: the same slug as in English, so /es/find-a-doctor/ is /en/find-a-doctor/ in Spanish.
    "find-a-doctor": {
        "title": "Buscar un médico",
        "slug": "find-a-doctor",
        "description": "Busque un médico de Mass General por nombre, especialidad, problema de salud o lugar "
        "de atención.",
        "plugins": [
            text(
                "Busque por el nombre del médico, por su especialidad o por el motivo de su consulta. Por "
                "ahora, las especialidades y los problemas de salud se buscan por su nombre en inglés: por "
                "ejemplo, “cardiology” (cardiología) o “knee pain” (dolor de rodilla).",
                "Si prefiere un médico que hable español, use el filtro de idioma.",
                f"¿Prefiere hablar con una persona? Llame al {MAIN_PHONE_LINK} y le ayudaremos a encontrar "
                "al médico adecuado.",
            ),
        ],
    },
    "find-a-location": {
        "title": "Buscar una ubicación",
        "slug": "find-a-location",
        "description": "Encuentre los edificios, consultorios y estacionamientos de Mass General, con su "
        "dirección y cómo llegar.",
        "plugins": [
            text(
                "Aquí encontrará nuestros edificios, consultorios y estacionamientos, con su dirección, cómo "
                "llegar y lo que ofrece cada lugar.",
                f"Nuestro campus principal está en {ADDRESS}. Si necesita indicaciones, llame al "
                f"{MAIN_PHONE_LINK}.",
            ),
        ],
    },
    "appointments": {
        "title": "Citas y referidos",
        "slug": "appointments",
        "description": "Pida una cita o una segunda opinión, o refiera a un paciente a Mass General. No es "
        "para emergencias.",
        "plugins": [
            text(
                "Díganos qué necesita y una persona de nuestro equipo se comunicará con usted para encontrar "
                "un horario que le convenga. Las solicitudes que envíe aquí llegan al personal que programa "
                "las citas de cada departamento, y en cuanto recibamos la suya le daremos un número de "
                "referencia.",
                f"¿Prefiere hablar con una persona? Llámenos al {MAIN_PHONE_LINK}, de lunes a viernes.",
            ),
        ],
    },
    "search": {
        "title": "Buscar en el sitio",
        "slug": "search",
        "description": "Busque en el sitio web de Mass General: páginas, médicos y ubicaciones.",
        "plugins": [],
    },
    "accessibility": {
        "title": "Accesibilidad",
        "slug": "accesibilidad",
        "description": "Cómo hacemos que este sitio web funcione para todas las personas, "
        "cómo lo comprobamos "
        "y cómo avisarnos de una barrera.",
        "plugins": [
            text(
                "Queremos que todas las personas puedan usar este sitio web: quienes usan un lector de "
                "pantalla, el teclado o el control por voz, quienes agrandan el texto o "
                "cambian los colores, y "
                "quienes nos visitan desde cualquier teléfono o computadora.",
            ),
            html(
                h2("La norma que cumplimos"),
                p(
                    "Este sitio web está hecho para cumplir las Pautas de Accesibilidad para "
                    "el Contenido Web "
                    "(WCAG) 2.2 en el nivel AA, en inglés y en español, en teléfonos y en "
                    "computadoras. Es más "
                    "de lo que las normas federales piden a los hospitales (WCAG 2.1 AA)."
                ),
                h2("Cómo lo comprobamos"),
                ul(
                    "Revisamos cada tipo de página, incluidos los formularios de citas con y "
                    "sin errores, en un "
                    "navegador real con el motor de accesibilidad axe, en los dos idiomas y en anchos de "
                    "teléfono y de computadora, cada vez que el sitio cambia.",
                    "Hacemos las tareas principales solo con el teclado: buscar un médico, pedir una cita, "
                    "encontrar un estacionamiento y referir a un paciente.",
                    "Comprobamos que las páginas se adaptan a 320 píxeles de ancho y a un zoom del 400 % sin "
                    "desplazarse hacia los lados, y medimos cada página con Lighthouse.",
                    "Cada imagen tiene un texto alternativo útil o está marcada como decorativa.",
                ),
                h2("Avísenos de una barrera"),
                p(
                    "Si algo de este sitio le resulta difícil o imposible de usar, díganoslo: llame al "
                    f"{MAIN_PHONE_LINK} y pida hablar con el equipo web, o escriba a "
                    '<a href="mailto:accessibility@example.org">accessibility@example.org</a>. '
                    "Indique la página "
                    "y lo que ocurrió. Le respondemos en un plazo de 5 días hábiles y, "
                    "mientras tanto, le damos "
                    "la información por otro medio."
                ),
                p(
                    "Si necesita ayuda en el hospital, como un intérprete, un intérprete de "
                    "lengua de señas o "
                    "una silla de ruedas, llame al mismo número y lo organizaremos antes de su visita."
                ),
            ),
        ],
    },
}

FOOTER = [
    html(
        h2("Contáctenos"),
        p("Massachusetts General Hospital"),
        p(ADDRESS),
        p(f"Teléfono principal: {MAIN_PHONE_LINK}"),
        p("<strong>En caso de emergencia, llame al 911.</strong>"),
    ),
    html(
        h2("Enlaces útiles"),
        ul(
            '<a href="/es/find-a-doctor/">Buscar un médico</a>',
            '<a href="/es/find-a-location/">Buscar una ubicación</a>',
            '<a href="/es/appointments/">Citas y referidos</a>',
            '<a href="/es/recursos-para-pacientes-y-visitantes/">Recursos para pacientes y visitantes</a>',
            '<a href="/es/patient-gateway/">Patient Gateway</a>',
            '<a href="/es/give-now/">Donar</a>',
            '<a href="/es/accesibilidad/">Accesibilidad</a>',
        ),
    ),
]

ALIASES = {
    # static code: (name shown to editors, plugins). The alert banner has no Spanish content until
    # an editor writes one.
    "footer": ("Pie de página", FOOTER),
}
