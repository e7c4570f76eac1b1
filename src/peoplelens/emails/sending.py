"""Sending the outbox: claim with a lease, compose, hand to SMTP outside any transaction,
record the attempt; retry with backoff or give up.

After a failed attempt the next one is due 1, 2, 4, 8, 16, 32… minutes later (±20 %, at most
6 h apart); after ``mail_max_attempts`` (default 8, about two hours) the message is
``failed``. A recipient refused for good (a 5xx to RCPT: no such mailbox) fails at once —
retrying cannot help and only hurts the sender's reputation; other refusals (AUTH, the sender,
the data) are usually the server's configuration and are retried like temporary ones.

A worker killed mid-send loses its lease and another sends again: at-least-once, with the same
``Message-ID`` on every copy so that receiving servers can drop the duplicate.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage

from cryptography.exceptions import InvalidTag
from sqlalchemy import select
from sqlalchemy.orm import Session

from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.kit.mail.compose import BadAddress, CalendarPart, Envelope, compose
from peoplelens.kit.mail.smtp import SendResult
from peoplelens.kit.repository import unscoped
from peoplelens.kit.retry import due, exponential, lock_for_claim
from peoplelens.kit.sealing import email_bodies
from peoplelens.kit.time import iso, utcnow
from peoplelens.models import Email

log = logging.getLogger("peoplelens.emails")


def next_delay(attempt: int) -> timedelta:
    return exponential(attempt, base=60, cap=6 * 3600, spread=0.2)


def claim_due(db: Database, limit: int, lease: timedelta) -> list[uuid.UUID]:
    """Claims up to ``limit`` due messages of every tenant (oldest due first)."""
    if limit <= 0:
        return []
    now = utcnow()
    with db.write_session() as session:
        stmt = unscoped(  # the worker serves every tenant's outbox
            select(Email)
            .where(
                due(Email, ready="queued", busy="sending", due_at=Email.next_attempt_at, now=now)
            )
            .order_by(Email.next_attempt_at, Email.id)
            .limit(limit)
        )
        claimed = []
        for row in session.scalars(lock_for_claim(stmt, is_sqlite=db.is_sqlite)):
            row.status = "sending"
            row.locked_until = now + lease
            row.updated_at = now
            claimed.append(row.id)
        session.commit()
        return claimed


@dataclass(frozen=True)
class Outgoing:
    email_id: uuid.UUID
    sender: str
    recipient: str
    message: EmailMessage | None
    refusal: str | None  # why it cannot be sent at all (no attempt will ever succeed)


def prepare(
    session: Session, settings: Settings, server_secret: bytes, email_id: uuid.UUID
) -> Outgoing | None:
    """The MIME message of one claimed row (read only; nothing held while it is sent)."""
    row = session.get(Email, email_id)
    if row is None or row.status != "sending":
        return None
    sender = settings.mail_sender()
    try:
        body = json.loads(email_bodies(server_secret).open(row.body_sealed))
        calendar = CalendarPart(body["ics"], body["ics_method"]) if body.get("ics") else None
        envelope = Envelope(
            from_name=row.from_name,
            from_address=sender,
            to_name=row.to_name,
            to_address=row.to_address,
            reply_to=row.reply_to,
            subject=row.subject,
            message_id=f"eml-{row.id}@{sender.rpartition('@')[2]}",
            date=utcnow(),
        )
        message = compose(envelope, text=body["text"], html=body["html"], calendar=calendar)
    except (InvalidTag, ValueError, KeyError) as exc:
        # The server secret changed (the body cannot be opened), or an address went bad.
        reason = "cannot be composed: " + (
            str(exc) if isinstance(exc, BadAddress) else type(exc).__name__
        )
        return Outgoing(email_id, sender, row.to_address, None, reason[:300])
    return Outgoing(email_id, sender, row.to_address, message, None)


def record(session: Session, settings: Settings, item: Outgoing, result: SendResult) -> str:
    """Writes the attempt and decides what comes next (in the caller's transaction)."""
    row = session.get(Email, item.email_id)
    if row is None:
        return "gone"  # erased with its candidate while it was being sent
    now = utcnow()
    row.attempts += 1
    row.locked_until = None
    row.updated_at = now
    if result.ok:
        row.status, outcome = "sent", "sent"
        row.sent_at = now
        row.smtp_response = result.detail
        row.last_error = None
    else:
        row.last_error = result.detail
        give_up = result.permanent or row.attempts >= settings.mail_max_attempts
        if give_up:
            row.status, outcome = "failed", "failed"
        else:
            row.status, outcome = "queued", "retry"
            row.next_attempt_at = now + next_delay(row.attempts)
    row.log = [*row.log, {"at": iso(now), "outcome": outcome, "detail": result.detail}]
    log.info(
        "email.attempt",
        extra={"email_id": str(row.id), "kind": row.kind, "result": row.status},
    )
    return row.status
