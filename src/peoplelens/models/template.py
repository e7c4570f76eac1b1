from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from peoplelens.models.base import Base, JSONType, TenantOwned, Timestamps, UUIDPrimaryKey


class InterviewTemplate(UUIDPrimaryKey, TenantOwned, Timestamps, Base):
    __tablename__ = "interview_templates"
    __table_args__ = (Index("ix_templates_tenant_created", "tenant_id", "created_at", "id"),)

    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text, default=None)
    initial_message: Mapped[str | None] = mapped_column(Text, default=None)
    ending_message: Mapped[str | None] = mapped_column(Text, default=None)
    # [{id, text, type, behavioral_intent, expected_answer, max_follow_ups}]
    structure: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    language: Mapped[str] = mapped_column(String(16), default="en")
    avatar_id: Mapped[str | None] = mapped_column(String(64), default=None)
    # The AI interviewer may add questions about the candidate's parsed resume (issue 14).
    use_resume: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
