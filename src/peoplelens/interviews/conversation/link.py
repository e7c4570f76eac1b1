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
    SessionCandidate,
    SessionInterviewer,
    SessionJob,
    SessionMessage,
    SessionOut,
    SessionStep,
)
from peoplelens.interviews.plans.repository import PlanRepository, StepRepository
from peoplelens.interviews.plans.state import effective_plan_status
from peoplelens.jobs.repository import JobRepository
from peoplelens.kit import ids
from peoplelens.kit.crypto import sha256_hex
from peoplelens.kit.errors import Gone, NotFound
from peoplelens.kit.time import iso, utcnow
from peoplelens.models import BookingLink, InterviewPlan, InterviewStep, Tenant
from peoplelens.tenants.repository import TenantProfileRepository


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


def state_of(session: Session, ctx: InterviewContext) -> SessionOut:
    now = utcnow()
    status = effective_plan_status(ctx.plan, now)
    steps = steps_of(session, ctx)
    current = next((s for s in steps if s.status == "in_progress"), None)
    if status in ("cancelled", "expired"):
        state = status
    elif ctx.plan.consented_at is None:
        state = "awaiting_consent"
    elif current is not None and current.type == "ai_interview":
        state = "in_progress"
    else:
        state = "completed"
    shown = current or next((s for s in steps if s.status in ("pending", "scheduled")), None)
    candidate = CandidateRepository(session, ctx.principal).get(ctx.plan.candidate_id)
    assert candidate is not None
    job = JobRepository(session, ctx.principal).get(ctx.plan.job_id) if ctx.plan.job_id else None
    persona = persona_of(shown) if shown is not None else avatar(None)
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
