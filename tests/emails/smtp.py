"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives, or refuses it; a
server that accepts connections and never answers; and the worker's sending, run now."""

from __future__ import annotations

import socket
import ssl
import threading
import time
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from fastapi.testclient import TestClient
from pydantic import SecretStr

from peoplelens.config import Settings
from peoplelens.emails.tasks import Mailer


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Inbox:
    """aiosmtpd's handler: envelopes received, or the refusal it is told to answer."""

    def __init__(self) -> None:
        self.received: list[Envelope] = []
        self.rcpt_reply: str | None = None
        self.data_reply: str | None = None

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if self.rcpt_reply:
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.data_reply:
            return self.data_reply
        self.received.append(envelope)
        return "250 2.0.0 Ok: queued as TEST"

    def to(self, address: str) -> list[EmailMessage]:
        """The messages received for ``address``, parsed back."""
        out = []
        for envelope in self.received:
            if address in envelope.rcpt_tos:
                raw = envelope.content
                assert isinstance(raw, bytes)
                parsed = BytesParser(policy=policy.default).parsebytes(raw)
                assert isinstance(parsed, EmailMessage)
                out.append(parsed)
        return out


class SmtpServer:
    def __init__(self, *, tls_context: ssl.SSLContext | None = None, **kwargs: Any) -> None:
        self.inbox = Inbox()
        self.port = free_port()
        self.controller = Controller(
            self.inbox,
            hostname="127.0.0.1",
            port=self.port,
            tls_context=tls_context,
            **kwargs,
        )
        self.controller.start()

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}?starttls=off"

    def close(self) -> None:
        self.controller.stop()


class HangingServer:
    """Accepts connections and never says a word (not even the greeting)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted.append(conn)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def close(self) -> None:
        self.sock.close()
        for conn in self.accepted:
            conn.close()


def with_smtp(settings: Settings, url: str, **changes: Any) -> Settings:
    return settings.model_copy(update={"smtp_url": SecretStr(url), **changes})


def send_mail(
    client: TestClient,
    settings: Settings | None = None,
    *,
    tls_context: ssl.SSLContext | None = None,
    rounds: int = 200,
) -> int:
    """Sends the due outbox as the worker would (``settings``: the server's, with SMTP), until
    nothing is due and nothing is in flight; how many were claimed."""
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    mailer = Mailer(
        runtime.db, settings or runtime.settings, runtime.secret_key, tls_context=tls_context
    )
    claimed = 0
    try:
        for _ in range(rounds):
            step = mailer.run_round()
            claimed += step
            if not step and mailer.idle():
                break
            time.sleep(0.01)
    finally:
        mailer.close()
    return claimed
