from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from peoplelens.kit.ids import StepID
from peoplelens.kit.schemas import LongText, RequestModel, UtcDatetime


class ScheduleIn(RequestModel):
    step_id: StepID
    interviewer_id: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = Field(
        default=None,
        description="The user (usr-…) who interviews: assigned to the step, so they see the "
        "plan and submit its scorecard.",
    )
    start_time: UtcDatetime
    end_time: UtcDatetime | None = None
    title: Annotated[str, StringConstraints(min_length=1, max_length=300)] | None = None
    description: LongText | None = None


class ScheduledEvent(BaseModel):
    step_id: str
    start_time: str
    end_time: str
    title: str
    description: str | None
    interviewer_id: str | None
    meeting_url: str


class ScheduleOut(BaseModel):
    success: bool
    meetLink: str  # noqa: N815 — the reference's spelling
    event: ScheduledEvent
    ics: str
