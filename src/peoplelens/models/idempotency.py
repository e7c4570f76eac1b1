from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from peoplelens.kit.time import utcnow
from peoplelens.models.base import Base, TenantOwned, UTCDateTime, UUIDPrimaryKey


class IdempotencyRecord(UUIDPrimaryKey, TenantOwned, Base):
    """The first response to a POST with an ``Idempotency-Key``, stored with its change."""

    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("tenant_id", "key", name="uq_idempotency_tenant_key"),)

    key: Mapped[str] = mapped_column(String(255))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column()
    # The JSON response as text, so erasure can find and drop records that mention a person.
    body: Mapped[str] = mapped_column(Text)
    content_type: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
