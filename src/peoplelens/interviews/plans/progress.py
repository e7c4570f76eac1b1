"""Step state changes, in one place: every transition keeps the plan's status and counters right.

The AI interview, scheduling, human scorecards and the team's API drive steps only through
these functions, so ``/candidates/{id}/status`` — which reads the plan row alone — is correct
the moment a step moves.

    AI step:     pending ──start──▶ in_progress ──complete──▶ completed
    human step:  pending ◀─unschedule─▶ scheduled ──complete (or its scorecard)──▶ completed
    any open step ──skip──▶ skipped;  pending/scheduled ──cancel──▶ cancelled

Booking a human step starts the plan (``started``): the candidate has acted on the invitation,
so it no longer lapses at ``expires_at``. A plan completes when no step is left pending,
scheduled or in progress.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from peoplelens.auth.principal import Principal
from peoplelens.interviews.plans.repository import PlanRepository, StepRepository
from peoplelens.kit.errors import Conflict
from peoplelens.kit.time import utcnow
from peoplelens.models import InterviewPlan, InterviewStep

OPEN_STEP_STATUSES = frozenset({"pending", "scheduled", "in_progress"})
_ALLOWED = {
    "schedule": frozenset({"pending", "scheduled"}),
    "unschedule": frozenset({"scheduled"}),
    "start": frozenset({"pending", "scheduled"}),
    "complete": frozenset({"in_progress"}),
    "complete a human": frozenset({"pending", "scheduled", "in_progress"}),
    "skip": frozenset({"pending", "scheduled", "in_progress"}),
    "cancel": frozenset({"pending", "scheduled"}),
}


def _transition(
    session: Session, principal: Principal, step: InterviewStep, action: str, target: str
) -> InterviewPlan:
    plan = PlanRepository(session, principal).get_or_404(step.plan_id, lock=True)
    if plan.status != "active":
        raise Conflict(
            f"The interview plan is {plan.status}; its steps can no longer change.",
            code="plan_not_active",
        )
    if step.status not in _ALLOWED[action]:
        raise Conflict(
            f"Cannot {action} step that is {step.status}."
            if action.startswith("complete a")
            else f"Cannot {action} a step that is {step.status}.",
            code="invalid_step_state",
        )
    now = utcnow()
    step.status = target
    step.updated_at = now
    if target in ("in_progress", "scheduled"):
        plan.started = True
    if target == "in_progress" or (target == "completed" and step.started_at is None):
        step.started_at = now
    if target in ("completed", "skipped"):
        step.completed_at = now
    _recount(session, principal, plan, now)
    if action == "unschedule":  # nothing else begun: the invitation may lapse again
        steps = StepRepository(session, principal).for_plans([plan.id])[plan.id]
        plan.started = plan.consented_at is not None or any(
            s.started_at is not None or s.status == "scheduled" for s in steps
        )
    return plan


def _recount(session: Session, principal: Principal, plan: InterviewPlan, now: datetime) -> None:
    session.flush()
    steps = StepRepository(session, principal).for_plans([plan.id])[plan.id]
    live = [s for s in steps if s.status != "cancelled"]
    plan.total_steps = len(live)
    plan.completed_steps = sum(1 for s in live if s.status == "completed")
    if live and not any(s.status in OPEN_STEP_STATUSES for s in live):
        plan.status = "completed"
    plan.updated_at = now


def schedule_step(session: Session, principal: Principal, step: InterviewStep) -> InterviewPlan:
    return _transition(session, principal, step, "schedule", "scheduled")


def start_step(session: Session, principal: Principal, step: InterviewStep) -> InterviewPlan:
    return _transition(session, principal, step, "start", "in_progress")


def unschedule_step(session: Session, principal: Principal, step: InterviewStep) -> InterviewPlan:
    """The candidate withdrew their booking: the step waits for a new one."""
    return _transition(session, principal, step, "unschedule", "pending")


def complete_step(session: Session, principal: Principal, step: InterviewStep) -> InterviewPlan:
    """An AI step ends with its last answer; a human step when its interviewer says so (their
    scorecard, or ``…/complete``), booked or not — the meeting may have been arranged
    elsewhere."""
    action = "complete" if step.type == "ai_interview" else "complete a human"
    return _transition(session, principal, step, action, "completed")


def cancel_step(session: Session, principal: Principal, step: InterviewStep) -> InterviewPlan:
    """The team dropped one step; the plan goes on without it (and completes if it was the
    last one open)."""
    return _transition(session, principal, step, "cancel", "cancelled")


def skip_step(session: Session, principal: Principal, step: InterviewStep) -> InterviewPlan:
    return _transition(session, principal, step, "skip", "skipped")


def cancel_open_steps(session: Session, principal: Principal, plan: InterviewPlan) -> None:
    """Used when the plan itself is cancelled: its open steps go with it."""
    now = utcnow()
    for step in StepRepository(session, principal).for_plans([plan.id])[plan.id]:
        if step.status in OPEN_STEP_STATUSES:
            step.status = "cancelled"
            step.updated_at = now
    plan.updated_at = now
