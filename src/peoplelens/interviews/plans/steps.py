"""The team's actions on one step: mark a human step done or skipped, or drop a step.

A step moves only through ``progress.py``; a booked meeting is withdrawn through the
scheduling service (its ``CANCEL`` invite goes to both people).
"""

from __future__ import annotations

import uuid
from typing import Literal

from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditLog
from peoplelens.auth.principal import Principal
from peoplelens.events.repository import EventOutbox
from peoplelens.interviews.plans import progress
from peoplelens.interviews.plans.repository import PlanRepository, StepRepository
from peoplelens.interviews.plans.schemas import PlanOut
from peoplelens.interviews.plans.state import effective_plan_status
from peoplelens.interviews.scheduling import service as scheduling
from peoplelens.kit import ids
from peoplelens.kit.errors import Conflict
from peoplelens.kit.time import utcnow
from peoplelens.models import InterviewPlan, InterviewStep


def step_for_caller(
    session: Session, principal: Principal, plan_id: uuid.UUID, step_id: uuid.UUID, *, lock: bool
) -> tuple[InterviewPlan, InterviewStep]:
    """The plan (locked when it will change) and its step, as the caller may reach it."""
    plan = PlanRepository(session, principal).get_or_404(plan_id, lock=lock)
    return plan, StepRepository(session, principal).assigned_in_plan_or_404(plan.id, step_id)


def require_active(plan: InterviewPlan) -> None:
    status = effective_plan_status(plan, utcnow())
    if status != "active":
        raise Conflict(
            f"The interview plan is {status}; its steps can no longer change.",
            code="plan_not_active",
        )


def finish(
    session: Session,
    principal: Principal,
    setup: scheduling.Setup,
    plan_id: uuid.UUID,
    step_id: uuid.UUID,
    outcome: Literal["completed", "skipped"],
) -> PlanOut:
    """``…/steps/{step_id}/complete``: a human step is done (or skipped); an AI step may be
    skipped (the candidate will not take it) but completes only with the candidate's answers."""
    plan, step = step_for_caller(session, principal, plan_id, step_id, lock=True)
    require_active(plan)
    if outcome == "completed":
        if step.type != "human_interview":
            raise Conflict(
                "An AI interview step completes with the candidate's last answer; "
                'send {"status": "skipped"} to skip it.',
                code="step_not_completable",
            )
        progress.complete_step(session, principal, step)
    else:
        was_booked = step.status == "scheduled"
        progress.skip_step(session, principal, step)
        if was_booked:
            scheduling.release(session, principal, setup, plan, step, by="team")
    emit_step_finished(session, principal, plan, step)
    AuditLog(session, principal).record(
        "INTERVIEW_STEP_COMPLETED" if outcome == "completed" else "INTERVIEW_STEP_SKIPPED",
        "interview_step",
        ids.render("step", step.id),
    )
    return PlanOut.build(plan, StepRepository(session, principal).for_plans([plan.id])[plan.id])


def cancel(
    session: Session,
    principal: Principal,
    setup: scheduling.Setup,
    plan_id: uuid.UUID,
    step_id: uuid.UUID,
) -> PlanOut:
    """``…/steps/{step_id}/cancel``: the team drops a step that has not happened; its meeting,
    if booked, is withdrawn. The plan goes on with its other steps."""
    plan, step = step_for_caller(session, principal, plan_id, step_id, lock=True)
    require_active(plan)
    progress.cancel_step(session, principal, step)
    scheduling.release(session, principal, setup, plan, step, by="team")
    AuditLog(session, principal).record(
        "INTERVIEW_STEP_CANCELLED", "interview_step", ids.render("step", step.id)
    )
    return PlanOut.build(plan, StepRepository(session, principal).for_plans([plan.id])[plan.id])


def emit_step_finished(
    session: Session, principal: Principal, plan: InterviewPlan, step: InterviewStep
) -> None:
    """``interview.step_completed`` (ours): a step ended — completed or skipped — with the
    plan's progress, so an integration need not poll."""
    EventOutbox(session, principal).emit(
        "interview.step_completed",
        {
            "plan_id": ids.render("plan", plan.id),
            "step_id": ids.render("step", step.id),
            "candidate_id": ids.render("can", plan.candidate_id),
            "type": step.type,
            "status": step.status,
            "plan_status": plan.status,
            "completed_steps": plan.completed_steps,
            "total_steps": plan.total_steps,
        },
        candidate_id=plan.candidate_id,
    )
