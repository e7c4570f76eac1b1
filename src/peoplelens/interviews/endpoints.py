"""Interview plans (spec §5)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query, status

from peoplelens.boundary.dependencies import ReadPrincipal, RuntimeDep, SessionDep, WritePrincipal
from peoplelens.boundary.router import api_router, not_found_doc, responses
from peoplelens.interviews import scheduling, scorecards, service
from peoplelens.interviews.schedule_schemas import ScheduleIn, ScheduleOut
from peoplelens.interviews.schemas import BookingLinks, DecisionIn, InviteIn, InviteOut, PlanOut
from peoplelens.interviews.scorecard_schemas import (
    HumanScorecardIn,
    HumanScorecardOut,
    PlanScorecardOut,
    ReassessOut,
    TranscriptOut,
)
from peoplelens.kit.ids import ID_PATTERN
from peoplelens.kit.params import PageDep
from peoplelens.kit.schemas import ListResponse

router = api_router("interviews")
_404 = not_found_doc("interview plan")


@router.post("/interviews/invite", response_model=InviteOut, status_code=status.HTTP_201_CREATED)
def invite(
    body: InviteIn, principal: WritePrincipal, session: SessionDep, runtime: RuntimeDep
) -> InviteOut:
    """Creates an interview plan for a candidate and returns its self-scheduling link.
    Send `template_id` for a single AI interview, or `steps` for a multi-step plan. The
    `booking_link.url` is the candidate's credential: send it to them, keep it out of logs.
    Fires `interview.invited`."""
    return service.invite(
        session,
        principal,
        body,
        public_url=runtime.settings.public_url,
        secret=runtime.secret_key,
        default_hours=runtime.settings.booking_link_default_hours,
    )


@router.get("/interviews/booking-links", response_model=BookingLinks)
def booking_links(
    principal: ReadPrincipal,
    session: SessionDep,
    runtime: RuntimeDep,
    candidate_id: Annotated[str, Query(max_length=100, pattern=ID_PATTERN)],
) -> BookingLinks:
    """The candidate's active, unused booking links."""
    links = service.booking_links(
        session,
        principal,
        candidate_id,
        public_url=runtime.settings.public_url,
        secret=runtime.secret_key,
    )
    return BookingLinks(booking_links=links)


@router.get("/interviews/{id}", response_model=PlanOut, responses=_404)
def get_plan(id: str, principal: ReadPrincipal, session: SessionDep) -> PlanOut:
    """One interview plan with its ordered steps."""
    return service.get_plan(session, principal, id)


@router.get("/interviews", response_model=ListResponse[PlanOut])
def list_plans(
    principal: ReadPrincipal,
    session: SessionDep,
    page: PageDep,
    candidate_id: Annotated[str | None, Query(max_length=100, pattern=ID_PATTERN)] = None,
    job_id: Annotated[str | None, Query(max_length=100, pattern=ID_PATTERN)] = None,
    status: Annotated[
        Literal["active", "completed", "cancelled", "expired"] | None, Query()
    ] = None,
) -> ListResponse[PlanOut]:
    """Lists interview plans, newest first; filters `candidate_id`, `job_id`, `status`."""
    data, result = service.list_plans(session, principal, page, candidate_id, job_id, status)
    return ListResponse[PlanOut].of(data, result)


@router.post(
    "/interviews/{id}/cancel",
    response_model=PlanOut,
    responses=_404 | responses(r409="The plan is already completed, cancelled or expired."),
)
def cancel_plan(id: str, principal: WritePrincipal, session: SessionDep) -> PlanOut:
    """Cancels an active plan: its open steps are cancelled and its links stop working."""
    return service.cancel_plan(session, principal, id)


@router.post("/interviews/{id}/decision", response_model=PlanOut, responses=_404)
def decide(id: str, body: DecisionIn, principal: WritePrincipal, session: SessionDep) -> PlanOut:
    """Records a decision: `status` is `advance`, `hire`, `reject`, `hold` or a plan status;
    `stage` moves the candidate. Fires `interview.decision`, and `candidate.stage_changed` /
    `candidate.status_changed` when the candidate moves."""
    return service.decide(session, principal, id, body)


@router.get("/interviews/{id}/scorecard", response_model=PlanScorecardOut, responses=_404)
def get_scorecard(id: str, principal: ReadPrincipal, session: SessionDep) -> PlanScorecardOut:
    """The plan's assessments: for each step its current AI scorecard (score 0–100,
    recommendation, summary, strengths, weaknesses, criteria with quoted evidence, confidence,
    model and rubric version) or `null` while not assessed, earlier versions in `history`, and
    human scorecards. `insufficient_evidence: true` comes with no score and no recommendation."""
    return scorecards.plan_scorecard(session, principal, id)


@router.get("/interviews/{id}/transcript", response_model=TranscriptOut, responses=_404)
def get_transcript(id: str, principal: ReadPrincipal, session: SessionDep) -> TranscriptOut:
    """Every AI step's messages, in order, with timestamps."""
    return scorecards.transcript(session, principal, id)


@router.post(
    "/interviews/{id}/steps/{step_id}/scorecard",
    response_model=HumanScorecardOut,
    status_code=status.HTTP_201_CREATED,
    responses=_404,
)
def add_human_scorecard(
    id: str, step_id: str, body: HumanScorecardIn, principal: WritePrincipal, session: SessionDep
) -> HumanScorecardOut:
    """Records a human interviewer's scorecard for a step. Fires `interview.human_scored`."""
    return scorecards.add_human_scorecard(session, principal, id, step_id, body)


@router.post(
    "/interviews/{id}/steps/{step_id}/reassess",
    response_model=ReassessOut,
    status_code=status.HTTP_202_ACCEPTED,
    responses=_404
    | responses(r409="The step is not a completed AI step, or an assessment is already queued."),
)
def reassess(id: str, step_id: str, principal: WritePrincipal, session: SessionDep) -> ReassessOut:
    """Queues a new assessment of a completed AI step (e.g. after `assessment_failed`, or with
    a newer model). The current scorecard stays until the new one is ready, and every version
    stays in `history`."""
    return scorecards.reassess(session, principal, id, step_id)


@router.post("/interviews/{id}/schedule", response_model=ScheduleOut, responses=_404)
def schedule(
    id: str, body: ScheduleIn, principal: WritePrincipal, session: SessionDep, runtime: RuntimeDep
) -> ScheduleOut:
    """Schedules a human interview step: returns `{"success": true, "meetLink": …}` as in the
    reference, plus the calendar `event` and an iCalendar (`.ics`, RFC 5545) invitation to send
    the candidate. Fires `interview.scheduled`."""
    return scheduling.schedule(session, principal, id, body, runtime.settings.meeting_url_template)
