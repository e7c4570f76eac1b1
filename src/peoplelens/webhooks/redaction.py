"""What erasure leaves of an event about the erased person: the facts, not the person.

An ATS that missed the hire decision because its receiver was down still learns it after the
candidate is erased: the ids, statuses, stages, scores, recommendation, decision and times
stay; names, e-mail, phone, links, metadata and free text (notes, titles, errors, file names)
go. This is an **allow-list**: a field is personal until it is declared a fact here, so a new
field added to an event's data is redacted until someone decides otherwise.
``webhooks/event_types.py`` checks at import that every event type has an entry and that
every fact named is a field of that event's schema.

A redacted event's data also carries ``candidate_id`` (the erased person's public id) and the
marker ``redacted: true`` — the personal fields are absent, not null.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeAlias

# ``True``: keep the value as it is. A mapping: keep only these keys of an object (or of each
# object of a list), recursively.
Kept: TypeAlias = "bool | Mapping[str, Kept]"

_STEP: Mapping[str, Kept] = {
    name: True
    for name in (
        "id",
        "type",
        "status",
        "order",
        "template_id",
        "interviewer_id",
        "started_at",
        "completed_at",
        "duration_minutes",
        "scheduled_start",
        "scheduled_end",
    )
}
# Not `external_id`: the ATS's own name for the person, erased with them (tests/test_erasure.py);
# the ATS still learns the facts under the candidate's id, which it was sent at creation.
_CANDIDATE_FACTS = ("id", "status", "job_id", "stage", "created_at", "updated_at")
_CANDIDATE: Mapping[str, Kept] = {
    **{name: True for name in _CANDIDATE_FACTS},
    "job_searches": True,  # the job's id, title and status: the job's facts, not the person's
    "previous_attributes": {name: True for name in _CANDIDATE_FACTS},
}
_JOB_FACTS = ("id", "title", "description", "department", "status", "location")
_JOB: Mapping[str, Kept] = {
    **{
        name: True
        for name in (*_JOB_FACTS, "employment_type", "external_id", "created_at", "updated_at")
    },
    "previous_attributes": True,  # a job's old values: no person in them
}


def _facts(*names: str) -> Mapping[str, Kept]:
    return {name: True for name in names}


KEPT: dict[str, Mapping[str, Kept]] = {
    "candidate.created": _CANDIDATE,
    "candidate.updated": _CANDIDATE,
    "candidate.deleted": _facts("id", "deleted"),
    "candidate.stage_changed": _CANDIDATE,
    "candidate.status_changed": _CANDIDATE,
    "job.created": _JOB,
    "job.updated": _JOB,
    "job.closed": _JOB,
    "job.deleted": _facts("id", "deleted"),
    "interview.invited": {
        **_facts("plan_id", "candidate_id", "job_id", "status", "expires_at"),
        "steps": _STEP,
        "booking_link": _facts("id", "expires_at"),
    },
    "interview.scheduled": _facts(
        "plan_id",
        "step_id",
        "candidate_id",
        "interviewer_id",
        "start_time",
        "end_time",
        "rescheduled",
        "previous_start_time",
        "sequence",
        "scheduled_by",
    ),  # not the title (free text) nor the meeting URL
    "interview.decision": _facts(
        "plan_id", "candidate_id", "decision", "plan_status", "candidate_status", "stage"
    ),  # not the notes
    "scorecard.generated": _facts(
        "plan_id",
        "step_id",
        "candidate_id",
        "overall_score",
        "recommendation",
        "insufficient_evidence",
        "scorecard_url",
    ),
    "interview.human_scored": _facts(
        "id",
        "plan_id",
        "step_id",
        "candidate_id",
        "interviewer_id",
        "overall_score",
        "recommendation",
        "step_status",
        "plan_status",
    ),
    "candidate.document_uploaded": _facts(
        "id", "candidate_id", "file_type", "file_size", "parse_status", "created_at"
    ),  # not the file's name nor its path (which holds the name)
    "document.parsed": _facts(
        "document_id", "candidate_id", "parse_status", "sections_found", "parsed_at"
    ),  # not the parse error (it may quote the document)
    "interview.step_completed": _facts(
        "plan_id",
        "step_id",
        "candidate_id",
        "type",
        "status",
        "plan_status",
        "completed_steps",
        "total_steps",
    ),
    "interview.schedule_cancelled": _facts(
        "plan_id",
        "step_id",
        "candidate_id",
        "interviewer_id",
        "start_time",
        "end_time",
        "step_status",
        "cancelled_by",
        "sequence",
    ),
}


def _keep(kept: Kept, value: Any) -> Any:
    if kept is True:
        return value
    if kept is False:
        return None
    if isinstance(value, list):
        return [_keep(kept, item) for item in value]
    if isinstance(value, dict):
        return {k: _keep(kept[k], v) for k, v in value.items() if k in kept}
    return None  # a scalar where an object was declared: not what we know, so not kept


def redact(event_type: str, data: Mapping[str, Any], candidate_public_id: str) -> dict[str, Any]:
    """The event's ``data`` with only its facts; an unknown type keeps none."""
    kept = _keep(KEPT.get(event_type, {}), dict(data))
    return {**kept, "candidate_id": candidate_public_id, "redacted": True}
