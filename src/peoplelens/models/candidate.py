from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from peoplelens.models.base import Base, JSONType, TenantOwned, Timestamps, UUIDPrimaryKey


class Candidate(UUIDPrimaryKey, TenantOwned, Timestamps, Base):
    __tablename__ = "candidates"
    __table_args__ = (
        UniqueConstraint("tenant_id", "email_normalized", name="uq_candidates_tenant_email"),
        UniqueConstraint("tenant_id", "external_id", name="uq_candidates_tenant_external_id"),
        Index("ix_candidates_tenant_created", "tenant_id", "created_at", "id"),
        Index("ix_candidates_tenant_job", "tenant_id", "job_id"),
    )

    first_name: Mapped[str] = mapped_column(String(200))
    last_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320))
    # Lower-cased e-mail: the uniqueness key (addresses are case-insensitive in practice).
    email_normalized: Mapped[str] = mapped_column(String(320))
    status: Mapped[str] = mapped_column(String(16), default="active")
    stage: Mapped[str] = mapped_column(String(64), default="applied")
    # RESTRICT: a job is closed, not deleted, while candidates point at it.
    job_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid(), ForeignKey("jobs.id", ondelete="RESTRICT"), default=None
    )
    external_id: Mapped[str | None] = mapped_column(String(200), default=None)
    metadata_: Mapped[dict[str, Any]] = mapped_column("metadata", JSONType, default=dict)
    phone: Mapped[str | None] = mapped_column(String(50), default=None)
    linkedin_url: Mapped[str | None] = mapped_column(String(500), default=None)
