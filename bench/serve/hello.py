"""The ceiling for bench/serve.sh: settings, URLs and WSGI application of a one-view Django project.

One view answers "hello": DEBUG off, no apps, no middleware, no database, no templates. Served by the
site's own gunicorn config, so the gap between it and a cached page is what our stack costs:

    .venv/bin/gunicorn hello:application --pythonpath bench/serve -c mgh_site/gunicorn.conf.py
"""

import os
import secrets

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

DEBUG = False
SECRET_KEY = secrets.token_hex(32)  # a page that has nothing to sign
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = __name__
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
USE_TZ = True


def hello(request):
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("hello/", hello)]

os.environ["DJANGO_SETTINGS_MODULE"] = __name__  # this module is its own settings
application = get_wsgi_application()
