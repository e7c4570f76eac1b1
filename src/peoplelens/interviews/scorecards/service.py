"""Reading scorecards and transcripts; human scorecards; re-assessment."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditLog
from peoplelens.auth.principal import Principal
from peoplelens.candidates.repository import CandidateRepository
from peoplelens.documents.repository import DocumentRepository
from peoplelens.documents.schemas import parsed_out
from peoplelens.events.repository import EventOutbox
from peoplelens.interviews.conversation.repository import MessageRepository
from peoplelens.interviews.plans import progress, steps
from peoplelens.interviews.plans.repository import PlanRepository, StepRepository
from peoplelens.interviews.plans.state import effective_plan_status
from peoplelens.interviews.scorecards.repository import (
    HumanScorecardRepository,
    ScorecardRepository,
)
from peoplelens.interviews.scorecards.schemas import (
    AssessmentOut,
    HumanScorecardIn,
    HumanScorecardOut,
    PlanScorecardOut,
    ReassessOut,
    ScorecardBody,
    ScorecardCandidate,
    ScorecardContext,
    ScorecardHistoryItem,
    ScorecardJob,
    TranscriptMessage,
    TranscriptOut,
    TranscriptStep,
)
from peoplelens.interviews.scorecards.tasks import queue_assessment
from peoplelens.jobs.repository import JobRepository
from peoplelens.kit import ids
from peoplelens.kit.errors import Conflict, InvalidRequest, PermissionDenied
from peoplelens.kit.time import utcnow
from peoplelens.models import HumanScorecard, InterviewPlan, InterviewStep, User
from peoplelens.users.service import assignable_user


def plan_scorecard(session: Session, principal: Principal, plan_id: uuid.UUID) -> PlanScorecardOut:
    plan = PlanRepository(session, principal).get_or_404(plan_id)
    candidate = CandidateRepository(session, principal).get(plan.candidate_id)
    assert candidate is not None
    job = JobRepository(session, principal).get(plan.job_id) if plan.job_id else None
    steps = StepRepository(session, principal).for_plans([plan.id])[plan.id]
    cards = ScorecardRepository(session, principal).for_plan(plan.id)
    humans = HumanScorecardRepository(session, principal).for_plan(plan.id)
    assessments = []
    for step in steps:
        versions = [c for c in cards if c.step_id == step.id]
        current = next((c for c in versions if c.is_current and c.status == "completed"), None)
        assessments.append(
            AssessmentOut(
                step_id=step.id,
                title=step.title,
                order=step.position,
                type=step.type,
                status=step.status,
                assessment_status=step.assessment_status,
                scorecard=ScorecardBody.model_validate(current) if current else None,
                history=[ScorecardHistoryItem.model_validate(c) for c in versions],
                human_scorecards=[
                    HumanScorecardOut.model_validate(h) for h in humans if h.step_id == step.id
                ],
            )
        )
    return PlanScorecardOut(
        id=plan.id,
        status=effective_plan_status(plan, utcnow()),
        created_at=plan.created_at,
        updated_at=plan.updated_at,
        job=ScorecardJob.model_validate(job) if job else None,
        candidate=ScorecardCandidate.model_validate(candidate),
        assessments=assessments,
        context=_context(session, principal, steps),
    )


def _context(session: Session, principal: Principal, steps: list[Any]) -> ScorecardContext:
    """The resume the interviewer asked about (its latest parse), when a step used one."""
    sources = [s.conversation["resume"] for s in steps if (s.conversation or {}).get("resume")]
    if not sources:
        return ScorecardContext()
    question_ids = [q for source in sources for q in source.get("question_ids", [])]
    document_id = ids.try_parse("doc", str(sources[-1].get("document_id", "")))
    document = DocumentRepository(session, principal).get(document_id) if document_id else None
    if document is None or document.parsed is None or document.parsed_at is None:
        return ScorecardContext(resume_question_ids=question_ids)  # deleted since
    resume = parsed_out(
        document.id,
        document.candidate_id,
        document.parsed,
        document.parser or "builtin",
        document.parsed_at,
    )
    return ScorecardContext(resume=resume, resume_question_ids=question_ids)


def _plan_step(
    session: Session, principal: Principal, plan_id: uuid.UUID, step_id: uuid.UUID
) -> tuple[InterviewPlan, InterviewStep]:
    plan = PlanRepository(session, principal).get_or_404(plan_id)
    return plan, StepRepository(session, principal).in_plan_or_404(plan.id, step_id)


def _scoring_interviewer(
    session: Session, principal: Principal, step: InterviewStep, raw_id: str | None
) -> User:
    """Who the human scorecard is by: the step's interviewer — the signed-in interviewer
    themselves, or, sent by the team, the one the step names (a step without one yet takes the
    named user as its interviewer). Anyone else → 422 ``not_step_interviewer``."""
    if principal.is_interviewer and step.interviewer_user_id != principal.user_id:
        raise ids.not_found("step", step.id, param="step_id")
    if raw_id is None:
        if principal.user_id is not None:
            raw_id = ids.render("usr", principal.user_id)
        elif step.interviewer_user_id is not None:
            raw_id = ids.render("usr", step.interviewer_user_id)
        else:
            raise InvalidRequest(
                "'interviewer_id' is required: the user (usr-…) who interviewed.",
                param="interviewer_id",
            )
    user = assignable_user(session, principal, raw_id, "interviewer_id")
    if principal.is_interviewer and user.id != principal.user_id:
        raise PermissionDenied(
            "An interviewer submits their own scorecard only: leave 'interviewer_id' out "
            "or give your own id.",
            code="insufficient_role",
        )
    if step.interviewer_user_id is not None and user.id != step.interviewer_user_id:
        raise InvalidRequest(
            f"'interviewer_id' must be this step's interviewer "
            f"({ids.render('usr', step.interviewer_user_id)}): a human scorecard is by the "
            "person who held the interview.",
            param="interviewer_id",
            code="not_step_interviewer",
        )
    return user


def _require_scorable(plan: InterviewPlan, step: InterviewStep) -> None:
    """A human scorecard belongs to a human step that took place or is about to: not an AI
    step, not one skipped or cancelled, not in a cancelled or lapsed plan."""
    if step.type != "human_interview":
        raise Conflict(
            "Human scorecards are for human interview steps; this step is an AI interview "
            "(its scorecard is produced automatically).",
            code="step_not_human",
        )
    if step.status in ("skipped", "cancelled"):
        raise Conflict(
            f"The step was {step.status}; it takes no scorecard.", code="invalid_step_state"
        )
    status = effective_plan_status(plan, utcnow())
    if status in ("cancelled", "expired"):
        raise Conflict(
            f"The interview plan is {status}; it takes no scorecard.", code="plan_not_active"
        )


def add_human_scorecard(
    session: Session,
    principal: Principal,
    plan_id: uuid.UUID,
    step_id: uuid.UUID,
    data: HumanScorecardIn,
) -> HumanScorecardOut:
    """Records the interviewer's scorecard; an open step it is for is completed by it, so the
    plan and ``/candidates/{id}/status`` move at once. One scorecard per interviewer and step
    (a second → 409 ``scorecard_exists``)."""
    plan = PlanRepository(session, principal).get_or_404(plan_id, lock=True)
    step = StepRepository(session, principal).in_plan_or_404(plan.id, step_id)
    interviewer = _scoring_interviewer(session, principal, step, data.interviewer_id)
    _require_scorable(plan, step)
    shown_interviewer = ids.render("usr", interviewer.id)
    repo = HumanScorecardRepository(session, principal)
    if any(
        h.step_id == step.id and h.interviewer_id == shown_interviewer
        for h in repo.for_plan(plan.id)
    ):
        raise Conflict(
            "This interviewer has already submitted a scorecard for this step.",
            code="scorecard_exists",
        )
    if step.interviewer_user_id is None:
        step.interviewer_user_id = interviewer.id
    row = repo.add(
        HumanScorecard(
            id=ids.new_uuid(),
            plan_id=step.plan_id,
            step_id=step.id,
            candidate_id=plan.candidate_id,
            interviewer_id=shown_interviewer,
            overall_score=data.overall_score,
            recommendation=data.recommendation,
            criteria=[c.model_dump() for c in data.criteria],
            notes=data.notes,
            created_at=utcnow(),
        )
    )
    session.flush()
    out = HumanScorecardOut.model_validate(row)
    shown = out.model_dump(mode="json")
    completes = step.status in ("pending", "scheduled") and plan.status == "active"
    if completes:
        progress.complete_step(session, principal, step)
    EventOutbox(session, principal).emit(
        "interview.human_scored",
        {
            "id": shown["id"],
            "plan_id": shown["plan_id"],
            "step_id": shown["step_id"],
            "candidate_id": ids.render("can", row.candidate_id),
            "interviewer_id": out.interviewer_id,
            "overall_score": out.overall_score,
            "recommendation": out.recommendation,
            "step_status": step.status,
            "plan_status": plan.status,
        },
        candidate_id=row.candidate_id,
    )
    if completes:
        steps.emit_step_finished(session, principal, plan, step)
    AuditLog(session, principal).record(
        "INTERVIEW_HUMAN_SCORED", "human_scorecard", shown["id"], {"step_id": shown["step_id"]}
    )
    return out


def reassess(
    session: Session, principal: Principal, plan_id: uuid.UUID, step_id: uuid.UUID
) -> ReassessOut:
    plan, step = _plan_step(session, principal, plan_id, step_id)
    if step.type != "ai_interview" or step.status != "completed":
        raise Conflict(
            "Only a completed AI interview step can be assessed.", code="step_not_assessable"
        )
    if step.assessment_status == "pending":
        raise Conflict("An assessment of this step is already queued.", code="assessment_pending")
    queue_assessment(session, principal, step, plan.candidate_id)
    AuditLog(session, principal).record(
        "INTERVIEW_REASSESS_REQUESTED", "interview_step", ids.render("step", step.id)
    )
    return ReassessOut(step_id=step.id, assessment_status="pending")


def transcript(session: Session, principal: Principal, plan_id: uuid.UUID) -> TranscriptOut:
    plan = PlanRepository(session, principal).get_or_404(plan_id)
    steps = StepRepository(session, principal).for_plans([plan.id])[plan.id]
    messages = MessageRepository(session, principal).for_plan(plan.id)
    return TranscriptOut(
        plan_id=plan.id,
        steps=[
            TranscriptStep(
                step_id=s.id,
                title=s.title,
                messages=[
                    TranscriptMessage.model_validate(m) for m in messages if m.step_id == s.id
                ],
            )
            for s in steps
            if s.type == "ai_interview"
        ],
    )
