"""Scorecards and transcripts of an interview plan; human scorecards; re-assessment (spec §5)."""

from __future__ import annotations

from fastapi import status

from peoplelens.boundary.dependencies import (
    AssignedReadPrincipal,
    AssignedWritePrincipal,
    SessionDep,
    WritePrincipal,
)
from peoplelens.boundary.router import api_router, not_found_doc, responses
from peoplelens.interviews.scorecards import service
from peoplelens.interviews.scorecards.schemas import (
    HumanScorecardIn,
    HumanScorecardOut,
    PlanScorecardOut,
    ReassessOut,
    TranscriptOut,
)
from peoplelens.kit.ids import PlanID, StepID

router = api_router("interviews")
_404 = not_found_doc("interview plan")


@router.get("/interviews/{id}/scorecard", response_model=PlanScorecardOut, responses=_404)
def get_scorecard(
    id: PlanID, principal: AssignedReadPrincipal, session: SessionDep
) -> PlanScorecardOut:
    """The plan's assessments: for each step its current AI scorecard (score 0–100,
    recommendation, summary, strengths, weaknesses, criteria with quoted evidence, confidence,
    model and rubric version) or `null` while not assessed, earlier versions in `history`, and
    human scorecards. `insufficient_evidence: true` comes with no score and no recommendation."""
    return service.plan_scorecard(session, principal, id)


@router.get("/interviews/{id}/transcript", response_model=TranscriptOut, responses=_404)
def get_transcript(
    id: PlanID, principal: AssignedReadPrincipal, session: SessionDep
) -> TranscriptOut:
    """Every AI step's messages, in order, with timestamps."""
    return service.transcript(session, principal, id)


@router.post(
    "/interviews/{id}/steps/{step_id}/scorecard",
    response_model=HumanScorecardOut,
    status_code=status.HTTP_201_CREATED,
    responses=_404
    | responses(
        r409="The step is not a human step, was skipped or cancelled, the plan is cancelled or "
        "expired, the interviewer is deactivated, or already scored this step."
    ),
)
def add_human_scorecard(
    id: PlanID,
    step_id: StepID,
    body: HumanScorecardIn,
    principal: AssignedWritePrincipal,
    session: SessionDep,
) -> HumanScorecardOut:
    """Records the step's interviewer's scorecard for a human step and completes the step
    (the plan and `/candidates/{id}/status` follow at once). `interviewer_id` is the step's
    interviewer; left out, it is the signed-in person, else the step's interviewer (a step
    without one takes the named user as its interviewer). Another user → 422
    `not_step_interviewer`; a second scorecard by the same person → 409 `scorecard_exists`.
    Sent before a booked meeting's time, it completes the step and the time stays taken.
    Fires `interview.human_scored`."""
    return service.add_human_scorecard(session, principal, id, step_id, body)


@router.post(
    "/interviews/{id}/steps/{step_id}/reassess",
    response_model=ReassessOut,
    status_code=status.HTTP_202_ACCEPTED,
    responses=_404
    | responses(r409="The step is not a completed AI step, or an assessment is already queued."),
)
def reassess(
    id: PlanID, step_id: StepID, principal: WritePrincipal, session: SessionDep
) -> ReassessOut:
    """Queues a new assessment of a completed AI step (e.g. after `assessment_failed`, or with
    a newer model). The current scorecard stays until the new one is ready, and every version
    stays in `history`."""
    return service.reassess(session, principal, id, step_id)
