"""The platform's notification outbox (e-mail and SMS), shared by fault reports and maintenance notices.

A Django app (label ``notifications``) that imports nothing of ``support.helpdesk`` or ``support.status``.
It also owns the one phone-number rule of the platform (:mod:`support.notifications.phones`), the
``deliver_outbox`` command, the outbox listing in the admin and the ``outbox`` component of ``/readyz``.

Public API (import from ``support.notifications.outbox``)::

    enqueue(*, channel, recipient, template, language=None, context=None, dedup_key=None, source=None)
        -> OutboxMessage | None
    enqueue_email(recipient, template, *, language=None, context=None, dedup_key=None, source=None)
        -> OutboxMessage | None
    enqueue_sms(phone, template, *, language=None, context=None, dedup_key=None, source=None)
        -> OutboxMessage | None
    with delivered_together(task=None, **kwargs): ...  # messages enqueued inside share one task
    deliver_due(limit=500) -> DeliveryStats          # what the ``deliver_outbox`` command runs
    deliver_message(message_id) -> str               # one row; returns its status afterwards

    support.notifications.phones.normalize_phone(value, region=None) -> str   # E.164 or ValueError
                                       # (region None: settings.PHONE_DEFAULT_REGION)
    support.notifications.sms.get_sms_gateway() -> SmsGateway                  # per settings.SMS_BACKEND

``enqueue*`` write the row inside the caller's transaction (call them inside ``transaction.atomic``
together with the change they announce) and schedule delivery in step with it: with the database task
queue (production) the task row is written in the same transaction, with any other task backend the task
is sent by ``transaction.on_commit``. A rolled-back change never sends anything and a committed one is
never lost: when the task fails or no worker runs, ``manage.py deliver_outbox`` (run it periodically)
picks up every due row.

Subject and body are rendered at enqueue time, in the row's language (the site's default language
when none is given), from
``support/notifications/<template>.<lang>.subject.txt`` + ``.body.txt`` (e-mail) or ``.sms.txt`` (SMS),
with ``context`` (JSON-serialisable) as the template context. ``dedup_key`` is unique: a second enqueue
with the same key returns ``None`` and queues nothing ("once per notice revision, never twice").
``source`` is any model instance the message is about (stored as a generic relation).
"""
