"""Root URLs. Apps contribute three optional modules: ``api_urls`` (mounted at ``/api/v1/``),
``urls`` (language-prefixed public pages) and ``root_urls`` (unprefixed, e.g. feeds)."""

from importlib.util import find_spec

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.api import api_router
from website import health, views
from website.sitemaps import MultilingualSitemap

CONTENT_APPS = [
    "website",
    "catalogue",
    "simulators",
    "support.notifications",
    "support.helpdesk",
    "support.status",
    "support.monitoring",
    "search",
]


def _app_urls(module):
    return [
        path("", include(f"{app}.{module}"))
        for app in CONTENT_APPS
        if find_spec(f"{app}.{module}") is not None
    ]


urlpatterns = [
    path("readyz", health.readyz, name="readyz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path("admin/login/", views.RateLimitedLoginView.as_view(), name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/v1/", include(_app_urls("api_urls"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", views.ApiDocsView.as_view(url_name="api-schema"), name="api-docs"),
    *_app_urls("root_urls"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    *_app_urls("urls"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = "website.errors.bad_request"
handler404 = "website.errors.page_not_found"
handler500 = "website.errors.server_error"
