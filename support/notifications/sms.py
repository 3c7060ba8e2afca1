"""SMS gateways behind one small interface, chosen by ``settings.SMS_BACKEND`` ("console" or "http")."""

import json
import threading
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings


class SmsError(Exception):
    """The gateway did not accept the message; the outbox retries later."""


class SmsGateway:
    """Sends one text message to one E.164 number."""

    def send(self, phone: str, text: str) -> None:
        raise NotImplementedError


class ConsoleSmsGateway(SmsGateway):
    """Development gateway: appends one JSON line per message to ``SMS_OUTBOX_DIR/sms.jsonl``."""

    _lock = threading.Lock()

    def __init__(self, directory: Path | str | None = None):
        self.directory = Path(directory or settings.SMS_OUTBOX_DIR)

    @property
    def path(self) -> Path:
        return self.directory / "sms.jsonl"

    def send(self, phone: str, text: str) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        line = json.dumps(
            {
                "to": phone,
                "sender": settings.SMS_SENDER,
                "text": text,
                "at": datetime.now(UTC).isoformat(),
            },
            ensure_ascii=False,
        )
        with self._lock, self.path.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")

    def read(self) -> list[dict]:
        """Every message written so far (tests and the demo read this)."""
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines() if line]


class HttpSmsGateway(SmsGateway):
    """Real adapter: POSTs JSON ``{login, password, sender, to, text}`` to ``SMS_GATEWAY_URL``.

    Any non-2xx answer, timeout or connection error raises ``SmsError``.
    """

    def __init__(self, url=None, login=None, password=None, sender=None, timeout=None):
        self.url = url or settings.SMS_GATEWAY_URL
        self.login = login if login is not None else settings.SMS_GATEWAY_LOGIN
        self.password = password if password is not None else settings.SMS_GATEWAY_PASSWORD
        self.sender = sender or settings.SMS_SENDER
        self.timeout = timeout or getattr(settings, "SMS_GATEWAY_TIMEOUT", 10)
        if not self.url or not self.url.startswith(("http://", "https://")):
            raise SmsError("SMS_GATEWAY_URL must be an http(s) URL")

    def send(self, phone: str, text: str) -> None:
        payload = json.dumps(
            {"login": self.login, "password": self.password, "sender": self.sender, "to": phone, "text": text}
        ).encode()
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked in __init__
            self.url, data=payload, method="POST", headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                status = response.status
        except urllib.error.HTTPError as exc:
            raise SmsError(f"gateway answered HTTP {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise SmsError(f"gateway unreachable: {exc}") from exc
        if not 200 <= status < 300:
            raise SmsError(f"gateway answered HTTP {status}")


def get_sms_gateway() -> SmsGateway:
    backend = getattr(settings, "SMS_BACKEND", "console")
    if backend == "http":
        return HttpSmsGateway()
    if backend == "console":
        return ConsoleSmsGateway()
    raise SmsError(f"unknown SMS_BACKEND {backend!r}")
