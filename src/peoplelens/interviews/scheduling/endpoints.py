"""Scheduling a human interview step (spec §5)."""

from __future__ import annotations

from peoplelens.boundary.dependencies import RuntimeDep, SessionDep, WritePrincipal
from peoplelens.boundary.router import api_router, not_found_doc, responses
from peoplelens.interviews.scheduling import service
from peoplelens.interviews.scheduling.schemas import ScheduleIn, ScheduleOut
from peoplelens.kit.ids import PlanID

router = api_router("interviews")


@router.post(
    "/interviews/{id}/schedule",
    response_model=ScheduleOut,
    responses=not_found_doc("interview plan")
    | responses(
        r409="The step is not a human step, its plan or step can no longer change, or the "
        "interviewer is deactivated."
    ),
)
def schedule(
    id: PlanID,
    body: ScheduleIn,
    principal: WritePrincipal,
    session: SessionDep,
    runtime: RuntimeDep,
) -> ScheduleOut:
    """Schedules a human interview step: returns `{"success": true, "meetLink": …}` as in the
    reference, plus the calendar `event` and an iCalendar (`.ics`, RFC 5545) invitation to send
    the candidate. Fires `interview.scheduled`."""
    return service.schedule(session, principal, id, body, runtime.settings.meeting_url_template)
