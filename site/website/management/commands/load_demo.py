"""``manage.py load_demo``: idempotent demo content in Russian and English.

The site structure comes first from ``bootstrap_site`` (the same code, so demo and production pages
never differ); then each content app's ``<app>.demo.load(ctx)`` adds its demo content in dependency
order when the module exists. Refuses to run where ``DEMO_DATA_ALLOWED`` is off (production).
"""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from website.bootstrap import bootstrap_site
from website.demo.context import DemoContext

APP_LOADERS = ["catalogue", "simulators", "support.status", "support.helpdesk", "search"]


class Command(BaseCommand):
    help = "Load (or refresh) the demo content in Russian and English."

    def add_arguments(self, parser):
        parser.add_argument(
            "--simulators",
            type=int,
            default=None,
            help="Generate this many extra trainers (benchmarks: 1000, 10000).",
        )
        parser.add_argument(
            "--release-notes",
            type=int,
            default=None,
            help="Generate this many extra release notes (benchmarks).",
        )

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", True):
            raise CommandError("Demo data is disabled in this environment (DEMO_DATA_ALLOWED).")
        ctx = DemoContext(stdout=self.stdout, options=options)
        bootstrap_site(ctx)
        for app in APP_LOADERS:
            if find_spec(f"{app}.demo") is not None:
                import_module(f"{app}.demo").load(ctx)
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
