"""Incident updates reach the subscribers who chose them, in their language, through the outbox."""

import pytest
from django.utils import timezone

from support.monitoring.models import Component
from support.notifications.models import OutboxMessage
from support.status import incidents, notify
from support.status.models import Subscriber

pytestmark = pytest.mark.django_db


def subscriber(**fields):
    fields.setdefault("consent_at", timezone.now())
    components = fields.pop("components", [])
    trainers = fields.pop("trainers", [])
    made = Subscriber.objects.create(**fields)
    made.components.set(components)
    made.trainers.set(trainers)
    return made


@pytest.fixture
def audience(trainer):
    """Who follows what: everything, the crane (chosen in English), search, storage, nothing live."""
    ru, en = trainer
    search, storage = Component.objects.create(code="search"), Component.objects.create(code="storage")
    confirmed = timezone.now()
    return {
        "all": subscriber(email="all@example.com", email_confirmed_at=confirmed, language="en"),
        "crane": subscriber(phone="+79123456789", language="ru", all_trainers=False, trainers=[en]),
        "search": subscriber(
            email="search@example.com",
            email_confirmed_at=confirmed,
            language="en",
            all_trainers=False,
            components=[search],
        ),
        "storage": subscriber(
            email="storage@example.com",
            email_confirmed_at=confirmed,
            language="ru",
            all_trainers=False,
            components=[storage],
        ),
        "gone": subscriber(email="gone@example.com", email_confirmed_at=confirmed, unsubscribed_at=confirmed),
        "components": {"search": search, "storage": storage},
        "trainer": ru,
    }


def _recipients():
    return sorted(OutboxMessage.objects.values_list("recipient", flat=True))


def test_an_update_reaches_only_the_matching_subscribers_in_their_language(
    audience, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        incident = incidents.open_incident(
            title_ru="Поиск не работает",
            title_en="Search is down",
            impact="partial",
            message_ru="Выясняем.",
            message_en="Investigating.",
            components=[audience["components"]["search"]],
        )
    assert _recipients() == ["all@example.com", "search@example.com"]
    english = OutboxMessage.objects.get(recipient="search@example.com")
    assert english.subject == "Investigating: Search is down"
    assert "Investigating." in english.body and f"/en/incidents/{incident.pk}/" in english.body
    assert "/maintenance/unsubscribe/" in english.body

    OutboxMessage.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        incidents.post_update(incident, "resolved", "Поиск снова работает.", "Search works again.")
    assert _recipients() == ["all@example.com", "search@example.com"]
    assert OutboxMessage.objects.get(recipient="all@example.com").subject == "Resolved: Search is down"


def test_a_trainer_incident_reaches_its_followers_in_either_language(audience):
    incident = incidents.open_incident(
        title_ru="Кран не запускается",
        title_en="Crane does not start",
        impact="degraded",
        message_ru="Выясняем.",
        message_en="Investigating.",
        trainers=[audience["trainer"]],
    )
    assert notify.incident_update(incident.updates.get()) == 2
    sms = OutboxMessage.objects.get(channel="sms")
    assert sms.recipient == "+79123456789"
    assert sms.body.startswith("VT Platform: Выясняем причину: Кран не запускается.")
    # Sent again (a retried task): the outbox keeps one message per update and subscriber.
    notify.incident_update(incident.updates.get())
    assert OutboxMessage.objects.count() == 2


def test_a_user_facing_component_concerns_every_trainer_follower(audience):
    incident = incidents.open_incident(
        title_ru="Хранилище",
        title_en="Storage",
        impact="partial",
        message_ru="м",
        message_en="m",
        components=[audience["components"]["storage"]],
    )
    notify.incident_update(incident.updates.get())
    assert _recipients() == ["+79123456789", "all@example.com", "storage@example.com"]


def test_an_incident_naming_nothing_concerns_everyone_subscribed(audience):
    incident = incidents.open_incident(
        title_ru="Всё", title_en="All", impact="major", message_ru="м", message_en="m"
    )
    notify.incident_update(incident.updates.get())
    assert _recipients() == ["+79123456789", "all@example.com", "search@example.com", "storage@example.com"]


def test_the_subscription_form_takes_services(client, status):
    Component.objects.create(code="search")
    Component.objects.create(code="database")  # internal: not offered
    html = client.get("/en/status/").content.decode()
    assert 'name="components"' in html and "Search" in html and "Database" not in html
    search = Component.objects.get(code="search")
    response = client.post(
        "/en/maintenance/subscribe/",
        {"phone": "+79123456780", "all_trainers": "0", "components": [search.pk], "consent": "on"},
    )
    assert response.status_code == 200
    made = Subscriber.objects.get(phone="+79123456780")
    assert list(made.components.all()) == [search] and not made.all_trainers
    refused = client.post(
        "/en/maintenance/subscribe/", {"phone": "+79123456781", "all_trainers": "0", "consent": "on"}
    )
    assert refused.status_code == 400 and "at least one trainer or service" in refused.content.decode()
    database = Component.objects.get(code="database")
    bad = client.post(
        "/en/maintenance/subscribe/",
        {"phone": "+79123456782", "all_trainers": "0", "components": [database.pk], "consent": "on"},
    )
    assert bad.status_code == 400 and not Subscriber.objects.filter(phone="+79123456782").exists()
