"""Interview plans: invite, read, cancel, decide. Step transitions live in ``progress.py``."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditLog
from peoplelens.auth.principal import Principal
from peoplelens.candidates import rules
from peoplelens.candidates import service as candidates
from peoplelens.candidates.repository import CandidateRepository
from peoplelens.emails.invitations import queue_candidate_invitation
from peoplelens.events.repository import EventOutbox
from peoplelens.interviews.plans import progress
from peoplelens.interviews.plans.links import booking_url
from peoplelens.interviews.plans.repository import (
    BookingLinkRepository,
    PlanRepository,
    StepRepository,
)
from peoplelens.interviews.plans.schemas import (
    BookingLinkOut,
    DecisionIn,
    InviteIn,
    InviteOut,
    PlanOut,
    StepOut,
)
from peoplelens.interviews.plans.state import effective_plan_status
from peoplelens.interviews.scheduling import service as scheduling
from peoplelens.jobs.repository import JobRepository
from peoplelens.kit import ids
from peoplelens.kit.crypto import sha256_hex
from peoplelens.kit.errors import Conflict, InvalidRequest
from peoplelens.kit.pagination import Page, PageRequest, paginate
from peoplelens.kit.time import iso, utcnow
from peoplelens.models import BookingLink, InterviewPlan, InterviewStep
from peoplelens.templates.repository import TemplateRepository
from peoplelens.tenants.repository import TenantProfileRepository
from peoplelens.users.service import assignable_user


def _template_id(
    session: Session, principal: Principal, template_id: uuid.UUID, param: str
) -> uuid.UUID:
    return TemplateRepository(session, principal).get_or_404(template_id, param=param).id


def invite(
    session: Session,
    principal: Principal,
    data: InviteIn,
    *,
    public_url: str,
    secret: bytes,
    default_hours: int,
    smtp_configured: bool = False,
) -> InviteOut:
    """``smtp_configured``: whether ``send_email`` left out means true (spec §13)."""
    candidate = CandidateRepository(session, principal).get_or_404(
        data.candidate_id, param="candidate_id"
    )
    if candidate.status != "active":
        raise Conflict(
            f"The candidate is {candidate.status}; only active candidates can be invited.",
            code="candidate_not_active",
            param="candidate_id",
        )
    job_id = candidate.job_id
    if data.job_id is not None:
        job_id = JobRepository(session, principal).get_or_404(data.job_id, param="job_id").id

    planned: list[tuple[str, str, uuid.UUID | None, uuid.UUID | None, int | None]]
    if data.template_id is not None:
        planned = [
            (
                "AI interview",
                "ai_interview",
                _template_id(session, principal, data.template_id, "template_id"),
                None,
                None,
            )
        ]
    else:
        assert data.steps is not None
        planned = []
        for i, step in enumerate(data.steps):
            param = f"steps[{i}].template_id"
            if step.type == "ai_interview" and step.template_id is None:
                raise InvalidRequest(
                    f"'{param}' is required for an ai_interview step.", param=param
                )
            tpl = (
                _template_id(session, principal, step.template_id, param)
                if step.template_id
                else None
            )
            interviewer = None
            if step.interviewer_id is not None:
                where = f"steps[{i}].interviewer_id"
                if step.type != "human_interview":
                    raise InvalidRequest(
                        f"'{where}': only a human_interview step has an interviewer.", param=where
                    )
                interviewer = assignable_user(session, principal, step.interviewer_id, where).id
            if step.duration_minutes is not None and step.type != "human_interview":
                where = f"steps[{i}].duration_minutes"
                raise InvalidRequest(
                    f"'{where}': only a human_interview step has a duration.", param=where
                )
            planned.append((step.title, step.type, tpl, interviewer, step.duration_minutes))

    now = utcnow()
    expires_at = now + timedelta(hours=data.expires_in_hours or default_hours)
    plan = PlanRepository(session, principal).add(
        InterviewPlan(
            id=ids.new_uuid(),
            candidate_id=candidate.id,
            job_id=job_id,
            status="active",
            total_steps=len(planned),
            completed_steps=0,
            started=False,
            expires_at=expires_at,
            created_at=now,
            updated_at=now,
        )
    )
    # No ORM relationships (lazy loading is banned): flush parents before children.
    session.flush()
    step_repo = StepRepository(session, principal)
    steps = [
        step_repo.add(
            InterviewStep(
                id=ids.new_uuid(),
                plan_id=plan.id,
                position=i + 1,
                title=title,
                type=type_,
                status="pending",
                template_id=tpl,
                interviewer_user_id=interviewer,
                duration_minutes=minutes
                if minutes is not None or type_ != "human_interview"
                else scheduling.DEFAULT_MINUTES,
                created_at=now,
                updated_at=now,
            )
        )
        for i, (title, type_, tpl, interviewer, minutes) in enumerate(planned)
    ]
    session.flush()
    link = BookingLinkRepository(session, principal).add(
        BookingLink(
            id=ids.new_uuid(),
            plan_id=plan.id,
            candidate_id=candidate.id,
            step_id=steps[0].id,
            slug=secrets.token_urlsafe(9),
            token_hash="",
            expires_at=expires_at,
            created_at=now,
        )
    )
    url = booking_url(public_url, secret, link.id)
    link.token_hash = sha256_hex(url.rsplit("/", 1)[1])
    session.flush()
    if data.send_email if data.send_email is not None else smtp_configured:
        queue_candidate_invitation(
            session,
            principal,
            plan=plan,
            candidate=candidate,
            link=link,
            url=url,
            has_ai_step=any(kind == "ai_interview" for _, kind, *_ in planned),
            secret=secret,
        )

    out = InviteOut(
        plan_id=plan.id,
        status=plan.status,
        steps=[StepOut.model_validate(s) for s in steps],
        booking_link=BookingLinkOut(id=link.id, slug=link.slug, url=url, expires_at=expires_at),
    )
    dumped = out.model_dump(mode="json")
    # The link URL is a credential: it is in the API answer, never in stored event payloads.
    EventOutbox(session, principal).emit(
        "interview.invited",
        {
            "plan_id": dumped["plan_id"],
            "candidate_id": ids.render("can", candidate.id),
            "job_id": ids.render_opt("job", job_id),
            "status": plan.status,
            "steps": dumped["steps"],
            "booking_link": {
                "id": dumped["booking_link"]["id"],
                "slug": link.slug,
                "expires_at": dumped["booking_link"]["expires_at"],
            },
            "expires_at": iso(expires_at),
        },
        candidate_id=candidate.id,
    )
    AuditLog(session, principal).record(
        "INTERVIEW_INVITED",
        "interview_plan",
        dumped["plan_id"],
        {"candidate_id": ids.render("can", candidate.id)},
    )
    return out


def _present(session: Session, principal: Principal, plan: InterviewPlan) -> PlanOut:
    steps = StepRepository(session, principal).for_plans([plan.id])[plan.id]
    return PlanOut.build(plan, steps)


def get_plan(session: Session, principal: Principal, plan_id: uuid.UUID) -> PlanOut:
    return _present(session, principal, PlanRepository(session, principal).get_or_404(plan_id))


def list_plans(
    session: Session,
    principal: Principal,
    page: PageRequest,
    candidate_id: uuid.UUID | None,
    job_id: uuid.UUID | None,
    status: str | None,
) -> tuple[list[PlanOut], Page[Any]]:
    stmt = PlanRepository(session, principal).filtered(candidate_id, job_id, status)
    result = paginate(session, stmt, InterviewPlan, page)
    steps = StepRepository(session, principal).for_plans([p.id for p in result.items])
    return [PlanOut.build(p, steps[p.id]) for p in result.items], result


def cancel_plan(
    session: Session, principal: Principal, setup: scheduling.Setup, plan_id: uuid.UUID
) -> PlanOut:
    plan = PlanRepository(session, principal).get_or_404(plan_id, lock=True)
    status = effective_plan_status(plan, utcnow())
    if status != "active":
        raise Conflict(f"The interview plan is already {status}.", code="plan_not_active")
    plan.status = "cancelled"
    progress.cancel_open_steps(session, principal, plan)
    scheduling.release_plan(session, principal, setup, plan)
    session.flush()
    AuditLog(session, principal).record(
        "INTERVIEW_CANCELLED", "interview_plan", ids.render("plan", plan.id)
    )
    return _present(session, principal, plan)


_CANDIDATE_STATUS_BY_DECISION = {"hire": "hired", "reject": "rejected"}
_DEFAULT_STAGE_BY_DECISION = {"hire": "hired", "reject": "rejected"}


def decide(
    session: Session,
    principal: Principal,
    setup: scheduling.Setup,
    plan_id: uuid.UUID,
    data: DecisionIn,
) -> PlanOut:
    """Records the hiring team's decision on a plan and moves the candidate accordingly.

    ``hire``/``reject`` set the candidate's status (and, unless ``stage`` is given, move them to
    the ``hired``/``rejected`` stage when the account has it); a plan status value
    (``completed``, ``cancelled``…) sets the plan's status; ``stage`` moves the candidate.
    """
    plan = PlanRepository(session, principal).get_or_404(plan_id, lock=True)
    candidate = CandidateRepository(session, principal).get(plan.candidate_id)
    assert candidate is not None  # plans cascade with their candidate
    stages = TenantProfileRepository(session, principal).current().pipeline_stages
    if data.stage is not None:
        rules.check_stage(data.stage, stages)
    now = utcnow()
    if (
        data.status in ("active", "completed", "cancelled", "expired")
        and data.status != plan.status
    ):
        if data.status == "cancelled":
            progress.cancel_open_steps(session, principal, plan)
            scheduling.release_plan(session, principal, setup, plan)
        plan.status = data.status
    plan.decision = data.status
    plan.decision_notes = data.notes
    plan.decided_at = now
    plan.updated_at = now

    moves: dict[str, str] = {}
    new_status = _CANDIDATE_STATUS_BY_DECISION.get(data.status)
    if new_status is not None:
        moves["status"] = new_status
    stage = data.stage or _DEFAULT_STAGE_BY_DECISION.get(data.status)
    if stage is not None and stage in stages:
        moves["stage"] = stage
    changed = candidates.change_candidate(session, principal, candidate, moves)
    plan_out = _present(session, principal, plan)
    plan_id_text = ids.render("plan", plan.id)
    EventOutbox(session, principal).emit(
        "interview.decision",
        {
            "plan_id": plan_id_text,
            "candidate_id": ids.render("can", candidate.id),
            "decision": data.status,
            "notes": data.notes,
            "plan_status": plan.status,
            "candidate_status": candidate.status,
            "stage": candidate.stage,
        },
        candidate_id=candidate.id,
    )
    AuditLog(session, principal).record(
        "INTERVIEW_DECISION",
        "interview_plan",
        plan_id_text,
        {"decision": data.status, "candidate_fields": changed},
    )
    return plan_out


# ------------------------------------------------------------------- a person's assigned steps

OPEN_STEP_STATUSES = ("pending", "scheduled", "in_progress")
ASSIGNED_STEPS_SHOWN = 300


@dataclass(frozen=True, slots=True)
class AssignedStep:
    """One step assigned to a person, with what their list shows of its plan."""

    step: StepOut
    plan_id: uuid.UUID
    plan_status: str
    candidate_id: uuid.UUID
    candidate_name: str
    job_title: str | None

    @property
    def upcoming(self) -> bool:
        """Still to happen or to score: an open step of a plan that still runs."""
        return self.plan_status == "active" and self.step.status in OPEN_STEP_STATUSES


def assigned_steps(
    session: Session, principal: Principal, user_id: uuid.UUID
) -> tuple[list[AssignedStep], list[AssignedStep]]:
    """The steps assigned to ``user_id`` (the newest 300): the upcoming ones — booked first, the
    soonest first, then those without a time — and the past ones, the latest first."""
    now = utcnow()
    rows = StepRepository(session, principal).assigned_to(user_id, ASSIGNED_STEPS_SHOWN)
    shown = [
        AssignedStep(
            step=StepOut.model_validate(step),
            plan_id=plan.id,
            plan_status=effective_plan_status(plan, now),
            candidate_id=candidate.id,
            candidate_name=f"{candidate.first_name} {candidate.last_name}".strip(),
            job_title=job.title if job is not None else None,
        )
        for step, plan, candidate, job in rows
    ]
    upcoming = sorted(
        (a for a in shown if a.upcoming),
        key=lambda a: (a.step.scheduled_start is None, a.step.scheduled_start or now),
    )
    past = sorted(
        (a for a in shown if not a.upcoming),
        key=lambda a: a.step.completed_at or a.step.scheduled_start or now,
        reverse=True,
    )
    return upcoming, past
