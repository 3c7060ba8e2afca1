"""Template tags for the trainer page: ``{% load simulators_tags %}{% trainer_builds page %}``."""

from django import template
from django.contrib.auth.models import AnonymousUser

from simulators.context import trainer_release_context

register = template.Library()


@register.inclusion_tag("simulators/includes/trainer_builds.html", takes_context=True)
def trainer_builds(context, page):
    """Current published builds (download / launch demo buttons) and the latest release notes."""
    return {**trainer_release_context(page), "user": context.get("user"), "request": context.get("request")}


@register.simple_tag
def trainer_current_version(page):
    """The highest current version among the trainer's published builds, or ``""``."""
    return trainer_release_context(page)["current_version"]


@register.filter
def available_to(build, user):
    """``{% if build|available_to:user %}``: whether the user may download or play the build."""
    return build.is_available_to(user or AnonymousUser())
