"""The candidate's side of an AI interview: consent, questions, answers, follow-ups, closing.

Every turn is a row written in the request's transaction, so closing the tab loses nothing and
reopening the link replays the conversation exactly (``link.py`` opens it and shows it).

Conversation position lives on the step (``conversation``): the questions as asked (a
snapshot of the template, so later template edits cannot change what the scorecard judges),
the current question index and the follow-ups used on it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from peoplelens.ai.base import AIProvider, Answer, QuestionSpec
from peoplelens.ai.resume_questions import resume_questions
from peoplelens.audit.repository import AuditLog
from peoplelens.candidates.repository import CandidateRepository
from peoplelens.documents.repository import DocumentRepository
from peoplelens.interviews.conversation import words
from peoplelens.interviews.conversation.link import (
    InterviewContext,
    language_of,
    next_open_step,
    open_link,
    persona_of,
    require_open,
    state_of,
    steps_of,
)
from peoplelens.interviews.conversation.repository import MessageRepository
from peoplelens.interviews.conversation.schemas import (
    SessionOut,
)
from peoplelens.interviews.plans import progress
from peoplelens.interviews.plans.steps import emit_step_finished
from peoplelens.interviews.scorecards.tasks import queue_assessment
from peoplelens.jobs.repository import JobRepository
from peoplelens.kit import ids
from peoplelens.kit.errors import Conflict, InvalidRequest
from peoplelens.kit.time import utcnow
from peoplelens.models import (
    InterviewMessage,
    InterviewStep,
    InterviewTemplate,
)
from peoplelens.templates.repository import TemplateRepository

# Without a client_message_id, the same text again within this window is a double-submit.
DOUBLE_SUBMIT_WINDOW = timedelta(seconds=5)


def _template(
    session: Session, ctx: InterviewContext, step: InterviewStep
) -> InterviewTemplate | None:
    if step.template_id is None:
        return None
    return TemplateRepository(session, ctx.principal).get(step.template_id)


def _say(
    session: Session,
    ctx: InterviewContext,
    step: InterviewStep,
    role: str,
    kind: str,
    text: str,
    question_id: str | None,
    client_id: str | None = None,
) -> InterviewMessage:
    repo = MessageRepository(session, ctx.principal)
    message = repo.add(
        InterviewMessage(
            id=ids.new_uuid(),
            plan_id=ctx.plan.id,
            step_id=step.id,
            candidate_id=ctx.plan.candidate_id,
            position=repo.next_position(step.id),
            role=role,
            kind=kind,
            question_id=question_id,
            text=text,
            client_message_id=client_id,
            created_at=utcnow(),
        )
    )
    session.flush()
    return message


def _questions(step: InterviewStep) -> list[QuestionSpec]:
    return [QuestionSpec(**q) for q in step.conversation.get("questions", [])]


def _resume_questions(
    session: Session, ctx: InterviewContext, template: InterviewTemplate
) -> dict[str, Any] | None:
    """A ``use_resume`` template: up to two questions about the candidate's latest parsed
    resume (``ai/resume_questions.py``), and which document they came from — shown in the
    scorecard's context, never scored as such."""
    found = DocumentRepository(session, ctx.principal).latest_profile(ctx.plan.candidate_id)
    if found is None:
        return None
    document, profile = found
    job = JobRepository(session, ctx.principal).get(ctx.plan.job_id) if ctx.plan.job_id else None

    def key(text: object) -> str:
        return " ".join(str(text).casefold().split())

    own = {key(q.get("text", "")): str(q.get("id")) for q in template.structure}
    made = resume_questions(profile, job.description if job else None, template.language)
    # A question already in the template (a tailored preview kept in it) is asked once.
    asked = [q for q in made if key(q.text) not in own]
    kept = [own[key(q.text)] for q in made if key(q.text) in own]
    if not made:
        return None
    taken = set(own.values())
    prefix = "resume" if "resume-1" not in taken else f"resume-{ids.new_uuid().hex[-6:]}"
    return {
        "questions": [
            {
                "id": f"{prefix}-{n}",
                "text": q.text,
                "type": q.type,
                "behavioral_intent": q.behavioral_intent,
                "expected_answer": q.expected_answer,
                "max_follow_ups": 1,
            }
            for n, q in enumerate(asked, start=1)
        ],
        "source": {
            "document_id": ids.render("doc", document.id),
            "question_ids": kept + [f"{prefix}-{n}" for n in range(1, len(asked) + 1)],
        },
    }


def _begin_ai_step(
    session: Session, ctx: InterviewContext, step: InterviewStep, greet: bool
) -> None:
    """Start the step: snapshot the questions, greet, ask the first one."""
    template = _template(session, ctx, step)
    if template is None or not template.structure:
        # Nothing to ask (template deleted or empty): the step cannot run; skip it.
        progress.skip_step(session, ctx.principal, step)
        return
    questions = [
        {k: q.get(k) for k in ("id", "text", "type", "behavioral_intent", "expected_answer")}
        | {"max_follow_ups": int(q.get("max_follow_ups", 1))}
        for q in template.structure
    ]
    resume = _resume_questions(session, ctx, template) if template.use_resume else None
    if resume is not None:
        questions.extend(resume["questions"])
    step.conversation = {
        "questions": questions,
        "index": 0,
        "follow_ups": 0,
        "avatar_id": template.avatar_id,
        "ending_message": template.ending_message,
        "language": template.language,
    }
    if resume is not None:
        step.conversation["resume"] = resume["source"]
    progress.start_step(session, ctx.principal, step)
    if greet:
        candidate = CandidateRepository(session, ctx.principal).get(ctx.plan.candidate_id)
        job = (
            JobRepository(session, ctx.principal).get(ctx.plan.job_id) if ctx.plan.job_id else None
        )
        hello = words.greeting(
            template.initial_message,
            template.language,
            template.avatar_id,
            candidate.first_name if candidate else None,
            job.title if job else None,
        )
        _say(session, ctx, step, "interviewer", "greeting", hello, None)
    first = questions[0]
    _say(session, ctx, step, "interviewer", "question", str(first["text"]), str(first["id"]))


def _next_ai_step(session: Session, ctx: InterviewContext) -> InterviewStep | None:
    for step in steps_of(session, ctx):
        if step.status in ("pending", "scheduled"):
            return step if step.type == "ai_interview" else None
    return None


def consent(session: Session, token: str, given: bool) -> SessionOut:
    """Consent to the AI-led interview next in the plan, which then starts. With a person's
    interview next there is nothing to consent to (409): the page offers times instead."""
    ctx = open_link(session, token, lock=True)
    require_open(ctx)
    if not given:
        raise InvalidRequest(
            "The interview is led by an AI interviewer and can only start with your consent.",
            param="consent",
            code="consent_required",
        )
    step = next_open_step(steps_of(session, ctx))
    if step is not None and step.type != "ai_interview":
        raise Conflict(
            "Your next interview is with a person, not the AI interviewer: pick a time for it.",
            code="no_ai_step_next",
        )
    now = utcnow()
    if ctx.plan.consented_at is None:
        ctx.plan.consented_at = now
        ctx.link.used_at = ctx.link.used_at or now
        AuditLog(session, ctx.principal).record(
            "INTERVIEW_CONSENT_GIVEN", "interview_plan", ids.render("plan", ctx.plan.id)
        )
    if step is not None and step.status in ("pending", "scheduled"):
        _begin_ai_step(session, ctx, step, greet=True)
    return state_of(session, ctx)


def answer(
    session: Session,
    token: str,
    text: str,
    client_id: str | None,
    provider: AIProvider,
    max_chars: int,
) -> SessionOut:
    text = text.strip()
    if not text:
        raise InvalidRequest("The answer is empty.", param="text", code="empty_answer")
    if len(text) > max_chars:
        raise InvalidRequest(
            f"Answers are limited to {max_chars} characters; this one has "
            f"{len(text)}. Please shorten it.",
            param="text",
            code="answer_too_long",
        )
    ctx = open_link(session, token, lock=True)
    require_open(ctx)
    upcoming = next_open_step(steps_of(session, ctx))
    person_next = Conflict(
        "Your next interview is with a person, not the AI interviewer: there is no question "
        "to answer; pick a time for it.",
        code="no_ai_step_next",
    )
    if ctx.plan.consented_at is None:
        if upcoming is not None and upcoming.type != "ai_interview":
            raise person_next
        raise Conflict("Give your consent before answering.", code="consent_required")
    ai_steps = [s for s in steps_of(session, ctx) if s.type == "ai_interview"]
    step = next((s for s in ai_steps if s.status == "in_progress"), None)
    # Duplicates are checked first, against the open step or the one just finished, so that a
    # retried final answer gets the final state rather than an error.
    finished = [s for s in ai_steps if s.completed_at is not None]
    latest = step or max(finished, key=lambda s: s.position, default=None)
    if latest is not None and _is_duplicate(session, ctx, latest, text, client_id):
        return state_of(session, ctx)
    if step is None:
        if upcoming is not None and upcoming.type != "ai_interview":
            raise person_next
        raise Conflict(
            "There is no open question: this interview is finished.", code="interview_finished"
        )
    messages = MessageRepository(session, ctx.principal)
    questions = _questions(step)
    conv: dict[str, Any] = dict(step.conversation)
    if not questions or not 0 <= conv.get("index", -1) < len(questions):
        # A step started outside the conversation (no question snapshot): nothing to answer.
        raise Conflict("This interview step is not taking answers.", code="step_not_open")
    question = questions[conv["index"]]
    _say(session, ctx, step, "candidate", "answer", text, question.id, client_id)
    answers = [
        Answer(f"msg-{m.id}", m.text)
        for m in messages.for_step(step.id)
        if m.role == "candidate" and m.question_id == question.id
    ]
    decision = provider.next_turn(
        question, answers, conv["follow_ups"], persona_of(step), language_of(step)
    )
    if decision.follow_up:
        conv["follow_ups"] += 1
        step.conversation = conv
        _say(session, ctx, step, "interviewer", "follow_up", decision.follow_up, question.id)
        return state_of(session, ctx)
    conv["index"] += 1
    conv["follow_ups"] = 0
    step.conversation = conv
    if conv["index"] < len(questions):
        nxt = questions[conv["index"]]
        _say(session, ctx, step, "interviewer", "question", nxt.text, nxt.id)
        return state_of(session, ctx)
    _finish_step(session, ctx, step)
    return state_of(session, ctx)


def _is_duplicate(
    session: Session, ctx: InterviewContext, step: InterviewStep, text: str, client_id: str | None
) -> bool:
    """The same answer again: by ``client_message_id``, or without one the same text within
    ``DOUBLE_SUBMIT_WINDOW`` of the last answer."""
    messages = MessageRepository(session, ctx.principal)
    if client_id is not None:
        return messages.by_client_id(step.id, client_id) is not None
    last = next((m for m in reversed(messages.for_step(step.id)) if m.role == "candidate"), None)
    return (
        last is not None and last.text == text and utcnow() - last.created_at < DOUBLE_SUBMIT_WINDOW
    )


def _finish_step(session: Session, ctx: InterviewContext, step: InterviewStep) -> None:
    closing = words.closing(step.conversation.get("ending_message"), language_of(step))
    _say(session, ctx, step, "interviewer", "closing", closing, None)
    progress.complete_step(session, ctx.principal, step)
    queue_assessment(session, ctx.principal, step, ctx.plan.candidate_id)
    emit_step_finished(session, ctx.principal, ctx.plan, step)
    AuditLog(session, ctx.principal).record(
        "INTERVIEW_STEP_COMPLETED", "interview_step", ids.render("step", step.id)
    )
    following = _next_ai_step(session, ctx) if ctx.plan.status == "active" else None
    if following is not None:
        _begin_ai_step(session, ctx, following, greet=False)
