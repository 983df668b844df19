"""WSGI entry point. Production sets DJANGO_SETTINGS_MODULE=sikoportal.settings.production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sikoportal.settings.development")
application = get_wsgi_application()
