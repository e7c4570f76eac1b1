from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from peoplelens.kit.time import utcnow
from peoplelens.models.base import Base, JSONType, TenantOwned, UTCDateTime, UUIDPrimaryKey


class InboundEvent(UUIDPrimaryKey, TenantOwned, Base):
    """An ATS event received on ``/api/v1/inbound/{provider}``, by the provider's event id.

    A redelivery of a processed event answers ``answer`` again and changes nothing; a refused
    one (``outcome`` "rejected") is kept for the operator but runs again when the ATS retries.
    ``answer`` holds ids and outcomes only — never the payload, never the caller's token — and
    the rows go with the retention sweep's event window.
    """

    __tablename__ = "inbound_events"
    __table_args__ = (
        UniqueConstraint(
            "tenant_id", "provider", "event_id", name="uq_inbound_events_tenant_provider_event"
        ),
    )

    provider: Mapped[str] = mapped_column(String(32))
    event_id: Mapped[str] = mapped_column(String(200))
    event_type: Mapped[str] = mapped_column(String(100))
    # created | updated | unchanged | ignored | rejected
    outcome: Mapped[str] = mapped_column(String(16))
    answer: Mapped[dict[str, Any]] = mapped_column(JSONType)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
