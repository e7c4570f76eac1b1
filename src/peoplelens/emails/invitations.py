"""The invitations e-mail carries: a candidate's (with its reminder, a delayed task that
checks again when it is due) and a new person's set-password link."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from peoplelens.auth.principal import Principal
from peoplelens.candidates.repository import CandidateRepository
from peoplelens.emails import messages
from peoplelens.emails.service import queue_email
from peoplelens.interviews.plans.links import booking_url
from peoplelens.interviews.plans.repository import BookingLinkRepository, PlanRepository
from peoplelens.jobs.repository import JobRepository
from peoplelens.kit.time import utcnow
from peoplelens.models import BookingLink, Candidate, InterviewPlan, User
from peoplelens.tenants.repository import TenantProfileRepository
from peoplelens.worker.queue import TaskRepository
from peoplelens.worker.registry import TaskContext, task

REMINDER_TASK = "emails.invitation_reminder"
REMINDER_BEFORE = timedelta(hours=24)


def _invitation_fields(
    session: Session, principal: Principal, plan: InterviewPlan, candidate: Candidate
) -> dict[str, Any]:
    job = JobRepository(session, principal).get(plan.job_id) if plan.job_id else None
    return {
        "company": TenantProfileRepository(session, principal).current().name,
        "candidate_first_name": candidate.first_name,
        "candidate_email": candidate.email,
        "job_title": job.title if job is not None else None,
        "candidate_id": candidate.id,
        "plan_id": plan.id,
    }


def queue_candidate_invitation(
    session: Session,
    principal: Principal,
    *,
    plan: InterviewPlan,
    candidate: Candidate,
    link: BookingLink,
    url: str,
    has_ai_step: bool,
    secret: bytes,
) -> uuid.UUID:
    """The invitation, and its reminder due 24 h before the link expires (none when that
    moment has passed already), in the caller's transaction."""
    fields = _invitation_fields(session, principal, plan, candidate)
    email_id = queue_email(
        session,
        principal,
        messages.candidate_invitation(
            **fields, booking_url=url, expires_at=link.expires_at, has_ai_step=has_ai_step
        ),
        secret=secret,
    )
    remind_at = link.expires_at - REMINDER_BEFORE
    if remind_at > utcnow():
        # Ids only: the link is derived again when the reminder is due (never stored in clear).
        TaskRepository(session, principal).enqueue(
            REMINDER_TASK,
            {"plan_id": plan.id.hex, "link_id": link.id.hex, "has_ai_step": has_ai_step},
            candidate_id=candidate.id,
            run_after=remind_at,
        )
    return email_id


def reminder_still_useful(plan: InterviewPlan, link: BookingLink, now: datetime) -> bool:
    """Only for an invitation nobody acted on: the plan active, not started, no consent
    given, the link unused and not expired."""
    return (
        plan.status == "active"
        and not plan.started
        and plan.consented_at is None
        and plan.expires_at > now
        and link.used_at is None
        and link.expires_at > now
    )


@task(REMINDER_TASK)
class InvitationReminder:
    def run(
        self, session: Session, tenant_id: uuid.UUID, payload: dict[str, Any], ctx: TaskContext
    ) -> None:
        principal = Principal.system(tenant_id, via="worker")
        plan = PlanRepository(session, principal).get(uuid.UUID(payload["plan_id"]))
        link = BookingLinkRepository(session, principal).get(uuid.UUID(payload["link_id"]))
        if plan is None or link is None or not reminder_still_useful(plan, link, utcnow()):
            return
        candidate = CandidateRepository(session, principal).get(plan.candidate_id)
        if candidate is None or candidate.status != "active":
            return
        queue_email(
            session,
            principal,
            messages.invitation_reminder(
                **_invitation_fields(session, principal, plan, candidate),
                booking_url=booking_url(ctx.settings.public_url, ctx.server_secret, link.id),
                expires_at=link.expires_at,
                has_ai_step=bool(payload.get("has_ai_step")),
            ),
            secret=ctx.server_secret,
        )

    def on_give_up(
        self, session: Session, tenant_id: uuid.UUID, payload: dict[str, Any], error: str
    ) -> None:
        """A reminder that could not be queued is simply not sent (the invitation was)."""


def queue_user_invitation(
    session: Session,
    principal: Principal,
    user: User,
    *,
    set_password_url: str,
    hours: int,
    secret: bytes,
) -> uuid.UUID:
    """A new person's invitation with their set-password link (valid ``hours``)."""
    return queue_email(
        session,
        principal,
        messages.user_invitation(
            company=TenantProfileRepository(session, principal).current().name,
            first_name=user.first_name,
            email=user.email,
            set_password_url=set_password_url,
            expires_at=utcnow() + timedelta(hours=hours),
            user_id=user.id,
        ),
        secret=secret,
    )
