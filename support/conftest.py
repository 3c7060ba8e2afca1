import email
import os
from email.policy import default as default_policy
from pathlib import Path

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


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with empty caches: rate-limit counters and cached entries (shared and
    per-process) left by an earlier test would refer to its rolled-back rows."""
    from django.core.cache import cache

    from core.cache import forget_local

    cache.clear()
    forget_local()


@pytest.fixture(autouse=True)
def generous_rates(settings):
    """Rate limits are tested explicitly; everywhere else they must not interfere."""
    settings.SUPPORT_RATE_PER_IP = "1000/m"
    settings.SUPPORT_RATE_PER_PHONE = "1000/m"


@pytest.fixture
def file_report(db, django_capture_on_commit_callbacks):
    """Files a minimal valid report through the intake service, and runs what follows its commit (the
    acknowledgements and the background triage: hints, incident link, on-call alert); keyword
    arguments override fields."""
    from support.helpdesk.services import submit_report

    def file(uin, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            report, _token = submit_report(
                **{
                    "full_name": "A B",
                    "uin": uin,
                    "phone": "+79161234567",
                    "description": "x" * 20,
                    "language": "ru",
                }
                | fields
            )
        report.refresh_from_db()
        return report

    return file


@pytest.fixture
def support_pages(site_shell):
    """A SupportPage under each home plus one live trainer per language."""
    from catalogue.models import CatalogueIndexPage, SimulatorPage
    from support.helpdesk.models import SupportPage

    pages = {}
    trainers = {}
    for lang, home in site_shell.homes.items():
        page = SupportPage(
            title="Поддержка" if lang == "ru" else "Support",
            slug="support",
            consent_text="<p>Согласие 152-ФЗ</p>" if lang == "ru" else "<p>Consent</p>",
            intro="<p>intro</p>",
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        pages[lang] = page
        index = CatalogueIndexPage(title="Каталог" if lang == "ru" else "Catalogue", slug="catalogue")
        home.add_child(instance=index)
        trainer = SimulatorPage(title=f"Trainer {lang}", slug="trainer", summary="s")
        index.add_child(instance=trainer)
        trainer.save_revision().publish()
        trainers[lang] = trainer
    return pages, trainers


VALID = {
    "full_name": "Иванов Иван Иванович",
    "uin": "UIN-12345",
    "phone": "8 916 123-45-67",
    "email": "learner@example.com",
    "description": "Тренажёр не запускается после обновления",
    "consent": "on",
}


@pytest.fixture
def valid_data():
    return dict(VALID)


@pytest.fixture
def smtp_sink(settings):
    """Mail goes to the stack's SMTP sink (``scripts/services``); returns a reader of the messages it
    stored for one address (matched in the headers), oldest first."""
    directory = os.environ.get("VT_MAIL_SINK_DIR")
    assert settings.EMAIL_HOST and directory, "needs the SMTP sink (scripts/services env)"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

    def mails_to(address):
        found = []
        for path in sorted(Path(directory).glob("*.eml")):
            raw = path.read_bytes()
            if address.encode() in raw.split(b"\r\n\r\n", 1)[0]:
                found.append(email.message_from_bytes(raw, policy=default_policy))
        return found

    return mails_to
