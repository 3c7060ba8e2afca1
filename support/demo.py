"""Demo content of the support app (called by ``manage.py load_demo``)."""

from support.maintenance import demo as maintenance_demo


def load(ctx):
    maintenance_demo.load(ctx)
