"""Human interview steps (spec §5): schedule, complete or skip, cancel, the calendar invite."""

from __future__ import annotations

from fastapi import Response

from peoplelens.boundary.dependencies import (
    AssignedReadPrincipal,
    AssignedWritePrincipal,
    RuntimeDep,
    SessionDep,
    WritePrincipal,
)
from peoplelens.boundary.router import api_router, not_found_doc, responses
from peoplelens.interviews.plans import steps
from peoplelens.interviews.plans.schemas import PlanOut
from peoplelens.interviews.scheduling import service
from peoplelens.interviews.scheduling.schemas import ScheduleIn, ScheduleOut, StepOutcomeIn
from peoplelens.kit.ids import PlanID, StepID

router = api_router("interviews")
_404 = not_found_doc("interview plan")


@router.post(
    "/interviews/{id}/schedule",
    response_model=ScheduleOut,
    responses=_404
    | responses(
        r409="The step is not a human step or is over, the plan can no longer change, the "
        "interviewer is deactivated, or has another interview then (`error.next_slots`).",
    ),
)
def schedule(
    id: PlanID,
    body: ScheduleIn,
    principal: WritePrincipal,
    session: SessionDep,
    runtime: RuntimeDep,
) -> ScheduleOut:
    """Schedules a human interview step, or moves it when it is already scheduled: returns
    `{"success": true, "meetLink": …}` as in the reference, plus the calendar `event` and its
    invite (RFC 5545, `METHOD:REQUEST`). The candidate and the interviewer are e-mailed the
    invite; a move raises its `SEQUENCE`. Fires `interview.scheduled`."""
    return service.schedule(session, principal, runtime.scheduling, id, body)


@router.post(
    "/interviews/{id}/steps/{step_id}/complete",
    response_model=PlanOut,
    responses=_404
    | responses(r409="The step is already over, is an AI step, or the plan can no longer change."),
)
def complete_step(
    id: PlanID,
    step_id: StepID,
    principal: AssignedWritePrincipal,
    session: SessionDep,
    runtime: RuntimeDep,
    body: StepOutcomeIn | None = None,
) -> PlanOut:
    """Marks a human step done (`{"status": "skipped"}` skips it instead; an AI step can only
    be skipped). The plan's counters, its status and `/candidates/{id}/status` follow at once.
    An interviewer may complete their own step. Fires `interview.step_completed`."""
    outcome = body.status if body is not None else "completed"
    return steps.finish(session, principal, runtime.scheduling, id, step_id, outcome)


@router.post(
    "/interviews/{id}/steps/{step_id}/cancel",
    response_model=PlanOut,
    responses=_404 | responses(r409="The step is already over, or the plan can no longer change."),
)
def cancel_step(
    id: PlanID, step_id: StepID, principal: WritePrincipal, session: SessionDep, runtime: RuntimeDep
) -> PlanOut:
    """Drops a step that has not happened; a booked meeting is withdrawn (a `CANCEL` invite to
    the candidate and the interviewer). The plan goes on with its other steps."""
    return steps.cancel(session, principal, runtime.scheduling, id, step_id)


@router.get(
    "/interviews/{id}/steps/{step_id}/invite.ics",
    response_class=Response,
    responses=_404
    | {200: {"content": {"text/calendar": {}}, "description": "The iCalendar invite."}},
)
def invite_ics(
    id: PlanID,
    step_id: StepID,
    principal: AssignedReadPrincipal,
    session: SessionDep,
    runtime: RuntimeDep,
) -> Response:
    """The step's calendar invite as it stands: `METHOD:REQUEST` with the organizer, the
    candidate and the interviewer as attendees, a stable `UID` and the current `SEQUENCE`; a
    `METHOD:CANCEL` once the meeting is withdrawn. 404 `no_invite` before it is scheduled."""
    text, name = service.current_invite(session, principal, runtime.settings, id, step_id)
    return Response(
        text,
        media_type="text/calendar; charset=utf-8; method="
        + ("CANCEL" if "METHOD:CANCEL" in text else "REQUEST"),
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )
