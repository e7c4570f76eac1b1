"""Booking links: the candidate's credential (``/book/<token>``), derived, never stored."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from peoplelens.auth.principal import Principal
from peoplelens.candidates.repository import CandidateRepository
from peoplelens.interviews.plans.repository import BookingLinkRepository
from peoplelens.interviews.plans.schemas import BookingLinkListItem, BookingLinks
from peoplelens.kit.crypto import derive_token
from peoplelens.kit.pagination import PageRequest, paginate
from peoplelens.kit.schemas import Pagination
from peoplelens.kit.time import utcnow
from peoplelens.models import BookingLink

BOOKING_TOKEN_PURPOSE = "booking-link"  # noqa: S105 — a label, not a secret


def booking_url(public_url: str, secret: bytes, link_id: uuid.UUID) -> str:
    return f"{public_url}/book/{derive_token(secret, BOOKING_TOKEN_PURPOSE, link_id.hex)}"


def booking_links(
    session: Session,
    principal: Principal,
    candidate_id: uuid.UUID | None,
    page: PageRequest,
    *,
    public_url: str,
    secret: bytes,
) -> BookingLinks:
    """One candidate's active links as the doc shows them (a handful: not paged), or, without
    a candidate, the tenant's, newest first, one page at a time."""
    repository = BookingLinkRepository(session, principal)
    now = utcnow()
    if candidate_id is not None:
        candidate = CandidateRepository(session, principal).get_or_404(
            candidate_id, param="candidate_id"
        )
        links = repository.active_for_candidate(candidate.id, now)
        return BookingLinks(booking_links=[_item(link, public_url, secret) for link in links])
    result = paginate(session, repository.active(now), BookingLink, page)
    return BookingLinks(
        booking_links=[_item(link, public_url, secret) for link in result.items],
        pagination=Pagination(
            total=result.total,
            limit=result.limit,
            offset=result.offset,
            next_cursor=result.next_cursor,
        ),
    )


def _item(link: BookingLink, public_url: str, secret: bytes) -> BookingLinkListItem:
    return BookingLinkListItem(
        id=link.id,
        slug=link.slug,
        url=booking_url(public_url, secret, link.id),
        candidate_id=link.candidate_id,
        step_id=link.step_id,
        expires_at=link.expires_at,
    )
