from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, FetchedValue, Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from peoplelens.kit.time import utcnow
from peoplelens.models.base import Base, JSONType, TenantOwned, UTCDateTime, UUIDPrimaryKey


class Event(UUIDPrimaryKey, TenantOwned, Base):
    """The outbox: one row per event, written in the transaction of the change it describes.

    ``payload`` is frozen at write time. ``candidate_id`` names the candidate an event concerns
    (no foreign key: the row outlives the candidate) so that erasing a candidate can redact what
    earlier events said about them.
    """

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_tenant_created", "tenant_id", "created_at", "id"),
        Index("ix_events_candidate", "candidate_id"),
        Index("ix_events_undispatched", "dispatched_at", "created_at"),
        Index("ix_events_tenant_position", "tenant_id", "position", "created_at", "id"),
        Index(
            "ix_events_tenant_type_position", "tenant_id", "type", "position", "created_at", "id"
        ),
    )

    type: Mapped[str] = mapped_column(String(64))
    candidate_id: Mapped[uuid.UUID | None] = mapped_column(Uuid(), default=None)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Set when the worker has fanned the event out to the subscribed webhook endpoints.
    dispatched_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # The event feed's order, filled by the database on insert (migration 0014: the
    # transaction's id on PostgreSQL, the tenant's next number on SQLite) — never by us.
    position: Mapped[int | None] = mapped_column(BigInteger, server_default=FetchedValue())
