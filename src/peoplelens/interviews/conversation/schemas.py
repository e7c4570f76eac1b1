from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from peoplelens.kit.ids import MessageID
from peoplelens.kit.schemas import Presenter, RequestModel, Timestamp

SessionState = Literal["awaiting_consent", "in_progress", "completed", "expired", "cancelled"]


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


class ConsentIn(RequestModel):
    consent: bool = Field(strict=True)


class AnswerIn(RequestModel):
    text: Annotated[str, StringConstraints(min_length=1, max_length=100_000)]
    client_message_id: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = None
