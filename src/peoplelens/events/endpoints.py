"""The event feed (spec §14). Thin: parse, call the service, return."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query
from pydantic import WithJsonSchema

from peoplelens.boundary.dependencies import ReadPrincipal, SessionDep
from peoplelens.boundary.router import api_router, responses
from peoplelens.events import service
from peoplelens.events.schemas import EventFeedOut
from peoplelens.kit.ids import EventID

# The schema lists the names and families one by one (a comma-separated list of them is also
# accepted, as the description says): a client, and the schema fuzzer, know what is valid.
TypeFilter = Annotated[
    str,
    WithJsonSchema({"type": "string", "enum": ["*", *service.FEED_FILTERS]}),
]

router = api_router("events")


@router.get(
    "/events",
    response_model=EventFeedOut,
    responses=responses(r404="`starting_after` names no event of this account (any more)."),
)
def list_events(
    principal: ReadPrincipal,
    session: SessionDep,
    starting_after: Annotated[
        EventID | None,
        Query(description="An event id (`evt-…`): the events after it. Omitted: from the oldest."),
    ] = None,
    types: Annotated[
        list[TypeFilter] | None,
        Query(
            max_length=50,
            description="Event types to include, comma-separated or repeated; a family such "
            "as `candidate.*` works. Omitted: all.",
        ),
    ] = None,
    limit: Annotated[
        int,
        Query(ge=1, le=service.FEED_MAX_LIMIT, description="Page size (max 1000)."),
    ] = service.FEED_DEFAULT_LIMIT,
) -> EventFeedOut:
    """The account's events in order — the same envelopes its webhooks carry, including the
    `candidate.deleted` / `job.deleted` tombstones (ids only) — so an integration that was
    down can catch up without webhooks: page with `starting_after` = `pagination.next_cursor`
    until `has_more` is false, then keep polling from there. The order is commit order (an
    event that commits late comes after what you have read, never behind your cursor).
    Events are kept for the account's event retention window (default 30 days)."""
    return service.read_feed(session, principal, starting_after, types or [], limit)
