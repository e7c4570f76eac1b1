from __future__ import annotations

from sqlalchemy import Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from peoplelens.models.base import Base, TenantOwned, Timestamps, UUIDPrimaryKey


class Job(UUIDPrimaryKey, TenantOwned, Timestamps, Base):
    __tablename__ = "jobs"
    __table_args__ = (
        Index("ix_jobs_tenant_created", "tenant_id", "created_at", "id"),
        # An ATS's id for the opening (inbound webhooks upsert by it); unique when set.
        UniqueConstraint("tenant_id", "external_id", name="uq_jobs_tenant_external_id"),
    )

    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text, default=None)
    department: Mapped[str | None] = mapped_column(String(200), default=None)
    status: Mapped[str] = mapped_column(String(16), default="active")
    location: Mapped[str | None] = mapped_column(String(200), default=None)
    employment_type: Mapped[str | None] = mapped_column(String(50), default=None)
    external_id: Mapped[str | None] = mapped_column(String(200), default=None)
