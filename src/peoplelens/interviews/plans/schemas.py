from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AliasChoices, BaseModel, Field, StringConstraints, model_validator

from peoplelens.interviews.plans.state import effective_plan_status
from peoplelens.kit.ids import (
    BookingLinkID,
    CandidateID,
    JobID,
    PlanID,
    StepID,
    TemplateID,
    UserID,
)
from peoplelens.kit.schemas import LongText, Pagination, Presenter, RequestModel, Timestamp
from peoplelens.kit.time import utcnow
from peoplelens.models import InterviewPlan, InterviewStep

StepType = Literal["ai_interview", "human_interview"]
Decision = Literal[
    "advance", "hire", "reject", "hold", "active", "completed", "cancelled", "expired"
]


class StepIn(RequestModel):
    title: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    type: StepType
    template_id: TemplateID | None = None
    interviewer_id: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = Field(
        default=None,
        description="A human_interview step's interviewer: an enabled user of the account "
        "(usr-…), who then sees the plan and submits its scorecard.",
    )
    duration_minutes: int | None = Field(
        default=None,
        ge=10,
        le=480,
        description="A human_interview step's length (default 45): the slots the candidate is "
        "offered and the invite's end.",
    )


class InviteIn(RequestModel):
    candidate_id: CandidateID
    job_id: JobID | None = None
    template_id: TemplateID | None = Field(
        default=None, description="One AI-interview step from this template (or send `steps`)."
    )
    steps: list[StepIn] | None = Field(default=None, min_length=1, max_length=20)
    expires_in_hours: int | None = Field(default=None, ge=1, le=24 * 90)
    send_email: bool | None = Field(
        default=None,
        strict=True,
        description="E-mail the invitation (and a reminder 24 h before the link expires) to "
        "the candidate. Default: true when the server has SMTP configured; true without it "
        "queues the message, sent once SMTP is configured.",
    )

    @model_validator(mode="after")
    def _one_way(self) -> InviteIn:
        if (self.template_id is None) == (self.steps is None):
            raise ValueError("send either 'template_id' (one AI step) or 'steps', not both")
        return self


class StepOut(Presenter):
    id: StepID
    title: str
    type: str
    status: str
    order: int = Field(validation_alias=AliasChoices("order", "position"))
    template_id: TemplateID | None
    interviewer_id: UserID | None = Field(
        default=None, validation_alias=AliasChoices("interviewer_id", "interviewer_user_id")
    )
    started_at: Timestamp | None
    completed_at: Timestamp | None
    duration_minutes: int | None = None
    scheduled_start: Timestamp | None = Field(
        default=None, description="A booked human step's start (null when not booked)."
    )
    scheduled_end: Timestamp | None = None


class BookingLinkOut(BaseModel):
    id: BookingLinkID
    slug: str
    url: str
    expires_at: Timestamp


class BookingLinkListItem(BookingLinkOut):
    candidate_id: CandidateID
    step_id: StepID | None


class BookingLinks(BaseModel):
    booking_links: list[BookingLinkListItem]
    pagination: Pagination | None = Field(
        default=None,
        description="Only on the tenant-wide list (no `candidate_id`): the doc's answer for one "
        "candidate has none.",
    )


class InviteOut(BaseModel):
    plan_id: PlanID
    status: str
    steps: list[StepOut]
    booking_link: BookingLinkOut


class PlanOut(BaseModel):
    id: PlanID
    candidate_id: CandidateID
    job_id: JobID | None
    status: str
    decision: str | None
    decision_notes: str | None
    total_steps: int
    completed_steps: int
    expires_at: Timestamp
    created_at: Timestamp
    updated_at: Timestamp
    steps: list[StepOut]

    @classmethod
    def build(cls, p: InterviewPlan, steps: list[InterviewStep]) -> PlanOut:
        """The plan as callers see it: its status is derived on read (a lapsed invitation
        reads as expired), so it is not one of the row's attributes."""
        return cls(
            id=p.id,
            candidate_id=p.candidate_id,
            job_id=p.job_id,
            status=effective_plan_status(p, utcnow()),
            decision=p.decision,
            decision_notes=p.decision_notes,
            total_steps=p.total_steps,
            completed_steps=p.completed_steps,
            expires_at=p.expires_at,
            created_at=p.created_at,
            updated_at=p.updated_at,
            steps=[StepOut.model_validate(s) for s in steps],
        )


class DecisionIn(RequestModel):
    status: Decision
    notes: LongText | None = None
    stage: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = None
