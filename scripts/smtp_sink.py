#!/usr/bin/env python3
"""Local SMTP sink for development and integration tests.

Accepts every message on 127.0.0.1:10025 (by default) and stores it, unchanged,
as ``<dir>/<timestamp>-<counter>.eml``.  Files are written under a temporary
name and renamed, so a reader never sees a half-written message.

    .venv/bin/python scripts/smtp_sink.py --dir /var/tmp/vt-services/mail

Started and stopped by ``scripts/services up|down smtp``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import logging
import os
import signal
import time
from pathlib import Path

from aiosmtpd.controller import Controller

log = logging.getLogger("smtp_sink")


class FileSink:
    """aiosmtpd handler that writes each accepted message to a .eml file."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        name = f"{stamp}-{time.time_ns() % 1_000_000_000:09d}-{next(self._counter):06d}.eml"
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8")
        # Envelope data as headers the tests can read (like Postfix does).
        prefix = (
            f"X-Sink-Mail-From: {envelope.mail_from}\r\nX-Sink-Rcpt-To: {', '.join(envelope.rcpt_tos)}\r\n"
        ).encode()
        tmp = self.directory / f".{name}.tmp"
        tmp.write_bytes(prefix + content)
        os.replace(tmp, self.directory / name)
        log.info("stored %s from=%s to=%s", name, envelope.mail_from, envelope.rcpt_tos)
        return "250 Message accepted for delivery"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("VT_SMTP_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("VT_SMTP_PORT", "10025")))
    default_dir = os.environ.get("VT_MAIL_SINK_DIR", "/var/tmp/vt-services/mail")  # noqa: S108 (dev state dir)
    parser.add_argument("--dir", default=default_dir)
    parser.add_argument("--pidfile", default=None)
    args = parser.parse_args()

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    directory = Path(args.dir)
    directory.mkdir(parents=True, exist_ok=True)

    # Big messages (attachments) are fine: 50 MB limit, SMTPUTF8 for Cyrillic addresses.
    controller = Controller(
        FileSink(directory),
        hostname=args.host,
        port=args.port,
        data_size_limit=50 * 1024 * 1024,
        enable_SMTPUTF8=True,
        ready_timeout=10,
    )
    controller.start()
    if args.pidfile:
        Path(args.pidfile).write_text(f"{os.getpid()}\n")
    log.info("SMTP sink listening on %s:%s, writing to %s", args.host, args.port, directory)

    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        loop.run_until_complete(stop.wait())
    finally:
        controller.stop()
        if args.pidfile:
            with contextlib.suppress(FileNotFoundError):
                Path(args.pidfile).unlink()
        log.info("SMTP sink stopped")


if __name__ == "__main__":
    main()
