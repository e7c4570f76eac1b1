"""The worker's e-mail service: each round claims due messages for the idle ones of a small
pool of sending threads and never waits for them — a server that hangs costs its deadline in
one thread, not a stalled worker round (tasks and webhooks share the round)."""

from __future__ import annotations

import logging
import ssl
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.emails import invitations as _invitation_tasks  # noqa: F401 — registers
from peoplelens.emails.sending import claim_due, prepare, record
from peoplelens.kit.mail.smtp import SendResult, send
from peoplelens.kit.metrics import EMAILS
from peoplelens.worker.registry import TaskContext, WorkerService, service

log = logging.getLogger("peoplelens.emails")


# An attempt's new status, as the e-mail metric names the outcome.
_OUTCOMES = {"sent": "sent", "queued": "retrying", "failed": "failed", "gone": "gone"}


class Mailer:
    """Sends the outbox through the configured SMTP server; without one it does nothing, and
    messages stay ``queued`` (and are sent once the server is configured)."""

    def __init__(
        self,
        db: Database,
        settings: Settings,
        server_secret: bytes,
        *,
        tls_context: ssl.SSLContext | None = None,
    ) -> None:
        self.db = db
        self.settings = settings
        self.server_secret = server_secret
        self.server = settings.smtp_server()
        self.tls_context = tls_context
        # Long enough that a live sender always finishes first (its deadline is the timeout).
        self.lease = timedelta(seconds=settings.mail_timeout_seconds * 2 + 10)
        self.capacity = settings.mail_concurrency
        self.pool = ThreadPoolExecutor(max_workers=self.capacity, thread_name_prefix="mail")
        self._inflight = 0
        self._lock = threading.Lock()
        self._closing = threading.Event()

    def run_round(self) -> int:
        if self.server is None:
            return 0
        with self._lock:
            free = self.capacity - self._inflight
        claimed = claim_due(self.db, free, self.lease)
        for email_id in claimed:
            with self._lock:
                self._inflight += 1
            self.pool.submit(self._sender, email_id)
        return len(claimed)

    def _sender(self, email_id: uuid.UUID | None) -> None:
        """Sends the claimed message, then claims the next due one itself, until none is due:
        a busy outbox drains at the senders' pace, not at the worker's poll interval."""
        try:
            while email_id is not None and not self._closing.is_set():
                self._send_one(email_id)
                email_id = next(iter(claim_due(self.db, 1, self.lease)), None)
        except Exception:
            # Whatever was claimed waits for its lease to run out, then is tried again.
            log.exception("email.sender_error")
        finally:
            with self._lock:
                self._inflight -= 1

    def _send_one(self, email_id: uuid.UUID) -> None:
        with self.db.read_session() as session:
            item = prepare(session, self.settings, self.server_secret, email_id)
        if item is None:
            return
        if item.message is None or self.server is None:
            result = SendResult(False, True, None, item.refusal or "not sent")
        else:
            result = send(
                self.server,
                item.message,
                sender=item.sender,
                recipient=item.recipient,
                timeout=self.settings.mail_timeout_seconds,
                tls_context=self.tls_context,
            )
        with self.db.write_session() as session:
            status = record(session, self.settings, item, result)
            session.commit()
        EMAILS.labels(_OUTCOMES.get(status, status)).inc()

    def idle(self) -> bool:
        with self._lock:
            return self._inflight == 0

    def close(self) -> None:
        self._closing.set()
        self.pool.shutdown(wait=True)


@service("emails.send")
def _send(db: Database, ctx: TaskContext) -> WorkerService:
    return Mailer(db, ctx.settings, ctx.server_secret)
