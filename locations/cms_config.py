"""Lets staff write a place's text (its "content" placeholder) in the django CMS editor."""

from cms.app_base import CMSAppConfig

from .models import Location
from .views import render_location


class LocationsCMSConfig(CMSAppConfig):
    cms_enabled = True
    cms_toolbar_enabled_models = [(Location, render_location)]
