"""Inbound ATS webhooks (spec §9 "Inbound", §14). Thin: parse, call the service, return."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Body, Path, Response

from peoplelens.boundary.dependencies import InboundPrincipal, SessionDep
from peoplelens.boundary.router import API_PREFIX, api_router, responses
from peoplelens.inbound import service
from peoplelens.inbound.providers import PROVIDERS
from peoplelens.inbound.schemas import InboundReceived
from peoplelens.kit import query_token
from peoplelens.kit.http_errors import api_error_response
from peoplelens.kit.schemas import json_response

# The one place a key may come in the query string (kit/query_token.py).
QUERY_TOKEN_PATHS = (f"{API_PREFIX}/inbound/",)

router = api_router("inbound")

_TOKEN_PARAMETER = {
    "name": query_token.PARAMETER,
    "in": "query",
    "required": False,
    "schema": {"type": "string"},
    "description": "An API key with the `inbound` scope, for senders that cannot set a "
    "header (Recruitee). `Authorization: Bearer` works too. Never logged.",
}


@router.post(
    "/inbound/{provider}",
    response_model=InboundReceived,
    responses=responses(
        r403="The key lacks the `inbound` scope (only an `inbound` key may call this).",
        r404="No such provider.",
        r409="The candidate's e-mail belongs to another candidate (recorded as rejected).",
        r422="The payload is not the provider's shape, or a value breaks a candidate rule.",
    ),
    openapi_extra={"parameters": [_TOKEN_PARAMETER]},
)
async def receive(
    provider: Annotated[str, Path(max_length=32, description=", ".join(sorted(PROVIDERS)))],
    body: Annotated[dict[str, Any], Body()],
    principal: InboundPrincipal,
    session: SessionDep,
) -> Response:
    """Upserts a candidate (and their job) from an ATS event, by `external_id`. Authorised by
    an API key with the `inbound` scope — `?api_token=<key>` (the only route that takes a key
    in the URL) or `Authorization: Bearer`. Always 200 for an accepted event, whose `outcome`
    is `created`, `updated`, `unchanged` or `ignored` (an event we do not use: no retry
    needed). A redelivered event id answers its first outcome (`replayed: true`).

    `generic` takes `{"event_id"?, "event": "candidate.upserted" | "candidate.deleted",
    "candidate": {"external_id", "first_name", "last_name", "email", "phone",
    "linkedin_url", "metadata", "status", "stage", "job": {"external_id", "title",
    "department", "description", "status"}}}` — a new candidate needs first_name, last_name and
    email; `candidate.deleted` archives (never erases). `recruitee` takes Recruitee's candidate
    webhooks (`new_candidate`, `candidate_moved`, `candidate_disqualified`,
    `candidate_requalified`, `candidate_deleted`) and answers its test request."""
    received = await service.receive(session, principal, provider, body)
    if received.refused is not None:
        return api_error_response(received.refused)
    return json_response(received.answer)
