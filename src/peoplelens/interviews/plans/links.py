"""Booking links: the candidate's credential (``/book/<token>``), derived, never stored."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from peoplelens.auth.principal import Principal
from peoplelens.candidates.repository import CandidateRepository
from peoplelens.interviews.plans.repository import BookingLinkRepository
from peoplelens.interviews.plans.schemas import BookingLinkListItem
from peoplelens.kit.crypto import derive_token
from peoplelens.kit.time import utcnow

BOOKING_TOKEN_PURPOSE = "booking-link"  # noqa: S105 — a label, not a secret


def booking_url(public_url: str, secret: bytes, link_id: uuid.UUID) -> str:
    return f"{public_url}/book/{derive_token(secret, BOOKING_TOKEN_PURPOSE, link_id.hex)}"


def booking_links(
    session: Session,
    principal: Principal,
    candidate_id: uuid.UUID,
    *,
    public_url: str,
    secret: bytes,
) -> list[BookingLinkListItem]:
    candidate = CandidateRepository(session, principal).get_or_404(
        candidate_id, param="candidate_id"
    )
    links = BookingLinkRepository(session, principal).active_for_candidate(candidate.id, utcnow())
    return [
        BookingLinkListItem(
            id=link.id,
            slug=link.slug,
            url=booking_url(public_url, secret, link.id),
            candidate_id=link.candidate_id,
            step_id=link.step_id,
            expires_at=link.expires_at,
        )
        for link in links
    ]
