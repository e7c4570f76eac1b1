from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from peoplelens.kit.ids import StepID
from peoplelens.kit.schemas import AwareUtcDatetime, LongText, RequestModel
from peoplelens.users.schemas import TimeZone


class ScheduleIn(RequestModel):
    step_id: StepID
    interviewer_id: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = Field(
        default=None,
        description="The user (usr-…) who interviews: assigned to the step, so they see the "
        "plan and submit its scorecard.",
    )
    start_time: AwareUtcDatetime
    end_time: AwareUtcDatetime | None = None
    title: Annotated[str, StringConstraints(min_length=1, max_length=300)] | None = None
    description: LongText | None = None
    outside_working_hours: bool = Field(
        default=False,
        strict=True,
        description="The time was agreed with the interviewer outside their working hours: "
        "skip that check (an overlap with their other interviews is still refused).",
    )


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
    ics: str = Field(description="The calendar invite (RFC 5545, METHOD:REQUEST) as sent.")
    sequence: int = Field(description="The invite's SEQUENCE: 0, raised on every change.")
    rescheduled: bool = Field(description="True when this moved an earlier booking.")
    invite_url: str = Field(description="Where the step's current invite can be downloaded.")


class StepOutcomeIn(RequestModel):
    status: Literal["completed", "skipped"] = Field(
        default="completed", description="`completed` (the default) or `skipped`."
    )


class SlotOut(BaseModel):
    start_time: str
    end_time: str
    label: str = Field(description="The start in the candidate's time zone, as a person reads it.")


class SlotsOut(BaseModel):
    """The candidate's slot page (spec §5): the interviewer's free times for the next step."""

    step_id: str
    title: str
    duration_minutes: int
    interviewer_name: str
    time_zone: str = Field(description="The zone the labels are in (the candidate's browser's).")
    time_zone_label: str
    interviewer_time_zone: str
    scheduled: SlotOut | None = Field(description="The current booking, if any.")
    can_change: bool = Field(description="Whether the candidate may still book, move or cancel.")
    change_cutoff_hours: float
    slots: list[SlotOut]


class BookingIn(RequestModel):
    start_time: AwareUtcDatetime = Field(description="The chosen slot's `start_time`.")
    time_zone: TimeZone | None = Field(
        default=None, description="The candidate's IANA time zone (their mail shows times in it)."
    )
