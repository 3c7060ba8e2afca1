import pytest


@pytest.fixture(autouse=True)
def sms_dir(settings, tmp_path):
    """Every test gets its own development SMS file."""
    settings.SMS_BACKEND = "console"
    settings.SMS_OUTBOX_DIR = tmp_path / "sms"
    return settings.SMS_OUTBOX_DIR


@pytest.fixture
def sms_sent(sms_dir):
    from support.notifications.sms import ConsoleSmsGateway

    return lambda: ConsoleSmsGateway(sms_dir).read()
