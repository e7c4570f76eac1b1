from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from peoplelens.kit.time import utcnow
from peoplelens.models.base import Base, JSONType, UTCDateTime, UUIDPrimaryKey


class Tenant(UUIDPrimaryKey, Base):
    __tablename__ = "tenants"

    slug: Mapped[str] = mapped_column(String(63), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # None: no cap. Checked on single and bulk candidate creation.
    candidate_quota: Mapped[int | None] = mapped_column(default=None)
    # None: the service-wide default (PEOPLELENS_RATE_LIMIT_PER_MINUTE).
    rate_limit_per_minute: Mapped[int | None] = mapped_column(default=None)
    pipeline_stages: Mapped[list[str]] = mapped_column(JSONType)
    # E-mail (spec §13): the sender's display name (None: the tenant's name) and Reply-To.
    mail_from_name: Mapped[str | None] = mapped_column(String(100), default=None)
    mail_reply_to: Mapped[str | None] = mapped_column(String(320), default=None)
    # Retention windows (spec §11); None: the service-wide default (PEOPLELENS_*_RETENTION_*).
    idempotency_retention_hours: Mapped[int | None] = mapped_column(default=None)
    event_retention_days: Mapped[int | None] = mapped_column(default=None)
    task_retention_days: Mapped[int | None] = mapped_column(default=None)
    email_retention_days: Mapped[int | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class TenantCounter(Base):
    """The tenant's candidate count, kept exact by the transactions that create and erase
    candidates (their only paths), so the quota check and an unfiltered list's `total` need no
    count(*) over the tenant's rows (~26 ms per page at 500k candidates on PostgreSQL).

    Its own table, not a column of ``tenants``: every row insert checks its foreign key to
    ``tenants``, and on PostgreSQL a constantly updated tenant row made those checks walk ever
    longer chains of dead row versions (bulk inserts fell from ~3,900 to ~400 rows/s).
    """

    __tablename__ = "tenant_counters"

    tenant_id: Mapped[uuid.UUID] = mapped_column(
        Uuid(), ForeignKey("tenants.id", ondelete="CASCADE"), primary_key=True
    )
    candidate_count: Mapped[int] = mapped_column(default=0, server_default="0")


class ApiKey(UUIDPrimaryKey, Base):
    __tablename__ = "api_keys"

    tenant_id: Mapped[uuid.UUID] = mapped_column(
        Uuid(), ForeignKey("tenants.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(String(32))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
