"""``manage.py bootstrap_site``: the site's structure in Russian and English, safe in production.

See ``website.bootstrap``. Idempotent: run it after every ``migrate`` (the Docker entrypoint does with
``VT_BOOTSTRAP=1``); a second run changes nothing.
"""

from django.core.management.base import BaseCommand

from website.bootstrap import bootstrap_site
from website.demo.context import DemoContext


class Command(BaseCommand):
    help = "Create the locales, the site, its page tree and the roles (no demo content)."

    def handle(self, *args, **options):
        bootstrap_site(DemoContext(stdout=self.stdout))
        self.stdout.write(self.style.SUCCESS("The site structure is in place."))
