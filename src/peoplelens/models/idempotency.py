from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from peoplelens.kit.time import utcnow
from peoplelens.models.base import Base, TenantOwned, UTCDateTime, UUIDPrimaryKey


class IdempotencyRecord(UUIDPrimaryKey, TenantOwned, Base):
    """The first answer to a POST with an ``Idempotency-Key``, stored with its change.

    It belongs to the caller that made it (an API key, a signed-in user), not to the whole
    tenant: another caller's same key is simply a new request. The answer is kept sealed
    (AES-GCM, ``kit/sealing.py``) because it may carry a secret shown once — an API key, a
    webhook signing secret, a booking link — and purged after 24 h.
    """

    __tablename__ = "idempotency_records"
    __table_args__ = (
        UniqueConstraint("tenant_id", "caller", "key", name="uq_idempotency_tenant_caller_key"),
    )

    # "key-<uuid>", "usr-<uuid>" or "system:<via>" (Principal.caller).
    caller: Mapped[str] = mapped_column(String(120))
    key: Mapped[str] = mapped_column(String(255))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column()
    sealed_body: Mapped[str] = mapped_column(Text)
    content_type: Mapped[str] = mapped_column(String(100))
    # The public ids the answer names (space-separated), so erasure can drop the records that
    # mention a person without opening every sealed answer.
    mentions: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
