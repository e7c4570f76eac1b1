from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from peoplelens.kit.time import utcnow
from peoplelens.models.base import Base, JSONType, TenantOwned, UTCDateTime, UUIDPrimaryKey


class AuditEntry(UUIDPrimaryKey, TenantOwned, Base):
    """Append-only. Holds ids and field names, never personal values (erasure-safe)."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_tenant_created", "tenant_id", "created_at", "id"),
        Index("ix_audit_tenant_action_created", "tenant_id", "action", "created_at"),
    )

    action: Mapped[str] = mapped_column(String(64))
    entity_type: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str | None] = mapped_column(String(64), default=None)
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid(), default=None)
    details: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
