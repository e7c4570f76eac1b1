from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from peoplelens.kit.time import utcnow
from peoplelens.models.base import Base, JSONType, TenantOwned, UTCDateTime, UUIDPrimaryKey


class Email(UUIDPrimaryKey, TenantOwned, Base):
    """One message to one recipient: written in the transaction that causes it (the outbox),
    sent by the worker (``emails/sending.py``).

    The bodies hold credentials (a booking link, a set-password link), so they are sealed at
    rest (``kit/sealing.email_bodies``) and never leave through the API; subject and address
    stay readable for the log. A message about a candidate — the interviewer's copy of an
    invite too — carries ``candidate_id``, so the candidate's erasure erases it.
    """

    __tablename__ = "emails"
    __table_args__ = (
        Index("ix_emails_due", "status", "next_attempt_at"),
        Index("ix_emails_tenant_created", "tenant_id", "created_at", "id"),
    )

    candidate_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid(), ForeignKey("candidates.id", ondelete="CASCADE"), index=True, default=None
    )
    # The person it was sent to (a user invitation, an interviewer's invite): their mail goes
    # with them.
    user_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid(), ForeignKey("users.id", ondelete="CASCADE"), index=True, default=None
    )
    plan_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid(), ForeignKey("interview_plans.id", ondelete="CASCADE"), default=None
    )
    step_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid(), ForeignKey("interview_steps.id", ondelete="SET NULL"), default=None
    )
    kind: Mapped[str] = mapped_column(String(32))
    to_address: Mapped[str] = mapped_column(String(320))
    to_name: Mapped[str | None] = mapped_column(String(200), default=None)
    from_name: Mapped[str | None] = mapped_column(String(100), default=None)
    reply_to: Mapped[str | None] = mapped_column(String(320), default=None)
    subject: Mapped[str] = mapped_column(String(250))
    # {"text", "html", "ics", "ics_method"} as JSON, sealed.
    body_sealed: Mapped[str] = mapped_column(Text)
    # queued → sending → sent | failed (attempts exhausted, or the recipient refused for good)
    status: Mapped[str] = mapped_column(String(16), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    last_error: Mapped[str | None] = mapped_column(String(300), default=None)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # The server's answer to the accepted message ("250 2.0.0 Ok: queued as …").
    smtp_response: Mapped[str | None] = mapped_column(String(300), default=None)
    # Every attempt: [{"at", "outcome": "sent" | "retry" | "failed", "detail"}].
    log: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
