from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints, model_validator

from peoplelens.interviews.state import effective_plan_status
from peoplelens.kit.ids import render, render_opt
from peoplelens.kit.schemas import IdString, LongText, RequestModel
from peoplelens.kit.time import iso, iso_opt, utcnow
from peoplelens.models import InterviewPlan, InterviewStep

StepType = Literal["ai_interview", "human_interview"]
Decision = Literal[
    "advance", "hire", "reject", "hold", "active", "completed", "cancelled", "expired"
]


class StepIn(RequestModel):
    title: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    type: StepType
    template_id: IdString | None = None


class InviteIn(RequestModel):
    candidate_id: IdString
    job_id: IdString | None = None
    template_id: IdString | None = Field(
        default=None, description="One AI-interview step from this template (or send `steps`)."
    )
    steps: list[StepIn] | None = Field(default=None, min_length=1, max_length=20)
    expires_in_hours: int | None = Field(default=None, ge=1, le=24 * 90)

    @model_validator(mode="after")
    def _one_way(self) -> InviteIn:
        if (self.template_id is None) == (self.steps is None):
            raise ValueError("send either 'template_id' (one AI step) or 'steps', not both")
        return self


class StepOut(BaseModel):
    id: str
    title: str
    type: str
    status: str
    order: int
    template_id: str | None
    started_at: str | None
    completed_at: str | None

    @classmethod
    def build(cls, s: InterviewStep) -> StepOut:
        return cls(
            id=render("step", s.id),
            title=s.title,
            type=s.type,
            status=s.status,
            order=s.position,
            template_id=render_opt("tpl", s.template_id),
            started_at=iso_opt(s.started_at),
            completed_at=iso_opt(s.completed_at),
        )


class BookingLinkOut(BaseModel):
    id: str
    slug: str
    url: str
    expires_at: str


class BookingLinkListItem(BookingLinkOut):
    candidate_id: str
    step_id: str | None


class BookingLinks(BaseModel):
    booking_links: list[BookingLinkListItem]


class InviteOut(BaseModel):
    plan_id: str
    status: str
    steps: list[StepOut]
    booking_link: BookingLinkOut


class PlanOut(BaseModel):
    id: str = Field(examples=["plan-123e4567-e89b-12d3-a456-426614174000"])
    candidate_id: str
    job_id: str | None
    status: str
    decision: str | None
    decision_notes: str | None
    total_steps: int
    completed_steps: int
    expires_at: str
    created_at: str
    updated_at: str
    steps: list[StepOut]

    @classmethod
    def build(cls, p: InterviewPlan, steps: list[InterviewStep]) -> PlanOut:
        return cls(
            id=render("plan", p.id),
            candidate_id=render("can", p.candidate_id),
            job_id=render_opt("job", p.job_id),
            status=effective_plan_status(p, utcnow()),
            decision=p.decision,
            decision_notes=p.decision_notes,
            total_steps=p.total_steps,
            completed_steps=p.completed_steps,
            expires_at=iso(p.expires_at),
            created_at=iso(p.created_at),
            updated_at=iso(p.updated_at),
            steps=[StepOut.build(s) for s in steps],
        )


class DecisionIn(RequestModel):
    status: Decision
    notes: LongText | None = None
    stage: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = None
