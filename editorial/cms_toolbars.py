"""The CMS toolbar's review buttons: "Send for review" for editors on a draft, the queue for publishers;
and the page menu without what only publishers may do."""

from cms.cms_toolbars import PAGE_MENU_IDENTIFIER
from cms.models import PageContent
from cms.toolbar.items import ModalItem
from cms.toolbar_base import CMSToolbar
from cms.toolbar_pool import toolbar_pool
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from djangocms_versioning import constants
from djangocms_versioning.models import Version

from .admin import may_change_live_site
from .models import ReviewRequest


@toolbar_pool.register
class ReviewToolbar(CMSToolbar):
    def populate(self):
        user = self.request.user
        if not user.is_staff:
            return
        content = self.toolbar.get_object()
        if isinstance(content, PageContent) and user.has_perm("editorial.add_reviewrequest"):
            version = Version.objects.get_for_content(content)
            if version.state == constants.DRAFT and not version.has_publish_permission(user):
                pending = ReviewRequest.objects.filter(version=version, status=ReviewRequest.Status.PENDING)
                if pending.exists():
                    self.toolbar.add_button(
                        _("Waiting for review"), url="#", disabled=True, side=self.toolbar.RIGHT
                    )
                else:
                    url = reverse("admin:editorial_reviewrequest_submit", args=[version.pk])
                    back = self.request.get_full_path()
                    self.toolbar.add_button(
                        _("Send for review"),
                        url=f"{url}?{urlencode({'next': back})}",
                        side=self.toolbar.RIGHT,
                    )
        if user.has_perm("editorial.change_reviewrequest"):
            waiting = ReviewRequest.objects.filter(status=ReviewRequest.Status.PENDING).count()
            if waiting:
                url = reverse("admin:editorial_reviewrequest_changelist") + "?status__exact=pending"
                self.toolbar.add_button(
                    _("Reviews waiting (%(count)d)") % {"count": waiting}, url=url, side=self.toolbar.RIGHT
                )


@toolbar_pool.register
class LiveSiteToolbar(CMSToolbar):
    """Takes "Advanced settings" and "Delete page" out of the page menu for staff who may not
    publish the page: they change the live site at once, so editorial.admin.ReviewedPageAdmin
    refuses them. Registered after django CMS's page toolbar, whose menu it edits."""

    def populate(self):
        page = self.request.current_page
        menu = self.toolbar.get_menu(PAGE_MENU_IDENTIFIER)
        if page is None or menu is None or may_change_live_site(self.request.user, page):
            return
        refused = (
            reverse("admin:cms_page_advanced", args=[page.pk]),
            reverse("admin:cms_page_delete", args=[page.pk]),
        )
        for item in menu.find_items(ModalItem):
            if item.item.url.startswith(refused):
                menu.remove_item(item.item)
