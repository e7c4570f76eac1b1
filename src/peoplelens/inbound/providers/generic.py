"""``generic``: our own JSON, for any ATS or script that can send a webhook.

    {"event_id": "evt-123",                      # optional: a redelivery is then a replay
     "event": "candidate.upserted",              # or "candidate.deleted" (archives)
     "candidate": {"external_id": "ats-42",      # required
                   "first_name", "last_name", "email",   # required when it is new
                   "phone", "linkedin_url", "metadata", "status", "stage",
                   "job": {"external_id": "req-7", "title", "department",
                           "description", "status"}}}

The fields are the candidate's and the job's API fields, checked by the same rules as
``POST /candidates`` and ``POST /jobs``; unknown fields are refused (422), as everywhere in our
API. ``external_id`` is stored as sent (no provider prefix): it is the caller's own id.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ValidationError

from peoplelens.candidates.rules import CandidateStatus, Stage
from peoplelens.inbound.change import EventId, InboundChange, InboundJob
from peoplelens.jobs.schemas import JobStatus, Label, Title
from peoplelens.kit.http_errors import invalid_request_from
from peoplelens.kit.schemas import (
    ExternalId,
    LongText,
    Metadata,
    Name,
    Phone,
    RequestModel,
    ShortText,
    Url,
)

NAME = "generic"
EVENTS = ("candidate.upserted", "candidate.deleted")


class GenericJob(RequestModel):
    external_id: ExternalId
    title: Title | None = None
    department: Label | None = None
    description: LongText | None = None
    status: JobStatus | None = None


class GenericCandidate(RequestModel):
    external_id: ExternalId
    # Not checked here beyond their shape: the candidate's rules check them (e-mail included).
    first_name: Name | None = None
    last_name: Name | None = None
    email: ShortText | None = None
    phone: Phone | None = None
    linkedin_url: Url | None = None
    metadata: Metadata | None = None
    status: CandidateStatus | None = None
    stage: Stage | None = None
    job: GenericJob | None = None


class GenericEvent(RequestModel):
    event_id: EventId | None = None
    event: Literal["candidate.upserted", "candidate.deleted"] = "candidate.upserted"
    candidate: GenericCandidate


def parse(body: Any) -> InboundChange:
    try:
        event = GenericEvent.model_validate(body)
    except ValidationError as exc:
        raise invalid_request_from(exc) from None
    candidate = event.candidate
    job = None
    if candidate.job is not None:
        job = InboundJob(
            candidate.job.external_id,
            candidate.job.model_dump(exclude_none=True, exclude={"external_id"}),
        )
    # A stage sent here must be one of the account's (422 otherwise), as in a PATCH.
    fields = candidate.model_dump(exclude_none=True, exclude={"external_id", "job"})
    return InboundChange(
        event_type=event.event,
        action="archive" if event.event == "candidate.deleted" else "upsert",
        event_id=event.event_id,
        external_id=candidate.external_id,
        fields=fields,
        job=job,
    )
