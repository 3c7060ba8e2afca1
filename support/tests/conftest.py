# The cross-app tests use the status app's fixtures (notices) together with the shared ones.
from support.status.tests.conftest import announce_at_once, make_notice, status  # noqa: F401
