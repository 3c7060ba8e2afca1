"""Pages that show a form or what a visitor just sent."""

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control


class PrivatePageMixin:
    """For page models whose responses carry a CSRF token or personal data: rendered fresh for each
    visitor and kept by no shared cache (nor by the whole-page cache, which honours ``private``)."""

    def render_private(self, request, context, status=200):
        response = render(request, self.template, {"page": self, "self": self, **context}, status=status)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        return response
