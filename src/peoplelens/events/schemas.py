"""The event feed's answer (spec §14): the webhook envelopes, in order, and where to go on."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class FeedEvent(BaseModel):
    """One event, exactly as its webhook body (``{id, event, timestamp, data}``)."""

    id: str = Field(description="`evt-<uuid>`; the same id as the webhook delivery's.")
    event: str = Field(description="The event type, e.g. `candidate.created`.")
    timestamp: str = Field(description="When the change committed (ISO-8601 UTC).")
    data: dict[str, Any]


class FeedPagination(BaseModel):
    limit: int
    next_cursor: str | None = Field(
        description="The last event's id: pass it as `starting_after` for the next page, and "
        "keep polling with it when `has_more` is false. Null only on an empty feed."
    )


class EventFeedOut(BaseModel):
    data: list[FeedEvent]
    has_more: bool = Field(description="More events follow now; false: caught up.")
    pagination: FeedPagination
