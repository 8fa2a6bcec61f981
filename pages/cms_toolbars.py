"""The page menu's entries for page extensions: "Social sharing" (the sharing image) and "Notice review"."""

from cms.extensions.toolbar import ExtensionToolbar
from cms.toolbar_pool import toolbar_pool
from django.utils.translation import gettext_lazy as _

from .models import NoticeReview, SocialSharing


@toolbar_pool.register
class SocialSharingToolbar(ExtensionToolbar):
    model = SocialSharing

    def populate(self):
        current_page_menu = self._setup_extension_toolbar()
        if current_page_menu:
            _extension, url = self.get_page_content_extension_admin()
            if url:
                current_page_menu.add_modal_item(
                    _("Social sharing"), url=url, disabled=not self.toolbar.edit_mode_active
                )


@toolbar_pool.register
class NoticeReviewToolbar(ExtensionToolbar):
    """The page menu's "Notice review" entry, where editors set the day a notice was last reviewed.
    Offered in and out of edit mode: the date is not part of a version, so it needs no draft."""

    model = NoticeReview

    def populate(self):
        current_page_menu = self._setup_extension_toolbar()
        if current_page_menu:
            _extension, url = self.get_page_extension_admin()
            if url:
                current_page_menu.add_modal_item(_("Notice review"), url=url)
