"""Scheduling a human interview step: a meeting link and a standards-conforming invitation.

The meeting link comes from ``PEOPLELENS_MEETING_URL_TEMPLATE`` (default: a Jitsi Meet room
with an unguessable name; any provider that takes a room name in the URL works). The
invitation is an RFC 5545 iCalendar ``REQUEST`` with the candidate as attendee.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import timedelta

from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditLog
from peoplelens.auth.principal import Principal
from peoplelens.candidates.repository import CandidateRepository
from peoplelens.events.repository import EventOutbox
from peoplelens.interviews.plans import progress
from peoplelens.interviews.plans.repository import PlanRepository, StepRepository
from peoplelens.interviews.scheduling.ics import build_ics
from peoplelens.interviews.scheduling.schemas import ScheduledEvent, ScheduleIn, ScheduleOut
from peoplelens.kit import ids
from peoplelens.kit.errors import Conflict, InvalidRequest
from peoplelens.kit.time import iso, utcnow
from peoplelens.users.service import assignable_user


def schedule(
    session: Session, principal: Principal, plan_id: uuid.UUID, data: ScheduleIn, url_template: str
) -> ScheduleOut:
    plan = PlanRepository(session, principal).get_or_404(plan_id)
    step = StepRepository(session, principal).in_plan_or_404(plan.id, data.step_id)
    if step.type != "human_interview":
        raise Conflict(
            "Only human interview steps are scheduled; AI steps start from the candidate's link.",
            code="step_not_schedulable",
        )
    end = data.end_time or data.start_time + timedelta(minutes=45)
    if end <= data.start_time:
        raise InvalidRequest("'end_time' must be after 'start_time'.", param="end_time")
    if data.start_time < utcnow() - timedelta(minutes=5):
        raise InvalidRequest("'start_time' is in the past.", param="start_time")
    if data.interviewer_id is not None:  # else the step keeps the one it was planned with
        interviewer = assignable_user(session, principal, data.interviewer_id, "interviewer_id")
        step.interviewer_user_id = interviewer.id
    interviewer_id = ids.render_opt("usr", step.interviewer_user_id)
    progress.schedule_step(session, principal, step)
    candidate = CandidateRepository(session, principal).get(plan.candidate_id)
    assert candidate is not None
    url = url_template.format(
        room=f"peoplelens-{secrets.token_urlsafe(12)}", step_id=ids.render("step", step.id)
    )
    title = data.title or step.title
    event = ScheduledEvent(
        step_id=ids.render("step", step.id),
        start_time=iso(data.start_time),
        end_time=iso(end),
        title=title,
        description=data.description,
        interviewer_id=interviewer_id,
        meeting_url=url,
    )
    step.schedule = event.model_dump()
    ics = build_ics(
        f"{step.id}@peoplelens",
        data.start_time,
        end,
        title,
        data.description or f"Interview: {title}",
        url,
        candidate.email,
    )
    EventOutbox(session, principal).emit(
        "interview.scheduled",
        {
            "plan_id": ids.render("plan", plan.id),
            "step_id": event.step_id,
            "candidate_id": ids.render("can", plan.candidate_id),
            "interviewer_id": interviewer_id,
            "start_time": event.start_time,
            "end_time": event.end_time,
            "title": title,
            "meeting_url": url,
        },
        candidate_id=plan.candidate_id,
    )
    AuditLog(session, principal).record("INTERVIEW_SCHEDULED", "interview_step", event.step_id)
    return ScheduleOut(success=True, meetLink=url, event=event, ics=ics)
