"""Interview plans (spec §5): invite, read, list, cancel, decide."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query, status

from peoplelens.boundary.dependencies import (
    AssignedReadPrincipal,
    RuntimeDep,
    SessionDep,
    WritePrincipal,
)
from peoplelens.boundary.router import api_router, not_found_doc, responses
from peoplelens.interviews.plans import links, service
from peoplelens.interviews.plans.schemas import (
    BookingLinks,
    DecisionIn,
    InviteIn,
    InviteOut,
    PlanOut,
)
from peoplelens.kit.ids import CandidateID, JobID, PlanID
from peoplelens.kit.params import PageDep
from peoplelens.kit.schemas import ListResponse

router = api_router("interviews")
_404 = not_found_doc("interview plan")


@router.post(
    "/interviews/invite",
    response_model=InviteOut,
    status_code=status.HTTP_201_CREATED,
    responses=responses(
        r409="The candidate is not active (hired, rejected or archived), or an interviewer is "
        "deactivated."
    ),
)
def invite(
    body: InviteIn, principal: WritePrincipal, session: SessionDep, runtime: RuntimeDep
) -> InviteOut:
    """Creates an interview plan for a candidate and returns its self-scheduling link.
    Send `template_id` for a single AI interview, or `steps` for a multi-step plan. The
    `booking_link.url` is the candidate's credential: send it to them, keep it out of logs —
    or let PeopleLens e-mail it (`send_email`, see GET /api/v1/emails). Fires
    `interview.invited`."""
    return service.invite(
        session,
        principal,
        body,
        public_url=runtime.settings.public_url,
        secret=runtime.secret_key,
        default_hours=runtime.settings.booking_link_default_hours,
        smtp_configured=runtime.settings.smtp_url is not None,
    )


@router.get(
    "/interviews/booking-links",
    response_model=BookingLinks,
    response_model_exclude_unset=True,  # the doc's one-candidate answer has no `pagination`
    responses=not_found_doc("candidate"),
)
def booking_links(
    principal: WritePrincipal,
    session: SessionDep,
    runtime: RuntimeDep,
    page: PageDep,
    candidate_id: Annotated[CandidateID | None, Query()] = None,
) -> BookingLinks:
    """Active, unused booking links (of active plans, not expired). With `candidate_id`: that
    candidate's, newest first, as `{"booking_links": [...]}` (not paged). Without: every such
    link of the workspace, newest first, paged by `limit`/`offset` or `cursor`, with
    `pagination`. Each `url` is the candidate's credential, so listing them takes the `write`
    scope (a read-only key cannot obtain one)."""
    return links.booking_links(
        session,
        principal,
        candidate_id,
        page,
        public_url=runtime.settings.public_url,
        secret=runtime.secret_key,
    )


@router.get("/interviews/{id}", response_model=PlanOut, responses=_404)
def get_plan(id: PlanID, principal: AssignedReadPrincipal, session: SessionDep) -> PlanOut:
    """One interview plan with its ordered steps."""
    return service.get_plan(session, principal, id)


@router.get("/interviews", response_model=ListResponse[PlanOut])
def list_plans(
    principal: AssignedReadPrincipal,
    session: SessionDep,
    page: PageDep,
    candidate_id: Annotated[CandidateID | None, Query()] = None,
    job_id: Annotated[JobID | None, Query()] = None,
    status: Annotated[
        Literal["active", "completed", "cancelled", "expired"] | None, Query()
    ] = None,
) -> ListResponse[PlanOut]:
    """Lists interview plans, newest first; filters `candidate_id`, `job_id`, `status`. An
    interviewer sees the plans with a step assigned to them."""
    data, result = service.list_plans(session, principal, page, candidate_id, job_id, status)
    return ListResponse[PlanOut].of(data, result)


@router.post(
    "/interviews/{id}/cancel",
    response_model=PlanOut,
    responses=_404 | responses(r409="The plan is already completed, cancelled or expired."),
)
def cancel_plan(
    id: PlanID, principal: WritePrincipal, session: SessionDep, runtime: RuntimeDep
) -> PlanOut:
    """Cancels an active plan: its open steps are cancelled, its links stop working, and a
    booked meeting is withdrawn (a `CANCEL` invite to the candidate and the interviewer)."""
    return service.cancel_plan(session, principal, runtime.scheduling, id)


@router.post("/interviews/{id}/decision", response_model=PlanOut, responses=_404)
def decide(
    id: PlanID,
    body: DecisionIn,
    principal: WritePrincipal,
    session: SessionDep,
    runtime: RuntimeDep,
) -> PlanOut:
    """Records a decision: `status` is `advance`, `hire`, `reject`, `hold` or a plan status;
    `stage` moves the candidate. Fires `interview.decision`, and `candidate.stage_changed` /
    `candidate.status_changed` when the candidate moves."""
    return service.decide(session, principal, runtime.scheduling, id, body)
