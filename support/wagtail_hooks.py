"""Wagtail hooks of the support app: each sub-package registers its own on import."""

from support.maintenance import wagtail_hooks as maintenance_hooks  # noqa: F401
