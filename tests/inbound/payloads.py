"""Inbound payloads as the providers send them: Recruitee's shaped as its webhook docs show
(docs.recruitee.com/docs/webhooks: the envelope, ``payload.candidate``, ``payload.offer``,
``payload.details``), with the extra fields Recruitee sends that we do not read."""

from __future__ import annotations

import itertools
from typing import Any

_ids = itertools.count(1_000_001)


def recruitee_candidate(cid: int, email: str, name: str = "Ada King Lovelace") -> dict[str, Any]:
    return {
        "id": cid,
        "name": name,
        "emails": [email],
        "phones": ["+44 161 496 0000"],
        "social_links": ["https://twitter.com/ada", "https://www.linkedin.com/in/ada-lovelace"],
        "links": [],
        "photo_thumb_url": "https://recruitee-main.s3.amazonaws.com/candidates/1/thumb.png",
        "created_at": "2026-12-01T09:00:00.000000Z",
        "source": "careers_site",
    }


def recruitee_offer(oid: int, title: str = "Backend Engineer") -> dict[str, Any]:
    return {
        "id": oid,
        "title": title,
        "department": "Engineering",
        "kind": "job",
        "slug": "backend-engineer",
        "status": "published",
    }


def recruitee_event(
    event_type: str,
    candidate: dict[str, Any],
    offer: dict[str, Any] | None = None,
    *,
    subtype: str | None = None,
    details: dict[str, Any] | None = None,
    event_id: int | None = None,
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "candidate": candidate,
        "company": {"id": 42, "name": "Acme Ltd"},
    }
    if offer is not None:
        payload["offer"] = offer
    if details is not None:
        payload["details"] = details
    return {
        "id": event_id if event_id is not None else next(_ids),
        "attempt_count": 1,
        "created_at": "2026-12-01T10:00:00.000000Z",
        "event_type": event_type,
        "event_subtype": subtype or event_type,
        "payload": payload,
    }


def recruitee_moved(
    candidate: dict[str, Any], offer: dict[str, Any], to_stage: str, from_stage: str = "Applied"
) -> dict[str, Any]:
    return recruitee_event(
        "candidate_moved",
        candidate,
        offer,
        subtype="stage_changed",
        details={
            "from_stage": {"id": 101, "name": from_stage, "category": "apply"},
            "to_stage": {"id": 102, "name": to_stage, "category": "interview"},
        },
    )


def generic(
    external_id: str, event_id: str | None = None, event: str | None = None, **candidate: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {"candidate": {"external_id": external_id, **candidate}}
    if event_id is not None:
        body["event_id"] = event_id
    if event is not None:
        body["event"] = event
    return body
