"""Fixtures of the site-wide tests."""

import io

import pytest
from django.core.management import call_command


@pytest.fixture
def demo_site(db, settings):
    """The demo site (every page type, builds, notices; its first build returned), with the report rate
    limits out of the way so that every request reaches validation."""
    from simulators.models import SimulatorBuild

    settings.SUPPORT_RATE_PER_IP = "100000/m"
    settings.SUPPORT_RATE_PER_PHONE = "100000/m"
    call_command("load_demo", stdout=io.StringIO())
    return SimulatorBuild.objects.order_by("pk").first()
