from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from peoplelens.kit.ids import MessageID
from peoplelens.kit.schemas import Presenter, RequestModel, Timestamp

# The spec's five, and ours for a plan whose next step is a meeting with a person: waiting for
# the candidate (or the team) to book it, or booked.
SessionState = Literal[
    "awaiting_consent",
    "in_progress",
    "awaiting_booking",
    "scheduled",
    "completed",
    "expired",
    "cancelled",
]


class SessionCandidate(BaseModel):
    first_name: str


class SessionJob(BaseModel):
    title: str | None


class SessionStep(BaseModel):
    id: str
    title: str
    type: str
    status: str


class SessionMessage(Presenter):
    id: MessageID
    role: Literal["interviewer", "candidate"]
    text: str
    created_at: Timestamp


class SessionInterviewer(BaseModel):
    id: str
    name: str
    style: str


NextAction = Literal["consent", "answer", "book", "attend", "wait", "none"]


class SessionBooking(BaseModel):
    """The next step when it is a meeting with a person (ours)."""

    step_id: str
    status: str = Field(description="`pending` (pick a time) or `scheduled`.")
    duration_minutes: int
    interviewer_name: str | None
    start_time: str | None
    end_time: str | None
    meeting_url: str | None = Field(description="The meeting room, once booked.")
    can_change: bool = Field(description="Whether the candidate may still book, move or cancel.")
    change_until: str | None = Field(description="Until when a booking may be moved or cancelled.")


class SessionOut(BaseModel):
    plan_id: str
    state: SessionState
    candidate: SessionCandidate
    job: SessionJob
    current_step: SessionStep | None
    messages: list[SessionMessage]
    interviewer: SessionInterviewer
    company: str
    expires_at: str
    max_answer_chars: int
    next_action: NextAction = Field(
        default="none",
        description="What the candidate does next (ours): `consent` to the AI interview, "
        "`answer` its question, `book` a time for a human interview, `attend` the booked one, "
        "`wait` for the hiring team (a human step without online booking), `none` (over).",
    )
    ai_disclosure: bool = Field(
        default=False, description="True when the next step is AI-led (show the disclosure)."
    )
    booking: SessionBooking | None = None


class ConsentIn(RequestModel):
    consent: bool = Field(strict=True)


class AnswerIn(RequestModel):
    text: Annotated[str, StringConstraints(min_length=1, max_length=100_000)]
    client_message_id: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = None
