from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from peoplelens.kit.time import utcnow
from peoplelens.models.base import (
    Base,
    CandidateOwned,
    JSONType,
    TenantOwned,
    UTCDateTime,
    UUIDPrimaryKey,
)


class InterviewMessage(UUIDPrimaryKey, TenantOwned, CandidateOwned, Base):
    """One turn of an AI interview, saved the moment it happens (resume = replay these)."""

    __tablename__ = "interview_messages"
    __table_args__ = (
        Index("ix_messages_step_position", "step_id", "position"),
        UniqueConstraint("step_id", "client_message_id", name="uq_messages_step_client_id"),
    )

    plan_id: Mapped[uuid.UUID] = mapped_column(
        Uuid(), ForeignKey("interview_plans.id", ondelete="CASCADE"), index=True
    )
    step_id: Mapped[uuid.UUID] = mapped_column(
        Uuid(), ForeignKey("interview_steps.id", ondelete="CASCADE")
    )
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    # The template question this turn belongs to (asks it, follows it up, or answers it).
    question_id: Mapped[str | None] = mapped_column(String(64), default=None)
    text: Mapped[str] = mapped_column(Text)
    # Sent by the client so a double-submitted answer is stored once.
    client_message_id: Mapped[str | None] = mapped_column(String(100), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Scorecard(UUIDPrimaryKey, TenantOwned, CandidateOwned, Base):
    """The assessment of one AI step. Re-assessing adds a version; earlier ones stay history."""

    __tablename__ = "scorecards"
    __table_args__ = (
        UniqueConstraint("step_id", "version", name="uq_scorecards_step_version"),
        Index("ix_scorecards_plan", "plan_id"),
    )

    plan_id: Mapped[uuid.UUID] = mapped_column(
        Uuid(), ForeignKey("interview_plans.id", ondelete="CASCADE")
    )
    step_id: Mapped[uuid.UUID] = mapped_column(
        Uuid(), ForeignKey("interview_steps.id", ondelete="CASCADE")
    )
    version: Mapped[int] = mapped_column(Integer)
    is_current: Mapped[bool] = mapped_column(default=True)
    # pending → completed | assessment_failed
    status: Mapped[str] = mapped_column(String(24), default="pending")
    overall_score: Mapped[int | None] = mapped_column(Integer, default=None)
    recommendation: Mapped[str | None] = mapped_column(String(24), default=None)
    executive_summary: Mapped[str | None] = mapped_column(Text, default=None)
    strengths: Mapped[list[str]] = mapped_column(JSONType, default=list)
    weaknesses: Mapped[list[str]] = mapped_column(JSONType, default=list)
    criteria: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    detailed_analysis: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    confidence: Mapped[float | None] = mapped_column(Float, default=None)
    insufficient_evidence: Mapped[bool] = mapped_column(default=False)
    model: Mapped[str | None] = mapped_column(String(200), default=None)
    rubric_version: Mapped[str | None] = mapped_column(String(50), default=None)
    error: Mapped[str | None] = mapped_column(Text, default=None)
    assessed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class HumanScorecard(UUIDPrimaryKey, TenantOwned, CandidateOwned, Base):
    __tablename__ = "human_scorecards"

    plan_id: Mapped[uuid.UUID] = mapped_column(
        Uuid(), ForeignKey("interview_plans.id", ondelete="CASCADE"), index=True
    )
    step_id: Mapped[uuid.UUID] = mapped_column(
        Uuid(), ForeignKey("interview_steps.id", ondelete="CASCADE")
    )
    interviewer_id: Mapped[str] = mapped_column(String(100))
    overall_score: Mapped[int] = mapped_column(Integer)
    recommendation: Mapped[str] = mapped_column(String(24))
    criteria: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    notes: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Task(UUIDPrimaryKey, TenantOwned, Base):
    """Background work, queued in the transaction of the change that needs it (outbox).

    Claimed with a lease (``locked_until``): a worker that dies mid-task loses the lease and
    another picks the task up, so work is done at least once and never silently dropped.
    """

    __tablename__ = "tasks"
    __table_args__ = (Index("ix_tasks_due", "status", "run_after"),)

    kind: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    # Erasing a candidate drops their queued work too.
    candidate_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid(), ForeignKey("candidates.id", ondelete="CASCADE"), default=None, index=True
    )
    status: Mapped[str] = mapped_column(String(16), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    run_after: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
