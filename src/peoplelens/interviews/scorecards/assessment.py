"""Assessing a finished AI step (a background task) and keeping every version."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from peoplelens.ai.base import Answer, Assessment, QuestionSpec
from peoplelens.auth.principal import Principal
from peoplelens.events.repository import EventOutbox
from peoplelens.interviews.conversation.link import language_of
from peoplelens.interviews.conversation.repository import MessageRepository
from peoplelens.interviews.plans.repository import PlanRepository, StepRepository
from peoplelens.interviews.scorecards.repository import ScorecardRepository
from peoplelens.jobs.repository import JobRepository
from peoplelens.kit import ids
from peoplelens.kit.time import utcnow
from peoplelens.models import InterviewStep, Scorecard
from peoplelens.worker.registry import TaskContext


def _new_version(session: Session, principal: Principal, step: InterviewStep) -> Scorecard:
    repo = ScorecardRepository(session, principal)
    previous = repo.current(step.id)
    if previous is not None:
        previous.is_current = False
    session.flush()
    plan = PlanRepository(session, principal).get(step.plan_id)
    assert plan is not None
    card = repo.add(
        Scorecard(
            id=ids.new_uuid(),
            plan_id=step.plan_id,
            step_id=step.id,
            candidate_id=plan.candidate_id,
            version=repo.latest_version(step.id) + 1,
            is_current=True,
            status="pending",
            created_at=utcnow(),
        )
    )
    return card


def assess(session: Session, principal: Principal, step_id: uuid.UUID, ctx: TaskContext) -> None:
    """Writes a new scorecard version of a finished AI step and fires ``scorecard.generated``."""
    step = StepRepository(session, principal).get(step_id)
    if step is None:
        return  # erased meanwhile: nothing to assess
    plan = PlanRepository(session, principal).get(step.plan_id)
    assert plan is not None
    questions = [QuestionSpec(**q) for q in step.conversation.get("questions", [])]
    answers: dict[str, list[Answer]] = {}
    for m in MessageRepository(session, principal).for_step(step.id):
        if m.role == "candidate" and m.question_id:
            answers.setdefault(m.question_id, []).append(Answer(f"msg-{m.id}", m.text))
    job = JobRepository(session, principal).get(plan.job_id) if plan.job_id else None
    result = ctx.provider.assess(job.title if job else None, questions, answers, language_of(step))
    card = _new_version(session, principal, step)
    _fill(card, result)
    step.assessment_status = "completed"
    session.flush()
    EventOutbox(session, principal).emit(
        "scorecard.generated",
        {
            "plan_id": ids.render("plan", plan.id),
            "step_id": ids.render("step", step.id),
            "candidate_id": ids.render("can", plan.candidate_id),
            "overall_score": card.overall_score,
            "recommendation": card.recommendation,
            "insufficient_evidence": card.insufficient_evidence,
            "scorecard_url": f"{ctx.settings.public_url}/api/v1/interviews/"
            f"{ids.render('plan', plan.id)}/scorecard",
        },
        candidate_id=plan.candidate_id,
    )


def give_up(session: Session, principal: Principal, step_id: uuid.UUID, error: str) -> None:
    """Retries exhausted: an honest ``assessment_failed`` (never an invented score)."""
    step = StepRepository(session, principal).get(step_id)
    if step is None:
        return
    card = _new_version(session, principal, step)
    card.status = "assessment_failed"
    card.error = error
    step.assessment_status = "assessment_failed"


def _fill(card: Scorecard, result: Assessment) -> None:
    card.status = "completed"
    card.overall_score = result.overall_score
    card.recommendation = result.recommendation
    card.executive_summary = result.executive_summary
    card.strengths = list(result.strengths)
    card.weaknesses = list(result.weaknesses)
    card.criteria = [
        {
            "name": c.name,
            "question_id": c.question_id,
            "score": c.score,
            "insufficient_evidence": c.insufficient_evidence,
            "rationale": c.rationale,
            "evidence": [{"message_id": e.message_id, "quote": e.quote} for e in c.evidence],
        }
        for c in result.criteria
    ]
    card.detailed_analysis = result.detailed_analysis
    card.confidence = result.confidence
    card.insufficient_evidence = result.insufficient_evidence
    card.model = result.model
    card.rubric_version = result.rubric_version
    card.assessed_at = utcnow()
