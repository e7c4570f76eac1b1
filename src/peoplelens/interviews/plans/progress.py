"""Step state changes, in one place: every transition keeps the plan's status and counters right.

The AI interview (and later, scheduling) drive steps only through these functions, so
``/candidates/{id}/status`` — which reads the plan row alone — is correct the moment a step
moves.

    pending/scheduled ──start──▶ in_progress ──complete──▶ completed
           │                          │
           └──────────skip────────────┴──▶ skipped

A plan completes when no step is left pending, scheduled or in progress.
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
    "start": frozenset({"pending", "scheduled"}),
    "complete": frozenset({"in_progress"}),
    "skip": frozenset({"pending", "scheduled", "in_progress"}),
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
        raise Conflict(f"Cannot {action} a step that is {step.status}.", code="invalid_step_state")
    now = utcnow()
    step.status = target
    step.updated_at = now
    if target == "in_progress":
        step.started_at = now
        plan.started = True
    if target in ("completed", "skipped"):
        step.completed_at = now
    _recount(session, principal, plan, now)
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


def complete_step(session: Session, principal: Principal, step: InterviewStep) -> InterviewPlan:
    return _transition(session, principal, step, "complete", "completed")


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
