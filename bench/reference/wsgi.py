"""Django's own WSGI application, without the site's liveness probe (``config.wsgi``): what the
Django references serve, so that each answers every path through Django."""

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
