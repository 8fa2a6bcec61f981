from django import forms
from django.utils.translation import gettext_lazy as _

from toolkit.forms import DescribedErrorsMixin, SearchField


class SiteSearchForm(DescribedErrorsMixin, forms.Form):
    q = SearchField(label=_("Search the site"))
