"""Wagtail API v2 router (``/api/v2/``): pages, images and documents."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)


def only_public_api(endpoints):
    """drf-spectacular preprocessing hook: document our ``/api/v1/`` endpoints only."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
