"""An interview plan's status as callers see it, derived on read from the plan row alone."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, Protocol, cast

InterviewStatus = Literal[
    "not_invited", "invited", "in_progress", "completed", "cancelled", "expired"
]


class PlanState(Protocol):
    """The plan fields the derived status needs (an ORM row or a read-lane record)."""

    @property
    def status(self) -> str: ...
    @property
    def started(self) -> bool: ...
    @property
    def expires_at(self) -> datetime: ...
    @property
    def completed_steps(self) -> int: ...


def effective_plan_status(plan: PlanState, now: datetime) -> str:
    """An active plan whose invitation lapsed before the candidate began reads as expired.

    Derived on read, so no sweeper has to run for the answer to be right; a plan the candidate
    already started stays active until its steps end.
    """
    if plan.status == "active" and not plan.started and plan.expires_at <= now:
        return "expired"
    return plan.status


def candidate_interview_status(plan: PlanState | None, now: datetime) -> InterviewStatus:
    """The seed's ``status`` field, derived from the latest plan."""
    if plan is None:
        return "not_invited"
    status = effective_plan_status(plan, now)
    if status != "active":
        return cast(InterviewStatus, status)  # a plan is active, completed, cancelled or expired
    return "in_progress" if plan.started or plan.completed_steps > 0 else "invited"
