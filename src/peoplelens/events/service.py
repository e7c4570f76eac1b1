"""The event feed (spec §14): the tenant's outbox, read in order, so an integration that was
down catches up without webhooks. Never commits.

The order is the database's (``events.position``, migration 0014), not the clock's: an event
whose transaction commits late appears after what a reader has already seen, never behind its
cursor. Events are kept for the tenant's event retention window (``retention/``); a candidate's
erasure leaves its ``candidate.deleted`` tombstone (the id only) and the redacted earlier
events, with no personal data.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.orm import Session

from peoplelens.auth.principal import Principal
from peoplelens.events.repository import EVENT_TYPES, EventFeedRepository
from peoplelens.events.schemas import EventFeedOut, FeedEvent, FeedPagination
from peoplelens.kit import ids
from peoplelens.kit.errors import InvalidRequest, NotFound

# What ``types`` accepts (each also within a comma-separated list): a type or a family.
FEED_FILTERS = (
    *EVENT_TYPES,
    *dict.fromkeys(f"{name.split('.')[0]}.*" for name in EVENT_TYPES),
)
FEED_DEFAULT_LIMIT = 100
FEED_MAX_LIMIT = 1000


def feed_types(raw: Sequence[str]) -> list[str]:
    """The event types asked for: names, comma-separated or repeated, and ``candidate.*``-style
    families; empty = all. An unknown name is a 422 naming it."""
    wanted: set[str] = set()
    for part in (p.strip() for item in raw for p in item.split(",")):
        if part == "*":
            continue
        if not part:
            raise InvalidRequest(
                "'types' holds an empty name: list event types, comma-separated or repeated.",
                param="types",
                code="unknown_event_type",
            )
        if part.endswith(".*"):
            family = [t for t in EVENT_TYPES if t.startswith(part[:-1])]
            if not family:
                raise _unknown_type(part)
            wanted.update(family)
        elif part in EVENT_TYPES:
            wanted.add(part)
        else:
            raise _unknown_type(part)
    return sorted(wanted)


def _unknown_type(name: str) -> InvalidRequest:
    return InvalidRequest(
        f"'{name[:80]}' is not an event type; GET /api/v1/webhooks/event-types lists them "
        "(a family such as 'candidate.*' also works).",
        param="types",
        code="unknown_event_type",
    )


def read_feed(
    session: Session,
    principal: Principal,
    starting_after: uuid.UUID | None,
    types: Sequence[str],
    limit: int,
) -> EventFeedOut:
    """One page of the feed after ``starting_after`` (from the oldest kept event without it)."""
    repo = EventFeedRepository(session, principal)
    after = None
    if starting_after is not None:
        after = repo.key_of(starting_after)
        if after is None:
            raise NotFound(
                f"No event with id '{ids.render('evt', starting_after)}' in this account: it "
                "never was one of its events, or it has passed the event retention window. "
                "Start again without starting_after.",
                param="starting_after",
                code="event_not_found",
            )
    rows = repo.page(after, feed_types(types), limit + 1)
    has_more = len(rows) > limit
    events = [FeedEvent.model_validate(row.payload) for row in rows[:limit]]
    if events:
        last: str | None = events[-1].id
    else:  # caught up: poll again from the same place
        last = ids.render("evt", starting_after) if starting_after else None
    return EventFeedOut(
        data=events, has_more=has_more, pagination=FeedPagination(limit=limit, next_cursor=last)
    )
