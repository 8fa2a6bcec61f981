"""Build the demo site: the page tree of the hospital, its aliases and a demo admin login.

Pages and the footer are made in English (demo.content), then in Spanish where
demo.content_es declares them; both read the data files in demo/data/. The hospital's fictional
prices come from demo.pricing; their files are published once the transaction has committed.

Idempotent: a page, alias, translation or user that already exists is left as it is (an editor
may have changed it since), so running the command twice changes nothing. `--reset` deletes the
pages and aliases first and builds them again.
"""

import importlib.util
from pathlib import Path

from cms.api import add_plugin, create_page, create_page_content
from cms.models import Page, PageContent
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from djangocms_alias.models import Alias, AliasContent, Category
from djangocms_link.helpers import LinkDict
from djangocms_versioning.models import Version

from accounts.two_factor import demo_authenticator
from demo import content as demo_content
from demo import content_es as demo_content_es
from demo.campus import ensure_campus_walkways
from demo.doctors import ensure_directory
from demo.locations import ensure_location_details
from demo.notices import ensure_documents
from demo.pricing import ensure_pricing
from demo.ratings import ensure_ratings
from demo.scheduling import ensure_open_times
from demo.taglines import ensure_taglines
from demo.taglines import source as taglines_source
from editorial.roles import setup_roles
from pages.models import ExternalService, NoticeReview
from pricing.models import Publication
from pricing.publishing import publish
from pricing.validation import ValidatorUnavailable, node_binary, package_folder
from sitesearch.indexing import index_all

DEMO_ADMIN_USERNAME = "admin"
# The demo login: only on the laptop's own database (laptop_database()); `manage.py check --deploy`
# reports any user who still signs in with it (demo.checks).
DEMO_ADMIN_PASSWORD = "mgh-demo-admin"  # nosec B105
LANGUAGE = "en"
# How the data files name djangocms_alias's plugin (its plugin type is "Alias"), with the alias's static
# code: [[plugins]] type = "AliasPlugin", alias = "language-assistance".
ALIAS_PLUGIN = "AliasPlugin"


class Command(BaseCommand):
    help = "Create and publish the demo page tree, footer and alert aliases, and a demo admin login."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Delete the pages and aliases first.")
        parser.add_argument(
            "--doctors",
            type=int,
            default=300,
            help="How many fictional doctors the directory should hold (default 300; 20000 for benchmarks).",
        )
        parser.add_argument(
            "--charges",
            type=int,
            default=3000,
            help="About how many charges the fictional chargemaster should hold (default 3000).",
        )
        parser.add_argument(
            "--admin-password",
            help="Password for the demo admin. Required except with DEBUG on and the laptop's SQLite "
            "database (db.sqlite3 beside manage.py), so no known password reaches a production database.",
        )

    def handle(self, *args, reset=False, admin_password=None, doctors=300, charges=3000, **options):
        if importlib.util.find_spec("faker") is None:
            raise CommandError(
                "load_demo needs Faker, one of the demo tools that production does not install: run "
                "`make install` (pip install --require-hashes -r requirements.lock -r requirements-dev.lock)."
            )
        if not admin_password and not (settings.DEBUG and laptop_database()):
            raise CommandError(
                "The demo admin's known password is only for the laptop's SQLite database with "
                "DJANGO_DEBUG=true: pass --admin-password to choose the demo admin's password."
            )
        with transaction.atomic():
            user, created = self.demo_admin(admin_password or DEMO_ADMIN_PASSWORD)
            if reset:
                self.delete_content()
            builder = TreeBuilder(user)
            taglines_made = ensure_taglines()  # before the pages and aliases that show them
            new_pages = builder.create_pages(demo_content.PAGES)
            aliases_made = builder.build_aliases(demo_content.ALIASES)  # a page may hold an alias
            pages_made = builder.fill_pages(new_pages)
            translations_made = builder.build_translations(
                demo_content.PAGES, demo_content_es.PAGES, demo_content_es.LANGUAGE
            )
            alias_translations_made = builder.build_alias_translations(
                demo_content_es.ALIASES, demo_content_es.LANGUAGE
            )
            directory = ensure_directory(doctors)
            surveys = ensure_ratings(user)  # the first doctors' post-visit surveys, imported and moderated
            ensure_location_details()
            ensure_campus_walkways()  # footprints and walkways for directions, on its buildings
            ensure_notice_reviews(builder.pages_by_key)
            pricing = ensure_pricing(charges)
            ensure_documents()  # the privacy notice and financial assistance papers, as PDFs
            setup_roles()  # the staff groups (editorial.roles)
            indexed = index_all()  # pages published before the search existed, too
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {pages_made} page(s) and {aliases_made} alias(es) created, "
                f"{Page.objects.count()} page(s) in all; "
                f"{translations_made} Spanish page(s) and {alias_translations_made} Spanish alias "
                f"content(s) created, {PageContent.objects.filter(language='es').count()} Spanish "
                "page(s) published in all; "
                f"{directory['doctors_created']} fictional doctor(s) created, {directory['doctors']} in all, "
                f"{surveys} fictional patient survey(s) imported; "
                f"{taglines_made} language assistance tagline(s) created ({taglines_source()}); "
                f"{indexed} published page(s) indexed for search."
            )
        )
        self.publish_prices(pricing)
        ensure_open_times(self.stdout)  # after the directory is committed: it reads its own files
        password = admin_password or DEMO_ADMIN_PASSWORD
        if created or user.check_password(password):
            self.stdout.write(f"Demo admin login: {user.username} / {password} (at /en/admin/)")
        if settings.DEBUG:
            # Staff sign in with a second factor, the demo admin too: on the laptop it has an
            # authenticator whose code `demo_code` prints (refused with DEBUG off).
            demo_authenticator(user)
            self.stdout.write("Then its two-factor code: `make demo-code` (or add its key to an app).")

    def publish_prices(self, pricing):
        """Publishes the standard-charges files once the chargemaster is committed, unless files of
        it are published already. Without Node or CMS's validator nothing is published, and the demo
        goes on without the files."""
        made = (
            f"Prices: {pricing['charges_created']} fictional charge(s) created, {pricing['charges']} in all; "
            f"{pricing['services_created']} shoppable service(s) created, {pricing['services']} in all."
        )
        if not pricing["charges_created"] and Publication.current() is not None:
            self.stdout.write(f"{made} The standard-charges files were already published.")
            return
        try:
            node_binary(), package_folder()
        except ValidatorUnavailable as missing:
            self.stdout.write(self.style.WARNING(f"{made} The files were not published: {missing}"))
            return
        publication = publish()
        if publication.status == Publication.Status.PUBLISHED:
            self.stdout.write(self.style.SUCCESS(f"{made} The standard-charges files are published."))
        else:
            self.stdout.write(
                self.style.WARNING(f"{made} The files were not published. {publication.report}")
            )

    def demo_admin(self, password):
        User = get_user_model()
        user = User.objects.filter(username=DEMO_ADMIN_USERNAME).first()
        if user:
            return user, False
        user = User.objects.create_superuser(DEMO_ADMIN_USERNAME, "admin@example.org", password)
        return user, True

    def delete_content(self):
        # Versions point at their contents generically, so they go first.
        Version.objects.all().delete()
        for page in Page.objects.filter(depth=1):
            page.delete()
        Alias.objects.all().delete()
        self.stdout.write("Deleted the existing pages and aliases.")


class TreeBuilder:
    """Creates and publishes pages and aliases from the declarations in demo.content.

    Pages are made in two passes, so that a plugin can link to any page of the tree,
    whatever the order they are declared in: first every missing page as a draft
    (create_pages), then each new page's plugins, and its publication (fill_pages). The
    aliases are built in between, so that they can link to pages and pages can hold them
    (an "AliasPlugin" with the alias's static code). Translations (demo.content_es) come
    after, when every page of the tree exists.
    """

    def __init__(self, user):
        self.user = user
        self.pages_by_key = {p.reverse_id: p for p in Page.objects.exclude(reverse_id=None)}

    def create_pages(self, declarations):
        """Every declared page that does not exist yet, as a draft without plugins: [(declaration, page)]."""
        new_pages = []
        self._create_level(declarations, parent=None, new_pages=new_pages)
        return new_pages

    def fill_pages(self, new_pages):
        """The plugins of the pages create_pages() made, then their publication. Returns how many."""
        for declaration, page in new_pages:
            content = PageContent.admin_manager.get(page=page, language=LANGUAGE)
            placeholder = content.rescan_placeholders()["content"]
            self._add_plugins(placeholder, declaration.get("plugins", []))
            Version.objects.get_for_content(content).publish(self.user)
            if declaration.get("home"):
                page.set_as_homepage(self.user)
        return len(new_pages)

    def _create_level(self, declarations, parent, new_pages):
        for declaration in declarations:
            page = self.pages_by_key.get(declaration["key"])
            if page is not None and page.application_urls != declaration.get(
                "apphook", page.application_urls
            ):
                # A tree built before the page's app existed: hook the app on now.
                page.application_urls = declaration["apphook"]
                page.application_namespace = declaration["apphook_namespace"]
                page.save()
            if page is None:
                page = create_page(
                    title=declaration["title"],
                    template=declaration.get("template", "pages/content.html"),
                    language=LANGUAGE,
                    slug=declaration.get("slug"),
                    menu_title=declaration.get("menu_title"),
                    page_title=declaration.get("page_title"),
                    meta_description=declaration.get("description", ""),
                    parent=parent,
                    reverse_id=declaration["key"],
                    in_navigation=declaration.get("in_navigation", True),
                    apphook=declaration.get("apphook"),
                    apphook_namespace=declaration.get("apphook_namespace"),
                    created_by=self.user,
                )
                self.pages_by_key[declaration["key"]] = page
                new_pages.append((declaration, page))
            self._create_level(declaration.get("children", []), parent=page, new_pages=new_pages)

    def build_translations(self, declarations, translations, language):
        """Each page of the tree declared in `translations` (by key) that has no content in
        `language` yet gets it, with its plugins, published. Returns how many were made.

        Parents come before their children (tree order), so a child's path is made under its
        parent's translated path. A translation that exists in any state (an editor's draft, an
        unpublished version) is left alone.
        """
        made = 0
        for declaration in walk(declarations):
            translation = translations.get(declaration["key"])
            page = self.pages_by_key.get(declaration["key"])
            if translation is None or page is None:
                continue
            if PageContent.admin_manager.filter(page=page, language=language).exists():
                continue
            # A fresh page: its parent's URLs (cached on the instance) include any translation just made.
            page = Page.objects.get(pk=page.pk)
            original = PageContent.admin_manager.filter(page=page, language=LANGUAGE).first()
            content = create_page_content(
                language,
                translation["title"],
                page,
                slug=translation["slug"],
                menu_title=translation.get("menu_title"),
                page_title=translation.get("page_title"),
                meta_description=translation.get("description", ""),
                template=original.template if original else "pages/content.html",
                in_navigation=original.in_navigation if original else True,
                created_by=self.user,
            )
            placeholder = content.rescan_placeholders()["content"]
            self._add_plugins(placeholder, translation.get("plugins", []), language=language)
            Version.objects.get_for_content(content).publish(self.user)
            made += 1
        return made

    def build_alias_translations(self, translations, language):
        """A published `language` content for each alias in `translations` that has none yet."""
        made = 0
        for static_code, (name, plugins) in translations.items():
            alias = Alias.objects.filter(static_code=static_code, site__isnull=True).first()
            if alias is None or AliasContent.admin_manager.filter(alias=alias, language=language).exists():
                continue
            content = AliasContent.objects.with_user(self.user).create(
                alias=alias, name=name, language=language
            )
            self._add_plugins(content.placeholder, plugins, language=language)
            if plugins:
                Version.objects.get_for_content(content).publish(self.user)
            made += 1
        return made

    def build_aliases(self, declarations):
        made = 0
        category = None
        for static_code, name, plugins in declarations:
            if Alias.objects.filter(static_code=static_code, site__isnull=True).exists():
                continue
            if category is None:
                category = Category.objects.filter(
                    translations__name="Site"
                ).first() or Category.objects.create(name="Site")
            alias = Alias.objects.create(
                category=category, static_code=static_code, creation_method=Alias.CREATION_BY_TEMPLATE
            )
            content = AliasContent.objects.with_user(self.user).create(
                alias=alias, name=name, language=LANGUAGE
            )
            self._add_plugins(content.placeholder, plugins)
            if plugins:
                # An empty alias stays a draft: the alert banner has nothing to say yet.
                Version.objects.get_for_content(content).publish(self.user)
            made += 1
        return made

    def _add_plugins(self, placeholder, plugins, target=None, language=LANGUAGE):
        for plugin_type, fields, *children in plugins:
            fields = dict(fields)
            link = fields.pop("link", None)
            if link:
                fields.update(self._link_fields(link))
            if plugin_type == ALIAS_PLUGIN:
                plugin_type, fields = "Alias", {"alias": self._alias(fields["alias"])}
            plugin = add_plugin(placeholder, plugin_type, language, target=target, **fields)
            if children:
                self._add_plugins(placeholder, children[0], target=plugin, language=language)

    def _alias(self, static_code):
        alias = Alias.objects.filter(static_code=static_code, site__isnull=True).first()
        if alias is None:
            raise CommandError(
                f"A page holds the alias {static_code!r}, which demo/data/aliases.toml does not declare."
            )
        return alias

    def _link_fields(self, link):
        """`page:<key>` links to a page of the tree, `service:<name>` to an outside system, else a URL."""
        kind, _, value = link.partition(":")
        if kind == "service":
            return {"service": ExternalService(value).value}
        if kind == "page":
            try:
                page = self.pages_by_key[value]
            except KeyError:
                raise CommandError(
                    f"A plugin links to page {value!r}, which the demo tree does not declare."
                ) from None
            return {"link": LinkDict({"internal_link": f"cms.page:{page.pk}"})}
        return {"link": LinkDict(link)}


def laptop_database():
    """True when the default database is the laptop's: the SQLite file beside manage.py that the
    settings use when DATABASE_URL is not set (a test database, or any other, is not)."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return False
    return Path(str(database["NAME"])).resolve() == (Path(settings.BASE_DIR) / "db.sqlite3").resolve()


def walk(declarations):
    """The page declarations in tree order: each page, then its children."""
    for declaration in declarations:
        yield declaration
        yield from walk(declaration.get("children", []))


def ensure_notice_reviews(pages_by_key):
    """The day each notice (the pages under "Patient rights and notices") was last reviewed: the
    day the demo was built, for a notice that has none yet."""
    for key in demo_content.tree()["children"]["patient-rights"]:
        NoticeReview.objects.get_or_create(
            extended_object=pages_by_key[key], defaults={"reviewed_on": timezone.localdate()}
        )
