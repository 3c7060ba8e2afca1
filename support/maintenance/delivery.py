"""Sending one message: through the support notification outbox when it is installed.

The outbox (``support.notifications``) stores a row per message and delivers it with retries; its
``dedup_key`` makes a send happen once even if a batch is retried. Without it (an older checkout),
messages go straight to Django's e-mail backend and the development SMS file.
"""

import json
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone

logger = logging.getLogger(__name__)


def _outbox():
    try:
        from support import notifications
    except ImportError:
        return None
    return notifications if hasattr(notifications, "enqueue_email") else None


def send_email(*, to, subject, body, language, dedup_key, headers=None):
    outbox = _outbox()
    if outbox is not None:
        return outbox.enqueue_email(
            to=to, subject=subject, body=body, language=language, dedup_key=dedup_key, headers=headers or {}
        )
    message = EmailMessage(subject=subject, body=body, to=[to], headers=headers or {})
    message.send(fail_silently=False)
    return None


def send_sms(*, to, text, language, dedup_key):
    outbox = _outbox()
    if outbox is not None:
        return outbox.enqueue_sms(to=to, text=text, language=language, dedup_key=dedup_key)
    directory = settings.SMS_OUTBOX_DIR
    directory.mkdir(parents=True, exist_ok=True)
    line = {"to": to, "text": text, "sender": settings.SMS_SENDER, "at": timezone.now().isoformat()}
    with open(directory / "sms.jsonl", "a", encoding="utf-8") as handle:
        handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return None
