"""The event types (the reference's 13 and ours), each with the JSON Schema of its ``data``
(served at ``GET /api/v1/webhooks/event-types`` and summarised in the README)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from peoplelens.candidates.schemas import CandidateOut
from peoplelens.documents.schemas import DocumentUploaded
from peoplelens.events.repository import EVENT_TYPES
from peoplelens.interviews.plans.schemas import StepOut
from peoplelens.jobs.schemas import JobOut
from peoplelens.webhooks.redaction import KEPT


class CandidateChange(CandidateOut):
    previous_attributes: dict[str, Any] | None = Field(
        default=None, description="On *.updated / *_changed: the changed fields' old values."
    )


class CandidateDeleted(BaseModel):
    id: str
    deleted: bool


class JobDeleted(BaseModel):
    id: str
    deleted: bool


class JobChange(JobOut):
    previous_attributes: dict[str, Any] | None = None


class LinkSummary(BaseModel):
    id: str
    slug: str
    expires_at: str


class InterviewInvited(BaseModel):
    plan_id: str
    candidate_id: str
    job_id: str | None
    status: str
    steps: list[StepOut]
    booking_link: LinkSummary = Field(
        description="The link's URL is not sent: it is the "
        "candidate's credential; read it from the API."
    )
    expires_at: str


class InterviewScheduled(BaseModel):
    plan_id: str
    step_id: str
    candidate_id: str
    interviewer_id: str | None
    start_time: str
    end_time: str
    title: str
    meeting_url: str
    rescheduled: bool = Field(description="True when an earlier booking was moved.")
    previous_start_time: str | None = Field(description="On a move: the earlier start.")
    sequence: int = Field(description="The calendar invite's SEQUENCE (raised on every change).")
    scheduled_by: str = Field(description="`team` (the API or workspace) or `candidate`.")


class ScheduleCancelled(BaseModel):
    plan_id: str
    step_id: str
    candidate_id: str
    interviewer_id: str | None
    start_time: str
    end_time: str
    step_status: str = Field(
        description="`pending` (the candidate may book again), `cancelled` or `skipped`."
    )
    cancelled_by: str
    sequence: int


class StepCompleted(BaseModel):
    plan_id: str
    step_id: str
    candidate_id: str
    type: str
    status: str = Field(description="`completed` or `skipped`.")
    plan_status: str
    completed_steps: int
    total_steps: int


class InterviewDecision(BaseModel):
    plan_id: str
    candidate_id: str
    decision: str
    notes: str | None
    plan_status: str
    candidate_status: str
    stage: str


class ScorecardGenerated(BaseModel):
    plan_id: str
    step_id: str
    candidate_id: str
    overall_score: int | None
    recommendation: str | None
    insufficient_evidence: bool
    scorecard_url: str


class HumanScored(BaseModel):
    id: str
    plan_id: str
    step_id: str
    candidate_id: str
    interviewer_id: str
    overall_score: int
    recommendation: str
    step_status: str = Field(description="The step's status after the scorecard (completed).")
    plan_status: str


class DocumentParsed(BaseModel):
    document_id: str
    candidate_id: str
    parse_status: str = Field(description="parsed, or failed (then `parse_error` says why).")
    parse_error: str | None
    sections_found: list[str]
    parsed_at: str | None


class Redacted(BaseModel):
    """What an event about an erased candidate carries from then on: its facts (as declared
    in ``webhooks/redaction.py``) without the personal fields, and this marker."""

    model_config = ConfigDict(extra="allow")

    candidate_id: str
    redacted: bool


EVENT_DATA: dict[str, tuple[type[BaseModel], str]] = {
    "candidate.created": (CandidateChange, "A candidate was created (API, bulk, or inbound)."),
    "candidate.updated": (CandidateChange, "Any field of a candidate changed."),
    "candidate.deleted": (CandidateDeleted, "A candidate was erased; carries the id only."),
    "candidate.stage_changed": (CandidateChange, "The candidate moved to another stage."),
    "candidate.status_changed": (CandidateChange, "Hired, rejected, archived or re-activated."),
    "job.created": (JobChange, "A job was created."),
    "job.updated": (JobChange, "A job changed."),
    "job.closed": (JobChange, "A job moved to the closed status."),
    "interview.invited": (InterviewInvited, "An interview plan was created and a link issued."),
    "interview.scheduled": (InterviewScheduled, "A human interview step was scheduled."),
    "interview.decision": (InterviewDecision, "The hiring team recorded a decision."),
    "scorecard.generated": (ScorecardGenerated, "An AI step's scorecard is ready."),
    "interview.human_scored": (HumanScored, "A human interviewer submitted a scorecard."),
    "candidate.document_uploaded": (
        DocumentUploaded,
        "A document was attached to a candidate (ours); parsing starts in the background.",
    ),
    "document.parsed": (
        DocumentParsed,
        "A document was parsed (ours): read GET /candidates/{id}/documents/parsed; or it could "
        "not be (parse_status failed).",
    ),
    "interview.step_completed": (
        StepCompleted,
        "A step ended (ours): an AI step's last answer, a human step's scorecard or "
        "`…/complete`, or a skip; with the plan's progress.",
    ),
    "interview.schedule_cancelled": (
        ScheduleCancelled,
        "A booked human interview was withdrawn (ours): by the candidate (the step waits for a "
        "new booking), or with its step or plan by the team. A CANCEL invite was e-mailed.",
    ),
    "job.deleted": (
        JobDeleted,
        "A job was deleted (ours; DELETE /jobs/{id}); carries the id only, like candidate.deleted.",
    ),
}
TEST_EVENT = "webhook.test"
# The outbox's list of types (events/repository.py) is the one list; this documents each.
if tuple(EVENT_DATA) != EVENT_TYPES:
    raise RuntimeError("webhooks.event_types.EVENT_DATA must document exactly events.EVENT_TYPES")


def _undeclared_facts() -> list[str]:
    """Facts the redaction keeps that are not fields of the event's data (a typo would keep
    nothing and say nothing), and event types without a redaction entry."""
    problems = [f"{name}: no entry in redaction.KEPT" for name in EVENT_DATA if name not in KEPT]
    for name, (model, _) in EVENT_DATA.items():
        unknown = set(KEPT.get(name, {})) - set(model.model_fields)
        problems += [f"{name}: {field} is not a field of {model.__name__}" for field in unknown]
    return problems


if _undeclared_facts():
    raise RuntimeError("webhooks.redaction.KEPT: " + "; ".join(_undeclared_facts()))


def envelope_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["id", "event", "timestamp", "data"],
        "properties": {
            "id": {"type": "string", "description": "evt-<uuid>; equals the webhook-id header"},
            "event": {"type": "string"},
            "timestamp": {"type": "string", "format": "date-time"},
            "data": {"type": "object"},
        },
    }


def catalogue() -> list[dict[str, Any]]:
    return [
        {
            "type": name,
            "description": text,
            "data_schema": model.model_json_schema(mode="serialization"),
        }
        for name, (model, text) in EVENT_DATA.items()
    ]


def matches(filters: list[str], event_type: str) -> bool:
    return "*" in filters or event_type in filters
