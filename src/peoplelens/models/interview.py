from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from peoplelens.models.base import (
    Base,
    CandidateOwned,
    JSONType,
    TenantOwned,
    Timestamps,
    UTCDateTime,
    UUIDPrimaryKey,
)


class InterviewPlan(UUIDPrimaryKey, TenantOwned, CandidateOwned, Timestamps, Base):
    __tablename__ = "interview_plans"
    __table_args__ = (
        Index("ix_plans_tenant_created", "tenant_id", "created_at", "id"),
        # The status poll's "latest plan of this candidate": equality on both leading columns
        # and the sort order in the index, so it is one index probe at any size.
        Index("ix_plans_tenant_candidate_created", "tenant_id", "candidate_id", "created_at", "id"),
    )

    job_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid(), ForeignKey("jobs.id", ondelete="RESTRICT"), default=None, index=True
    )
    status: Mapped[str] = mapped_column(String(16), default="active")
    # Kept by the step service so status polls read one row.
    total_steps: Mapped[int] = mapped_column(Integer, default=0)
    completed_steps: Mapped[int] = mapped_column(Integer, default=0)
    started: Mapped[bool] = mapped_column(default=False)
    decision: Mapped[str | None] = mapped_column(String(32), default=None)
    decision_notes: Mapped[str | None] = mapped_column(Text, default=None)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # When the candidate agreed to an AI-led interview (the booking page's disclosure).
    consented_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


class InterviewStep(UUIDPrimaryKey, TenantOwned, Timestamps, Base):
    __tablename__ = "interview_steps"
    __table_args__ = (
        Index("ix_steps_plan_position", "plan_id", "position"),
        # An interviewer's booked time (free slots, overlap checks): one range scan.
        Index("ix_steps_interviewer_start", "tenant_id", "interviewer_user_id", "scheduled_start"),
    )

    plan_id: Mapped[uuid.UUID] = mapped_column(
        Uuid(), ForeignKey("interview_plans.id", ondelete="CASCADE")
    )
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    type: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    # SET NULL: a template can go once no active plan needs it; old steps keep their record.
    template_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid(), ForeignKey("interview_templates.id", ondelete="SET NULL"), default=None, index=True
    )
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # AI steps: where the conversation stands ({"question": i, "follow_ups": n}).
    conversation: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    # AI steps: scorecard assessment status (none | pending | completed | assessment_failed).
    assessment_status: Mapped[str | None] = mapped_column(String(24), default=None)
    # Human steps: the scheduled meeting (times, interviewer, meeting URL).
    schedule: Mapped[dict[str, Any] | None] = mapped_column(JSONType, default=None)
    # Human steps: the booked time as columns (what overlap checks and free slots query), and
    # the calendar invite's SEQUENCE, raised on every change (RFC 5546: a newer invite wins).
    scheduled_start: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    scheduled_end: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    # Human steps: how long the meeting is (the invite's ``duration_minutes``; None: 45).
    duration_minutes: Mapped[int | None] = mapped_column(Integer, default=None)
    calendar_sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The person assigned to this step (a human step's interviewer): what an interviewer's
    # view of plans is filtered by. Deleting the user clears it; ``schedule`` keeps the history.
    interviewer_user_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid(), ForeignKey("users.id", ondelete="SET NULL"), index=True, default=None
    )


class BookingLink(UUIDPrimaryKey, TenantOwned, CandidateOwned, Base):
    __tablename__ = "booking_links"

    plan_id: Mapped[uuid.UUID] = mapped_column(
        Uuid(), ForeignKey("interview_plans.id", ondelete="CASCADE"), index=True
    )
    step_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid(), ForeignKey("interview_steps.id", ondelete="CASCADE"), default=None
    )
    slug: Mapped[str] = mapped_column(String(32), unique=True)
    # SHA-256 of the secret token; the token itself is never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
