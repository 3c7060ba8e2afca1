"""System checks of the simulators app."""

from django.conf import settings
from django.core.checks import Error, register


@register(deploy=True)
def signing_key_check(app_configs, **kwargs):
    """Production signs update manifests with a key of its own: one derived from ``SECRET_KEY`` would
    change with it, and devices would refuse every manifest after a key rotation they were not given."""
    if settings.UPDATES_SIGNING_KEY:
        return []
    return [
        Error(
            "UPDATES_SIGNING_KEY is not set: update manifests are signed with a key derived from SECRET_KEY.",
            hint='Set it to 32 random bytes in base64 (python -c "import base64, os; '
            'print(base64.b64encode(os.urandom(32)).decode())") and give the trainers its public key '
            "(/api/v1/updates/public-key).",
            id="simulators.E001",
        )
    ]
