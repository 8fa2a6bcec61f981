"""The page menu's "Social sharing" entry, where editors choose a page's sharing image."""

from cms.extensions.toolbar import ExtensionToolbar
from cms.toolbar_pool import toolbar_pool
from django.utils.translation import gettext_lazy as _

from .models import SocialSharing


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
