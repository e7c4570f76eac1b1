"""Interview plans: invite, read, cancel, decide. Step transitions live in ``progress.py``."""

from __future__ import annotations

import secrets
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditLog
from peoplelens.auth.principal import Principal
from peoplelens.candidates import service as candidates
from peoplelens.candidates.repository import CandidateRepository
from peoplelens.events.repository import EventOutbox
from peoplelens.interviews import progress
from peoplelens.interviews.repository import (
    BookingLinkRepository,
    PlanRepository,
    StepRepository,
    TemplateRepository,
)
from peoplelens.interviews.schemas import (
    BookingLinkListItem,
    BookingLinkOut,
    DecisionIn,
    InviteIn,
    InviteOut,
    PlanOut,
    StepOut,
)
from peoplelens.interviews.state import effective_plan_status
from peoplelens.jobs.repository import JobRepository
from peoplelens.kit import ids
from peoplelens.kit.crypto import derive_token, sha256_hex
from peoplelens.kit.errors import Conflict, InvalidRequest
from peoplelens.kit.ids import not_found
from peoplelens.kit.pagination import Page, PageRequest, paginate
from peoplelens.kit.time import iso, utcnow
from peoplelens.models import BookingLink, Candidate, InterviewPlan, InterviewStep
from peoplelens.tenants.repository import TenantProfileRepository

BOOKING_TOKEN_PURPOSE = "booking-link"  # noqa: S105 — a label, not a secret


def booking_url(public_url: str, secret: bytes, link_id: uuid.UUID) -> str:
    return f"{public_url}/book/{derive_token(secret, BOOKING_TOKEN_PURPOSE, link_id.hex)}"


def _candidate(session: Session, principal: Principal, raw: str, param: str) -> Candidate:
    candidate = CandidateRepository(session, principal).get(ids.parse_ref("can", raw, param))
    if candidate is None:
        raise not_found("can", raw, param=param)
    return candidate


def _template_id(session: Session, principal: Principal, raw: str, param: str) -> uuid.UUID:
    template = TemplateRepository(session, principal).get(ids.parse_ref("tpl", raw, param))
    if template is None:
        raise not_found("tpl", raw, param=param)
    return template.id


def invite(
    session: Session,
    principal: Principal,
    data: InviteIn,
    *,
    public_url: str,
    secret: bytes,
    default_hours: int,
) -> InviteOut:
    candidate = _candidate(session, principal, data.candidate_id, "candidate_id")
    if candidate.status != "active":
        raise Conflict(
            f"The candidate is {candidate.status}; only active candidates can be invited.",
            code="candidate_not_active",
            param="candidate_id",
        )
    job_id = candidate.job_id
    if data.job_id is not None:
        job = JobRepository(session, principal).get(ids.parse_ref("job", data.job_id, "job_id"))
        if job is None:
            raise not_found("job", data.job_id, param="job_id")
        job_id = job.id

    planned: list[tuple[str, str, uuid.UUID | None]]
    if data.template_id is not None:
        planned = [
            (
                "AI interview",
                "ai_interview",
                _template_id(session, principal, data.template_id, "template_id"),
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
            planned.append((step.title, step.type, tpl))

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
                created_at=now,
                updated_at=now,
            )
        )
        for i, (title, type_, tpl) in enumerate(planned)
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

    out = InviteOut(
        plan_id=ids.render("plan", plan.id),
        status=plan.status,
        steps=[StepOut.build(s) for s in steps],
        booking_link=BookingLinkOut(
            id=ids.render("bkl", link.id), slug=link.slug, url=url, expires_at=iso(expires_at)
        ),
    )
    # The link URL is a credential: it is in the API answer, never in stored event payloads.
    EventOutbox(session, principal).emit(
        "interview.invited",
        {
            "plan_id": out.plan_id,
            "candidate_id": ids.render("can", candidate.id),
            "job_id": ids.render_opt("job", job_id),
            "status": plan.status,
            "steps": [s.model_dump() for s in out.steps],
            "booking_link": {
                "id": out.booking_link.id,
                "slug": link.slug,
                "expires_at": out.booking_link.expires_at,
            },
            "expires_at": iso(expires_at),
        },
        candidate_id=candidate.id,
    )
    AuditLog(session, principal).record(
        "INTERVIEW_INVITED",
        "interview_plan",
        out.plan_id,
        {"candidate_id": ids.render("can", candidate.id)},
    )
    return out


def load_plan(session: Session, principal: Principal, raw_id: str) -> InterviewPlan:
    plan = PlanRepository(session, principal).get(ids.parse_path("plan", raw_id))
    if plan is None:
        raise not_found("plan", raw_id)
    return plan


def _present(session: Session, principal: Principal, plan: InterviewPlan) -> PlanOut:
    steps = StepRepository(session, principal).for_plans([plan.id])[plan.id]
    return PlanOut.build(plan, steps)


def get_plan(session: Session, principal: Principal, raw_id: str) -> PlanOut:
    return _present(session, principal, load_plan(session, principal, raw_id))


def list_plans(
    session: Session,
    principal: Principal,
    page: PageRequest,
    candidate_id: str | None,
    job_id: str | None,
    status: str | None,
) -> tuple[list[PlanOut], Page[Any]]:
    stmt = PlanRepository(session, principal).filtered(
        ids.parse_ref("can", candidate_id, "candidate_id") if candidate_id else None,
        ids.parse_ref("job", job_id, "job_id") if job_id else None,
        status,
    )
    result = paginate(session, stmt, InterviewPlan, page)
    steps = StepRepository(session, principal).for_plans([p.id for p in result.items])
    return [PlanOut.build(p, steps[p.id]) for p in result.items], result


def cancel_plan(session: Session, principal: Principal, raw_id: str) -> PlanOut:
    plan = PlanRepository(session, principal).get_or_404(ids.parse_path("plan", raw_id), lock=True)
    status = effective_plan_status(plan, utcnow())
    if status != "active":
        raise Conflict(f"The interview plan is already {status}.", code="plan_not_active")
    plan.status = "cancelled"
    progress.cancel_open_steps(session, principal, plan)
    session.flush()
    AuditLog(session, principal).record(
        "INTERVIEW_CANCELLED", "interview_plan", ids.render("plan", plan.id)
    )
    return _present(session, principal, plan)


_CANDIDATE_STATUS_BY_DECISION = {"hire": "hired", "reject": "rejected"}
_DEFAULT_STAGE_BY_DECISION = {"hire": "hired", "reject": "rejected"}


def decide(session: Session, principal: Principal, raw_id: str, data: DecisionIn) -> PlanOut:
    """Records the hiring team's decision on a plan and moves the candidate accordingly.

    ``hire``/``reject`` set the candidate's status (and, unless ``stage`` is given, move them to
    the ``hired``/``rejected`` stage when the account has it); a plan status value
    (``completed``, ``cancelled``…) sets the plan's status; ``stage`` moves the candidate.
    """
    plan = PlanRepository(session, principal).get_or_404(ids.parse_path("plan", raw_id), lock=True)
    candidate = CandidateRepository(session, principal).get(plan.candidate_id)
    assert candidate is not None  # plans cascade with their candidate
    stages = TenantProfileRepository(session, principal).current().pipeline_stages
    if data.stage is not None and data.stage not in stages:
        raise InvalidRequest(
            f"'stage' must be one of this account's pipeline stages: {', '.join(stages)}.",
            param="stage",
            code="invalid_stage",
        )
    now = utcnow()
    before = candidates.present(session, principal, candidate).model_dump(mode="json")
    if (
        data.status in ("active", "completed", "cancelled", "expired")
        and data.status != plan.status
    ):
        if data.status == "cancelled":
            progress.cancel_open_steps(session, principal, plan)
        plan.status = data.status
    plan.decision = data.status
    plan.decision_notes = data.notes
    plan.decided_at = now
    plan.updated_at = now

    new_status = _CANDIDATE_STATUS_BY_DECISION.get(data.status)
    if new_status is not None:
        candidate.status = new_status
    stage = data.stage or _DEFAULT_STAGE_BY_DECISION.get(data.status)
    if stage is not None and stage in stages:
        candidate.stage = stage
    session.flush()
    after = candidates.present(session, principal, candidate).model_dump(mode="json")
    changed = [k for k in ("status", "stage") if before[k] != after[k]]
    if changed:
        candidate.updated_at = now
        after["updated_at"] = iso(now)
        candidates.emit_candidate_changes(
            EventOutbox(session, principal), candidate.id, before, after, changed
        )
    plan_out = _present(session, principal, plan)
    EventOutbox(session, principal).emit(
        "interview.decision",
        {
            "plan_id": plan_out.id,
            "candidate_id": plan_out.candidate_id,
            "decision": data.status,
            "notes": data.notes,
            "plan_status": plan.status,
            "candidate_status": after["status"],
            "stage": after["stage"],
        },
        candidate_id=candidate.id,
    )
    AuditLog(session, principal).record(
        "INTERVIEW_DECISION",
        "interview_plan",
        plan_out.id,
        {"decision": data.status, "candidate_fields": changed},
    )
    return plan_out


def booking_links(
    session: Session,
    principal: Principal,
    raw_candidate_id: str,
    *,
    public_url: str,
    secret: bytes,
) -> list[BookingLinkListItem]:
    candidate = _candidate(session, principal, raw_candidate_id, "candidate_id")
    links = BookingLinkRepository(session, principal).active_for_candidate(candidate.id, utcnow())
    return [
        BookingLinkListItem(
            id=ids.render("bkl", link.id),
            slug=link.slug,
            url=booking_url(public_url, secret, link.id),
            candidate_id=ids.render("can", link.candidate_id),
            step_id=ids.render_opt("step", link.step_id),
            expires_at=iso(link.expires_at),
        )
        for link in links
    ]
