"""The candidate's link: its token opens the interview, and what the candidate sees of it.

The token is the only credential: it is looked up by its SHA-256 and names the tenant, the plan
and the principal everything else runs with (``service.py`` writes the turns).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from peoplelens.ai.avatars import avatar
from peoplelens.ai.base import Persona
from peoplelens.auth.principal import Principal
from peoplelens.candidates.repository import CandidateRepository
from peoplelens.interviews.conversation.repository import MessageRepository, find_link_by_token_hash
from peoplelens.interviews.conversation.schemas import (
    NextAction,
    SessionBooking,
    SessionCandidate,
    SessionInterviewer,
    SessionJob,
    SessionMessage,
    SessionOut,
    SessionState,
    SessionStep,
)
from peoplelens.interviews.plans.repository import PlanRepository, StepRepository
from peoplelens.interviews.plans.state import effective_plan_status
from peoplelens.interviews.scheduling.service import duration_of
from peoplelens.jobs.repository import JobRepository
from peoplelens.kit import ids
from peoplelens.kit.crypto import sha256_hex
from peoplelens.kit.errors import Gone, NotFound
from peoplelens.kit.time import iso, utcnow
from peoplelens.models import BookingLink, InterviewPlan, InterviewStep, Tenant
from peoplelens.tenants.repository import TenantProfileRepository
from peoplelens.users.repository import UserRepository


@dataclass
class InterviewContext:
    link: BookingLink
    principal: Principal
    plan: InterviewPlan
    tenant: Tenant


def open_link(session: Session, token: str, *, lock: bool = False) -> InterviewContext:
    """Token → link, plan and a principal of the plan's tenant; 404 for an unknown token."""
    link = find_link_by_token_hash(session, sha256_hex(token)) if 20 <= len(token) <= 100 else None
    if link is None:
        raise NotFound(
            "This interview link is not valid. Check that you copied all of it.",
            code="unknown_link",
            param="token",
        )
    principal = Principal.system(link.tenant_id, via=f"booking_link:bkl-{link.id}")
    plans = PlanRepository(session, principal)
    plan = plans.get_or_404(link.plan_id, lock=lock)
    assert plan is not None  # links cascade with their plan
    tenant = TenantProfileRepository(session, principal).current()
    return InterviewContext(link, principal, plan, tenant)


def steps_of(session: Session, ctx: InterviewContext) -> list[InterviewStep]:
    return StepRepository(session, ctx.principal).for_plans([ctx.plan.id])[ctx.plan.id]


def persona_of(step: InterviewStep) -> Persona:
    return avatar(step.conversation.get("avatar_id"))


def language_of(step: InterviewStep) -> str:
    """The template's language as snapshotted (a step started before it was kept: the
    persona's)."""
    return str(step.conversation.get("language") or persona_of(step).language)


def next_open_step(steps: list[InterviewStep]) -> InterviewStep | None:
    """The step the candidate is at: the one in progress, else the first still to do."""
    current = next((s for s in steps if s.status == "in_progress"), None)
    return current or next((s for s in steps if s.status in ("pending", "scheduled")), None)


def state_of(session: Session, ctx: InterviewContext) -> SessionOut:
    """What the candidate's link shows. ``state`` is the spec's five values, plus
    ``awaiting_booking`` and ``scheduled`` when the next step is a meeting with a person (so a
    loop "answer while in_progress" ends with the AI step); ``next_action`` says what to do:
    consent (only when an AI step is next — a plan whose next step is a person never shows the
    AI disclosure), answer, book a time, attend the booked meeting, wait, none."""
    now = utcnow()
    status = effective_plan_status(ctx.plan, now)
    steps = steps_of(session, ctx)
    shown = next_open_step(steps)
    booking: SessionBooking | None = None
    action: NextAction = "none"
    if status in ("cancelled", "expired"):
        state: SessionState = status  # type: ignore[assignment]
    elif shown is None:
        state = "completed"
    elif shown.type == "ai_interview":
        state = "in_progress" if shown.status == "in_progress" else "awaiting_consent"
        action = "answer" if shown.status == "in_progress" else "consent"
    else:
        state = "scheduled" if shown.status == "scheduled" else "awaiting_booking"
        booking = _booking(session, ctx, shown)
        action = (
            "wait"
            if booking.interviewer_name is None
            else "attend"
            if shown.status == "scheduled"
            else "book"
        )
    candidate = CandidateRepository(session, ctx.principal).get(ctx.plan.candidate_id)
    assert candidate is not None
    job = JobRepository(session, ctx.principal).get(ctx.plan.job_id) if ctx.plan.job_id else None
    ai_step = shown if shown is not None and shown.type == "ai_interview" else None
    persona = persona_of(ai_step) if ai_step is not None else avatar(None)
    messages = MessageRepository(session, ctx.principal).for_plan(ctx.plan.id)
    return SessionOut(
        plan_id=ids.render("plan", ctx.plan.id),
        state=state,
        candidate=SessionCandidate(first_name=candidate.first_name),
        job=SessionJob(title=job.title if job else None),
        current_step=SessionStep(
            id=ids.render("step", shown.id), title=shown.title, type=shown.type, status=shown.status
        )
        if shown
        else None,
        messages=[SessionMessage.model_validate(m) for m in messages],
        interviewer=SessionInterviewer(id=persona.id, name=persona.name, style=persona.style),
        company=ctx.tenant.name,
        expires_at=iso(ctx.plan.expires_at),
        max_answer_chars=0,
        next_action=action,
        ai_disclosure=action == "consent",
        booking=booking,
    )


def _booking(session: Session, ctx: InterviewContext, step: InterviewStep) -> SessionBooking:
    """The human step as the candidate sees it; ``can_change`` is settled by the caller (it
    needs the cut-off setting: ``scheduling/candidate.py``)."""
    interviewer = (
        UserRepository(session, ctx.principal).get(step.interviewer_user_id)
        if step.interviewer_user_id
        else None
    )
    bookable = interviewer is not None and interviewer.is_enabled
    booked = step.status == "scheduled" and step.scheduled_start is not None
    return SessionBooking(
        step_id=ids.render("step", step.id),
        status=step.status,
        duration_minutes=int(duration_of(step).total_seconds() // 60),
        interviewer_name=(interviewer.first_name or "your interviewer")
        if bookable and interviewer is not None
        else None,
        start_time=iso(step.scheduled_start) if booked and step.scheduled_start else None,
        end_time=iso(step.scheduled_end) if booked and step.scheduled_end else None,
        meeting_url=str((step.schedule or {}).get("meeting_url")) if booked else None,
        can_change=bookable,
        change_until=None,
    )


def require_open(ctx: InterviewContext) -> None:
    status = effective_plan_status(ctx.plan, utcnow())
    if status == "cancelled":
        raise Gone("This interview was cancelled by the hiring team.", code="interview_cancelled")
    if status == "expired":
        raise Gone(
            "This interview link has expired. Ask the hiring team for a new one.",
            code="link_expired",
        )
