"""Our production settings and middleware with the trivial reference view added to our URLs
(``bench.reference.site_urls``): the floor every page of ours pays."""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.reference.site_urls"
