"""Production: secure by default. Refuses to start with DEBUG on, no SECRET_KEY, no ALLOWED_HOSTS or
no REDIS_URL."""

import os

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list

from .base import *  # noqa: F403
from .base import DEBUG, REDIS_URL, SECRET_KEY

if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")
if not os.environ.get("SECRET_KEY") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of at least 50 characters.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the host(s) the site answers to.")
if not REDIS_URL:
    raise ImproperlyConfigured(
        "REDIS_URL must point at the Redis cache shared by every worker: rate limits count there "
        "(with a per-process cache each worker would accept the full limit)."
    )

# TLS terminates at Apache (deploy/apache), which forwards the original scheme.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Staging and benchmarks may opt in to demo content; a real production never does.
DEMO_DATA_ALLOWED = env_bool("DEMO_DATA_ALLOWED", False)

# Wagtail's live preview and the WebGL player frame our own pages, so frames stay SAMEORIGIN (not
# DENY); other sites still cannot frame us (CSP frame-ancestors 'self').
SILENCED_SYSTEM_CHECKS = ["security.W019"]
