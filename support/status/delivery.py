"""Sending one maintenance message through the support notification outbox.

The outbox stores a row per message and delivers it with retries; its ``dedup_key`` makes a send
happen once even if a batch is retried. Maintenance renders its own texts (``messages/*.txt``) and
hands them over with the outbox's pass-through ``message`` template.
"""

from support.notifications.outbox import enqueue_email, enqueue_sms

TEMPLATE = "message"


def send_email(*, to, subject, body, language, dedup_key, source=None):
    return enqueue_email(
        to,
        TEMPLATE,
        language=language,
        context={"subject": subject, "body": body},
        dedup_key=dedup_key,
        source=source,
    )


def send_sms(*, to, text, language, dedup_key, source=None):
    return enqueue_sms(
        to, TEMPLATE, language=language, context={"body": text}, dedup_key=dedup_key, source=source
    )
