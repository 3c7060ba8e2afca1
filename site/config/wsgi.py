"""WSGI entry point for gunicorn (``gunicorn config.wsgi --pythonpath site``): the site behind the
liveness probe (``core.liveness``: ``/healthz`` is answered before Django)."""

import os
import sys
from pathlib import Path

# The repository root holds the apps; ``site/`` holds this package. Both must be importable however
# the server was started.
_SITE_DIR = Path(__file__).resolve().parent.parent
for _path in (_SITE_DIR, _SITE_DIR.parent):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from django.core.wsgi import get_wsgi_application  # noqa: E402

from core.liveness import LivenessProbe  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = LivenessProbe(get_wsgi_application())
