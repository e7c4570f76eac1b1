"""Candidates (spec §2). Thin: parse, call the service, return."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Response, status

from peoplelens.boundary.dependencies import (
    AssignedReadPrincipal,
    ReadLaneDep,
    ReadPrincipal,
    SessionDep,
    WriteLaneDep,
    WritePrincipal,
)
from peoplelens.boundary.router import api_router, not_found_doc, responses
from peoplelens.candidates import bulk, service
from peoplelens.candidates.rules import CandidateStatus
from peoplelens.candidates.schemas import (
    BulkCandidates,
    BulkCreated,
    CandidateCreate,
    CandidateFilters,
    CandidateOut,
    CandidatePatch,
    CandidateStatusOut,
)
from peoplelens.interviews.plans.repository import AssignmentReads
from peoplelens.kit.ids import CandidateID, JobID, not_found
from peoplelens.kit.params import PageDep
from peoplelens.kit.schemas import Deleted, ListResponse, UtcDatetime, json_response

router = api_router("candidates")

_404 = not_found_doc("candidate")


@router.get("/candidates/{id}", response_model=CandidateOut, responses=_404, hot=True)
async def get_candidate(
    id: CandidateID, principal: AssignedReadPrincipal, lane: ReadLaneDep
) -> Response:
    """Returns the full profile for a specific candidate, including their associated job
    (`job_searches`). The id may be given as `can-<uuid>`, `can_<uuid>` or the bare UUID.
    Sends a strong `ETag`; repeat with `If-None-Match` to get a bodyless 304. An interviewer
    sees the candidates of the plans assigned to them."""
    if principal.is_interviewer and not await AssignmentReads(lane, principal).candidate_visible(
        principal, id
    ):
        raise not_found("can", id)
    return json_response(await service.read_candidate(lane, principal, id))


@router.patch(
    "/candidates/{id}",
    response_model=CandidateOut,
    responses=_404 | responses(r409="The new e-mail or external_id belongs to another candidate."),
)
async def update_candidate(
    id: CandidateID, body: CandidatePatch, principal: WritePrincipal, tx: WriteLaneDep
) -> Response:
    """Updates fields for an existing candidate and returns the whole updated object.
    Only the fields sent change; `null` clears an optional field. Fires `candidate.updated`,
    and `candidate.status_changed` / `candidate.stage_changed` when those change."""
    return json_response(await service.update_candidate(tx, principal, id, body))


@router.delete("/candidates/{id}", response_model=Deleted, responses=_404)
def delete_candidate(id: CandidateID, principal: WritePrincipal, session: SessionDep) -> Deleted:
    """Permanently removes a candidate and everything attached to them: interview plans,
    steps, booking links, transcripts, scorecards, documents. Earlier webhook payloads about
    the candidate are redacted. Fires `candidate.deleted` (carrying the id only)."""
    return Deleted(id=service.delete_candidate(session, principal, id))


@router.get("/candidates/{id}/status", response_model=CandidateStatusOut, responses=_404, hot=True)
async def candidate_status(
    id: CandidateID, principal: ReadPrincipal, lane: ReadLaneDep
) -> Response:
    """Returns the status of the most recent interview for the candidate — made for polling.
    `status` is `not_invited`, `invited`, `in_progress`, `completed`, `cancelled` or `expired`.
    Poll with `If-None-Match`: an unchanged status answers 304 with no body."""
    return json_response(await service.read_status(lane, principal, id))


@router.post(
    "/candidates",
    response_model=CandidateOut,
    status_code=status.HTTP_201_CREATED,
    responses=responses(r409="E-mail or external_id already used."),
)
async def create_candidate(
    body: CandidateCreate, principal: WritePrincipal, tx: WriteLaneDep
) -> Response:
    """Creates a candidate. `first_name`, `last_name` and `email` are required; the e-mail is
    unique per account (case-insensitive) and so is `external_id` when given — a clash answers
    409 with the existing id. Fires `candidate.created`. Accepts `Idempotency-Key`."""
    created = await service.create_candidate(tx, principal, body)
    return json_response(created, status_code=status.HTTP_201_CREATED)


@router.post(
    "/candidates/bulk",
    response_model=BulkCreated,
    status_code=status.HTTP_201_CREATED,
    responses=responses(r409="An item's e-mail or external_id is already used; nothing created."),
)
def bulk_create(
    body: BulkCandidates, principal: WritePrincipal, session: SessionDep
) -> BulkCreated:
    """Creates up to 1,000 candidates at once, all or nothing: one invalid item, duplicate or
    exceeded quota rejects the whole batch (`error.param` names e.g. `candidates[3].email`)."""
    data = bulk.bulk_create(session, principal, body)
    return BulkCreated(created=len(data), data=data)


@router.get("/candidates", response_model=ListResponse[CandidateOut])
async def list_candidates(
    principal: ReadPrincipal,
    lane: ReadLaneDep,
    page: PageDep,
    status: Annotated[CandidateStatus | None, Query()] = None,
    job_id: Annotated[JobID | None, Query()] = None,
    stage: Annotated[str | None, Query(max_length=64)] = None,
    email: Annotated[str | None, Query(max_length=320)] = None,
    external_id: Annotated[str | None, Query(max_length=200)] = None,
    q: Annotated[str | None, Query(max_length=200, description="Name or e-mail contains.")] = None,
    created_after: Annotated[UtcDatetime | None, Query()] = None,
    updated_after: Annotated[UtcDatetime | None, Query()] = None,
) -> Response:
    """Lists candidates, newest first. Offset paging (`limit`, `offset`) as in the reference,
    or keyset paging with `cursor` (= `pagination.next_cursor`) for deep lists."""
    filters = CandidateFilters(
        status=status,
        job_id=job_id,
        stage=stage,
        email=email,
        external_id=external_id,
        q=q,
        created_after=created_after,
        updated_after=updated_after,
    )
    data, result = await service.list_candidates(lane, principal, filters, page)
    return json_response(ListResponse[CandidateOut].of(data, result))
