"""Lets staff edit a doctor's biography placeholder in the django CMS editor."""

from cms.app_base import CMSAppConfig

from .models import Doctor
from .views import render_doctor


class DoctorsCMSConfig(CMSAppConfig):
    cms_enabled = True
    cms_toolbar_enabled_models = [(Doctor, render_doctor)]
