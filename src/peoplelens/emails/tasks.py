"""The worker's e-mail service: every round it claims due messages and hands them to a small
pool of sending threads, never waiting for them — a server that hangs costs its deadline in
one thread, not a stalled worker round (tasks and webhooks share the round)."""

from __future__ import annotations

import logging
import ssl
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.emails import invitations as _invitation_tasks  # noqa: F401 — registers
from peoplelens.emails.sending import Outgoing, claim_due, prepare, record
from peoplelens.kit.mail.smtp import SendResult, send
from peoplelens.worker.registry import TaskContext, WorkerService, service

log = logging.getLogger("peoplelens.emails")


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

    def run_round(self) -> int:
        if self.server is None:
            return 0
        with self._lock:
            free = self.capacity - self._inflight
        claimed = claim_due(self.db, free, self.lease)
        if not claimed:
            return 0
        with self.db.read_session() as session:
            found = [prepare(session, self.settings, self.server_secret, i) for i in claimed]
        for item in found:
            if item is None:
                continue
            with self._lock:
                self._inflight += 1
            self.pool.submit(self._send_one, item)
        return len(claimed)

    def _send_one(self, item: Outgoing) -> None:
        try:
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
                record(session, self.settings, item, result)
                session.commit()
        except Exception:
            # The lease runs out and the message is tried again.
            log.exception("email.send_error", extra={"email_id": str(item.email_id)})
        finally:
            with self._lock:
                self._inflight -= 1

    def idle(self) -> bool:
        with self._lock:
            return self._inflight == 0

    def close(self) -> None:
        self.pool.shutdown(wait=True)


@service("emails.send")
def _send(db: Database, ctx: TaskContext) -> WorkerService:
    return Mailer(db, ctx.settings, ctx.server_secret)
