"""``recruitee``: Recruitee's candidate webhooks.

Shapes as Recruitee documents them (docs.recruitee.com/docs/webhooks, "Webhooks"): a POST with
JSON ``{"id", "attempt_count", "created_at", "event_type", "event_subtype", "payload"}``; the
*Test* button sends ``{"test": true}``, which must be answered 200; "any response status other
than 200 is considered a webhook delivery failure" and is retried with growing delays. The
candidate events carry ``payload.candidate`` (``id``, ``name``, ``emails``, ``phones``,
``social_links``, ``links`` — the candidate object of Recruitee's API), ``payload.offer`` (the
job: ``id``, ``title``, ``department``, ...) and, for ``candidate_moved`` /
``stage_changed``, ``payload.details.from_stage`` / ``to_stage`` (``id``, ``name``,
``category``).

Mapping (ours):

* the candidate's id → ``external_id`` ``recruitee:<id>``, the offer's → the job's
  ``recruitee:<id>`` (a prefix, so ids of two sources never meet);
* ``name`` → first name (all but the last word) and last name (the last word; a one-word name
  is both); the first of ``emails`` / ``phones``; the first LinkedIn address of
  ``social_links`` / ``links``; ``metadata.recruitee`` keeps the ids and the Recruitee stage;
* ``new_candidate`` and ``candidate_moved`` upsert (a move sets ``stage`` when the account has a
  stage of that name, case-insensitive, else it is only kept in metadata);
  ``candidate_disqualified`` → status ``rejected``, ``candidate_requalified`` → ``active``,
  ``candidate_deleted`` → ``archived`` (never erased from here);
* any other event (and the test request) is answered 200 ``ignored``: Recruitee must not retry
  what we do not use.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from peoplelens.inbound.change import (
    Action,
    InboundChange,
    InboundJob,
    Lenient,
    malformed,
)
from peoplelens.kit.http_errors import invalid_request_from

NAME = "recruitee"
PREFIX = "recruitee:"

# event_type → what it does, and the status it sets (None: leaves it).
_EVENTS: dict[str, tuple[Action, str | None]] = {
    "new_candidate": ("upsert", None),
    "candidate_moved": ("upsert", None),
    "candidate_disqualified": ("upsert", "rejected"),
    "candidate_requalified": ("upsert", "active"),
    "candidate_deleted": ("archive", None),
}


class Stage(Lenient):
    id: int | str | None = None
    name: str | None = None
    category: str | None = None


class Details(Lenient):
    from_stage: Stage | None = None
    to_stage: Stage | None = None


class Offer(Lenient):
    id: int | str
    title: str | None = None
    department: Any = None  # a name, or an object with one
    description: str | None = None


class Candidate(Lenient):
    id: int | str
    name: str | None = None
    emails: list[Any] = []
    phones: list[Any] = []
    social_links: list[Any] = []
    links: list[Any] = []


class Payload(Lenient):
    candidate: Candidate
    offer: Offer | None = None
    details: Details | None = None


class Envelope(Lenient):
    id: int | str
    attempt_count: int | None = None
    created_at: str | None = None
    event_type: str
    event_subtype: str | None = None
    payload: dict[str, Any] | None = None


def _text(value: Any) -> str | None:
    """A list item or field as text: Recruitee sends strings, or objects with a value."""
    if isinstance(value, dict):
        value = value.get("value") or value.get("name") or value.get("url")
    if isinstance(value, str | int) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    return None


def _first(values: list[Any]) -> str | None:
    return next((t for t in map(_text, values) if t), None)


def split_name(name: str | None) -> tuple[str | None, str | None]:
    """``"Ada King Lovelace"`` → ``("Ada King", "Lovelace")``; one word is both names."""
    words = (name or "").split()
    if not words:
        return None, None
    if len(words) == 1:
        return words[0], words[0]
    return " ".join(words[:-1]), words[-1]


def _linkedin(candidate: Candidate) -> str | None:
    for value in [*candidate.social_links, *candidate.links]:
        text = _text(value)
        if text and "linkedin.com/" in text.lower() and text.lower().startswith("http"):
            return text
    return None


def _job(offer: Offer) -> InboundJob:
    fields: dict[str, Any] = {}
    if offer.title:
        fields["title"] = offer.title
    department = _text(offer.department)
    if department:
        fields["department"] = department
    return InboundJob(f"{PREFIX}{offer.id}", fields)


def parse(body: Any) -> InboundChange:
    if isinstance(body, dict) and body.get("test") is True and "event_type" not in body:
        return InboundChange("test", "ignore", reason="Recruitee's test request.")
    try:
        envelope = Envelope.model_validate(body)
    except ValidationError as exc:
        raise invalid_request_from(exc) from None
    event_id = str(envelope.id)
    if envelope.event_type not in _EVENTS:
        return InboundChange(
            envelope.event_type[:100],
            "ignore",
            event_id=event_id,
            reason=f"PeopleLens does not use Recruitee's '{envelope.event_type[:100]}' events.",
        )
    action, status = _EVENTS[envelope.event_type]
    if envelope.payload is None:
        raise malformed("A Recruitee candidate event carries 'payload'.", param="payload")
    try:
        payload = Payload.model_validate(envelope.payload)
    except ValidationError as exc:
        raise invalid_request_from(exc, "payload") from None
    candidate = payload.candidate
    first_name, last_name = split_name(candidate.name)
    fields: dict[str, Any] = {
        "first_name": first_name,
        "last_name": last_name,
        "email": _first(candidate.emails),
        "phone": _first(candidate.phones),
        "linkedin_url": _linkedin(candidate),
        "status": status,
    }
    recruitee: dict[str, Any] = {"candidate_id": candidate.id}
    if payload.offer is not None:
        recruitee["offer_id"] = payload.offer.id
    to_stage = payload.details.to_stage if payload.details else None
    if to_stage is not None and to_stage.name:
        recruitee["stage"] = to_stage.name
    fields["metadata"] = {"recruitee": recruitee}
    return InboundChange(
        event_type=envelope.event_type,
        action=action,
        event_id=event_id,
        external_id=f"{PREFIX}{candidate.id}",
        fields={k: v for k, v in fields.items() if v is not None},
        job=_job(payload.offer) if payload.offer is not None else None,
        stage_name=to_stage.name if to_stage is not None else None,
        where=("payload", "candidate"),
        job_where=("payload", "offer"),
    )
