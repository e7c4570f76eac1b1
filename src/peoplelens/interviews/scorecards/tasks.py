"""The scorecards' background work: assessing a finished AI step (task ``assess_step``)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from peoplelens.auth.principal import Principal
from peoplelens.interviews.scorecards import assessment
from peoplelens.models import InterviewStep
from peoplelens.worker.queue import TaskRepository
from peoplelens.worker.registry import TaskContext, task

ASSESS_STEP = "assess_step"


@task(ASSESS_STEP)
class AssessStep:
    """Payload ``{step_id}``: a new scorecard version and ``scorecard.generated``."""

    def run(
        self, session: Session, tenant_id: uuid.UUID, payload: dict[str, Any], ctx: TaskContext
    ) -> None:
        principal = Principal.system(tenant_id, via="worker")
        assessment.assess(session, principal, uuid.UUID(hex=payload["step_id"]), ctx)

    def on_give_up(
        self, session: Session, tenant_id: uuid.UUID, payload: dict[str, Any], error: str
    ) -> None:
        principal = Principal.system(tenant_id, via="worker")
        assessment.give_up(session, principal, uuid.UUID(hex=payload["step_id"]), error)


def queue_assessment(
    session: Session, principal: Principal, step: InterviewStep, candidate_id: uuid.UUID
) -> None:
    """Queues the step's assessment in the caller's transaction (it runs after the commit)."""
    step.assessment_status = "pending"
    TaskRepository(session, principal).enqueue(
        ASSESS_STEP, {"step_id": step.id.hex}, candidate_id=candidate_id
    )
