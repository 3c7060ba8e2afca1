"""Settings shared by every environment.

Every value comes from an environment variable with a safe development default, and every integration
(S3, Elasticsearch, Redis, SMTP, SMS) switches on only when its variable is present. The README's
configuration table lists each variable.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str
from core.params import MAX_ID

SITE_DIR = Path(__file__).resolve().parent.parent.parent  # the ``site/`` source root
BASE_DIR = SITE_DIR.parent  # the repository root

SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me-0123456789abcdefghijklmnop")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Application definition

INSTALLED_APPS = [
    # Project apps: the site-wide layer first so that its templates win; the ground floor under all.
    "website",
    "catalogue",
    "simulators",
    "customers",
    "support.notifications",
    "support.helpdesk",
    "support.status",
    "support.monitoring",
    "support",  # owns only the historic migrations of the three apps above (see support/__init__.py)
    "search",
    "backups",
    "core",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "storages",
    "django_prometheus",
    # Only for its system check: rate-limit counters need a cache every worker shares.
    "django_ratelimit",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Outermost pair: request counts and latencies of /metrics include every other middleware
    # (core.request_metrics: django-prometheus's pair, not counting /metrics itself).
    "core.request_metrics.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "website.middleware.LocaleMiddleware",
    "website.middleware.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "website.middleware.CSPMiddleware",
    "website.middleware.SecurityHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "website.sites.CachedSiteMiddleware",
    # Innermost, so that security headers and CSP are still added to cached responses.
    "website.pagecache.AnonymousPageCacheMiddleware",
    "core.request_metrics.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: a SQLite file unless DATABASE_URL says otherwise.

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        # Kept on, measured: its SELECT 1 before a request's first query is under 1% of a fault
        # report's time, and without it the first request on a connection PostgreSQL has dropped
        # (restart, failover, an idle timeout) would fail with a 500.
        conn_health_checks=True,
    )
}
# django-prometheus's wrapper of the same backend counts queries, errors and their durations for /metrics.
DATABASES["default"]["ENGINE"] = DATABASES["default"]["ENGINE"].replace(
    "django.db.backends.", "django_prometheus.db.backends.", 1
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, else local memory (production requires Redis: rate-limit
# counters and cached entries must be shared by every worker).

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "vt"),
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
                # A lost Redis must not take the site down: reads miss and writes are dropped, so
                # pages are built from the database; /readyz names the cache, and rate limits fail
                # closed (django-ratelimit answers 429 when it cannot count). Not logged per call:
                # a page makes dozens of cache calls.
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "vt-platform",
        }
    }

# Background tasks (django-tasks): run inline unless TASKS_BACKEND=database, which queues rows that
# ``manage.py db_worker`` executes.

TASKS_BACKEND = env_str("TASKS_BACKEND", "immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
            "dummy": "django_tasks.backends.dummy.DummyBackend",
        }[TASKS_BACKEND]
    }
}

# Passwords

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Russian first, English second; dates in Moscow time.

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [SITE_DIR / "locale"]
TIME_ZONE = "Europe/Moscow"
USE_I18N = True
USE_TZ = True

# Static files and media

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

# S3-compatible object storage: on when a bucket is named. Public media and private files (builds,
# attachments) live in separate buckets; the private one is only reached through presigned URLs.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
AWS_PRIVATE_BUCKET_NAME = env_str("AWS_PRIVATE_BUCKET_NAME")
AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME", "us-east-1")
AWS_ACCESS_KEY_ID = env_str("AWS_ACCESS_KEY_ID") or None
AWS_SECRET_ACCESS_KEY = env_str("AWS_SECRET_ACCESS_KEY") or None
AWS_S3_ADDRESSING_STYLE = env_str("AWS_S3_ADDRESSING_STYLE", "path")
AWS_S3_SIGNATURE_VERSION = "s3v4"
AWS_S3_FILE_OVERWRITE = False
AWS_DEFAULT_ACL = None
AWS_QUERYSTRING_EXPIRE = env_int("AWS_QUERYSTRING_EXPIRE", 3600)
S3_ENABLED = bool(AWS_STORAGE_BUCKET_NAME)

_S3_OPTIONS = {
    "endpoint_url": AWS_S3_ENDPOINT_URL,
    "region_name": AWS_S3_REGION_NAME,
    "addressing_style": AWS_S3_ADDRESSING_STYLE,
    "signature_version": AWS_S3_SIGNATURE_VERSION,
    "file_overwrite": False,
    "default_acl": None,
    "querystring_expire": AWS_QUERYSTRING_EXPIRE,
}

if S3_ENABLED:
    _default_storage = {
        "BACKEND": "website.storage.MediaStorage",
        "OPTIONS": {**_S3_OPTIONS, "bucket_name": AWS_STORAGE_BUCKET_NAME},
    }
    _private_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_S3_OPTIONS,
            "bucket_name": AWS_PRIVATE_BUCKET_NAME or AWS_STORAGE_BUCKET_NAME,
            "location": "" if AWS_PRIVATE_BUCKET_NAME else "private",
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    _private_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(BASE_DIR / "private-media"), "base_url": None},
    }

STORAGES = {
    "default": _default_storage,
    "private": _private_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Search: Wagtail's database backend unless ELASTICSEARCH_URL is set (see the search app).

ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "vt")
ELASTICSEARCH_ANALYSIS_PROFILE = env_str("ELASTICSEARCH_ANALYSIS_PROFILE", "full")
ELASTICSEARCH_TIMEOUT = float(env_str("ELASTICSEARCH_TIMEOUT", "0.5"))
ELASTICSEARCH_HEALTH_TIMEOUT = float(env_str("ELASTICSEARCH_HEALTH_TIMEOUT", "3"))
# Shards and replicas of every new locale index: one shard and no replica suit a single node; a cluster
# keeps search up through the loss of a node only with ELASTICSEARCH_REPLICAS >= 1.
ELASTICSEARCH_SHARDS = env_int("ELASTICSEARCH_SHARDS", 1)
ELASTICSEARCH_REPLICAS = env_int("ELASTICSEARCH_REPLICAS", 0)
if ELASTICSEARCH_SHARDS < 1 or ELASTICSEARCH_REPLICAS < 0:
    raise ImproperlyConfigured(
        "ELASTICSEARCH_SHARDS must be at least 1 and ELASTICSEARCH_REPLICAS at least 0"
    )
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# E-mail: console in development; SMTP as soon as EMAIL_HOST is set.

EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "VT Platform <noreply@vt-pro.ru>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# SMS gateway (support app): "console" writes messages to a file; "http" posts to SMS_GATEWAY_URL.

SMS_BACKEND = env_str("SMS_BACKEND", "console")
SMS_GATEWAY_URL = env_str("SMS_GATEWAY_URL")
SMS_GATEWAY_LOGIN = env_str("SMS_GATEWAY_LOGIN")
SMS_GATEWAY_PASSWORD = env_str("SMS_GATEWAY_PASSWORD")
SMS_SENDER = env_str("SMS_SENDER", "VTPlatform")
SMS_OUTBOX_DIR = Path(env_str("SMS_OUTBOX_DIR", str(BASE_DIR / "var" / "sms")))

# Wagtail

WAGTAIL_SITE_NAME = "VT Platform"
# The admin transliterates titles into ASCII slugs (core.slugs does the same for the rest).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
# The site's public address: absolute URLs of the Wagtail API (detail_url, html_url).
WAGTAILAPI_BASE_URL = env_str("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# REST API (our /api/v1/ endpoints) and its OpenAPI schema.

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Form parsers too: wagtail-localize's translation editor (a DRF view) saves each segment as
    # multipart form data and gets 415 Unsupported Media Type with JSON alone.
    "DEFAULT_PARSER_CLASSES": [
        "core.api.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "VT Platform API",
    "DESCRIPTION": _("Catalogue, release notes, support and search of the virtual trainers platform."),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["config.api.only_public_api"],
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "core.api.document_errors"],
    # /api/docs/: Swagger UI from our own static files (drf-spectacular-sidecar), as the CSP allows.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Swagger UI would send the schema to validator.swagger.io for a badge; the CSP refuses that image.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # The project's <id:...> URL converter (core.params.IdConverter): a database id.
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 1, "maximum": MAX_ID}},
    # Several "status" fields (builds, reports, incidents): each choice set gets a name of its own.
    "ENUM_NAME_OVERRIDES": {"IncidentStatusEnum": "support.status.choices.IncidentStatus"},
}

# Security defaults that hold in every environment; production.py tightens the rest.

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the admin's upload JavaScript reads the token
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
# S3 origins that browsers talk to directly (presigned uploads/downloads, WebGL builds).
_S3_ORIGIN = AWS_S3_ENDPOINT_URL or ""
CONTENT_SECURITY_POLICY = {
    # Wagtail's admin relies on inline scripts and styles; the public site does not.
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:", *([_S3_ORIGIN] if _S3_ORIGIN else [])],
        "media-src": ["'self'", *([_S3_ORIGIN] if _S3_ORIGIN else [])],
        "connect-src": ["'self'", *([_S3_ORIGIN] if _S3_ORIGIN else [])],
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://rutube.ru"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
# Rate limits (core.ratelimit): counters in the default cache; rates are "N/s|m|h|d" or "N/15m".
RATELIMIT_USE_CACHE = "default"
RATELIMIT_VIEW = "website.views.ratelimited"
RATELIMIT_IP_META_KEY = "core.net.client_ip"
# How many reverse proxies of ours (Apache) append to X-Forwarded-For; 0 = trust REMOTE_ADDR only.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ADMIN_LOGIN_RATE = env_str("ADMIN_LOGIN_RATE", "10/m")

# Health: components whose failure makes /readyz answer 503. Search and storage degrade gracefully.
READYZ_REQUIRED = env_list("READYZ_REQUIRED", "database,cache")

# Demo content and the generated local admin (refused in production).
DEMO_DATA_ALLOWED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        # One line per background task and page action is noise at INFO.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# --- caching (core.cache; the whole-page cache for anonymous visitors: website/pagecache.py) ---

# Whole-page cache for anonymous visitors; dropped with the content generation (core.cache).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
# Default lifetime of cached pages and cached entries.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# --- support ---
# Notification outbox: delivery retries with exponential back-off (base * 2^(n-1), capped).
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 8)
OUTBOX_RETRY_BASE_SECONDS = env_int("OUTBOX_RETRY_BASE_SECONDS", 60)
OUTBOX_RETRY_MAX_SECONDS = env_int("OUTBOX_RETRY_MAX_SECONDS", 3600)
# How long a worker holds a row while sending before another may try it.
OUTBOX_LEASE_SECONDS = env_int("OUTBOX_LEASE_SECONDS", 120)
# /readyz turns "degraded" after this many delivery attempts in a row failed on one channel.
OUTBOX_DEGRADED_AFTER_FAILURES = env_int("OUTBOX_DEGRADED_AFTER_FAILURES", 3)
SMS_GATEWAY_TIMEOUT = env_int("SMS_GATEWAY_TIMEOUT", 10)
PHONE_DEFAULT_REGION = env_str("PHONE_DEFAULT_REGION", "RU")
# Fault reports.
SUPPORT_UIN_PATTERN = env_str("SUPPORT_UIN_PATTERN", r"^[A-Za-z0-9-]{4,32}$")
SUPPORT_REOPEN_DAYS = env_int("SUPPORT_REOPEN_DAYS", 14)
SUPPORT_RETENTION_DAYS = env_int("SUPPORT_RETENTION_DAYS", 365)
# Working hours of the production calendar (see support.helpdesk.targets).
SUPPORT_FIRST_RESPONSE_HOURS = env_int("SUPPORT_FIRST_RESPONSE_HOURS", 4)
# Around the clock: a report filed during a major incident.
SUPPORT_MAJOR_INCIDENT_RESPONSE_HOURS = env_int("SUPPORT_MAJOR_INCIDENT_RESPONSE_HOURS", 1)
SUPPORT_RESOLUTION_HOURS = env_int("SUPPORT_RESOLUTION_HOURS", 72)
SUPPORT_RATE_PER_IP = env_str("SUPPORT_RATE_PER_IP", "10/h")
SUPPORT_RATE_PER_PHONE = env_str("SUPPORT_RATE_PER_PHONE", "5/h")
SUPPORT_MAX_ATTACHMENTS = env_int("SUPPORT_MAX_ATTACHMENTS", 5)
SUPPORT_MAX_ATTACHMENT_MB = env_int("SUPPORT_MAX_ATTACHMENT_MB", 20)
SUPPORT_MAINTENANCE_HINT_HOURS = env_int("SUPPORT_MAINTENANCE_HINT_HOURS", 2)
SUPPORT_SUBMISSION_KEY_HOURS = env_int("SUPPORT_SUBMISSION_KEY_HOURS", 24)
# On-call: an alert nobody acknowledged within this many minutes goes to the next on the roster.
SUPPORT_ONCALL_ACK_MINUTES = env_int("SUPPORT_ONCALL_ACK_MINUTES", 15)
# Monitoring (support.monitoring): one round of probes a minute (`manage.py monitor`).
MONITOR_PROBE_TIMEOUT = env_int("MONITOR_PROBE_TIMEOUT", 5)
# The whole round ends after this many seconds: a probe still running is recorded as down.
MONITOR_ROUND_DEADLINE = env_int("MONITOR_ROUND_DEADLINE", 20)
MONITOR_RAW_DAYS = env_int("MONITOR_RAW_DAYS", 3)
MONITOR_AGGREGATE_DAYS = max(env_int("MONITOR_AGGREGATE_DAYS", 100), 90)
# The public site (its home page by default) and a WebGL asset fetched over HTTP; an empty WebGL URL
# leaves that component unprobed.
MONITOR_SITE_URL = env_str("MONITOR_SITE_URL", f"{WAGTAILAPI_BASE_URL.rstrip('/')}/")
MONITOR_WEBGL_URL = env_str("MONITOR_WEBGL_URL")
# The task queue is "degraded" when its oldest ready task waited longer than this.
MONITOR_QUEUE_LAG_SECONDS = env_int("MONITOR_QUEUE_LAG_SECONDS", 300)
# The monitor opens an incident when a required component failed this many consecutive rounds.
INCIDENT_OPEN_AFTER_FAILURES = max(env_int("INCIDENT_OPEN_AFTER_FAILURES", 3), 1)
# /metrics answers these client addresses (exact addresses or networks), or a matching bearer token.
METRICS_ALLOWED_ADDRESSES = env_list("METRICS_ALLOWED_ADDRESSES", "127.0.0.1,::1")
METRICS_TOKEN = env_str("METRICS_TOKEN")
# --- end support ---

# --- website ---
# Demo requests accepted per client address (django-ratelimit rate).
DEMO_REQUEST_RATE = env_str("DEMO_REQUEST_RATE", "5/h")

# --- support.status (maintenance notices) ---
# Working hours (Moscow time, on working days) that planned windows should avoid: a warning, not a refusal.
MAINTENANCE_WORKING_HOURS = env_str("MAINTENANCE_WORKING_HOURS", "09:00-18:00")
# The site banner lists windows in progress and those starting within this many hours.
MAINTENANCE_BANNER_HORIZON_HOURS = env_int("MAINTENANCE_BANNER_HORIZON_HOURS", 72)
# Subscribers get a reminder this many hours before a window starts.
MAINTENANCE_REMINDER_HOURS = env_int("MAINTENANCE_REMINDER_HOURS", 24)
# Subscription form limit per client IP (django-ratelimit rate).
MAINTENANCE_SUBSCRIBE_RATE = env_str("MAINTENANCE_SUBSCRIBE_RATE", "5/h")
# --- simulators ---
# Builds live in STORAGES["private"]. Browsers talk to S3 directly through presigned URLs, which are
# signed for AWS_S3_PUBLIC_ENDPOINT_URL when the server reaches S3 under another address.
AWS_S3_PUBLIC_ENDPOINT_URL = env_str("AWS_S3_PUBLIC_ENDPOINT_URL") or AWS_S3_ENDPOINT_URL
SIMULATORS_DOWNLOAD_EXPIRE = env_int("SIMULATORS_DOWNLOAD_EXPIRE", 600)
SIMULATORS_UPLOAD_PART_SIZE = env_int("SIMULATORS_UPLOAD_PART_SIZE", 16 * 1024 * 1024)
SIMULATORS_UPLOAD_URL_EXPIRE = env_int("SIMULATORS_UPLOAD_URL_EXPIRE", 3600)
SIMULATORS_MAX_BUILD_SIZE = env_int("SIMULATORS_MAX_BUILD_SIZE", 20 * 1024**3)
SIMULATORS_STALE_UPLOAD_HOURS = env_int("SIMULATORS_STALE_UPLOAD_HOURS", 24)
SIMULATORS_LINK_DAYS = env_int("SIMULATORS_LINK_DAYS", 14)
SIMULATORS_S3_TIMEOUT = env_int("SIMULATORS_S3_TIMEOUT", 5)
# The update manifest: the Ed25519 private key it is signed with (32 raw bytes in base64, or PKCS#8
# PEM); empty derives one from SECRET_KEY (development only: `check --deploy` refuses it).
UPDATES_SIGNING_KEY = env_str("UPDATES_SIGNING_KEY")
# How long a signed manifest is valid; one is reissued every half of it.
UPDATES_MANIFEST_SECONDS = env_int("UPDATES_MANIFEST_SECONDS", 900)
# Manifest requests per device key and device (django-ratelimit rate).
UPDATES_RATE = env_str("UPDATES_RATE", "60/m")
# How long a device key's customer is remembered: a revoked key is refused at most this much later.
UPDATES_KEY_CACHE_SECONDS = env_int("UPDATES_KEY_CACHE_SECONDS", 60)
# --- backups ---
# Where `manage.py backup` writes its dated folders (database dump, object inventory, manifest). Put it
# on another disk or volume than the database's.
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(BASE_DIR / "var" / "backups")))
# Bucket that receives server-side copies of stored objects (S3 only); empty = the private bucket, under
# BACKUP_PREFIX. Without S3 the copies go to BACKUP_DIR/objects.
BACKUP_BUCKET_NAME = env_str("BACKUP_BUCKET_NAME")
BACKUP_PREFIX = env_str("BACKUP_PREFIX", "backups").strip("/")
# 32 random bytes, URL-safe base64 (AES-256-GCM); empty = dumps and inventories are written in clear.
BACKUP_ENCRYPTION_KEY = env_str("BACKUP_ENCRYPTION_KEY")
# Retention: the newest backup of each of the last N days, ISO weeks and months is kept.
BACKUP_KEEP_DAILY = env_int("BACKUP_KEEP_DAILY", 7)
BACKUP_KEEP_WEEKLY = env_int("BACKUP_KEEP_WEEKLY", 4)
BACKUP_KEEP_MONTHLY = env_int("BACKUP_KEEP_MONTHLY", 6)
# `backup --if-due` (the scheduler's call) backs up only when the newest backup is older than this.
BACKUP_INTERVAL_HOURS = env_int("BACKUP_INTERVAL_HOURS", 24)
# Folder of pg_dump/pg_restore; empty = the newest /usr/lib/postgresql/<version>/bin, else the PATH.
BACKUP_PG_BIN_DIR = env_str("BACKUP_PG_BIN_DIR")
# The code version a backup records when the code is not a git checkout (the image sets it).
VT_VERSION = env_str("VT_VERSION")
