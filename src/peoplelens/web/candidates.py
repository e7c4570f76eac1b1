"""The candidates' pages: the list and search (``/candidates``), and the candidate's own page
with its forms (profile, stage, documents, invite, decision).

Each form post calls the service the API calls (``candidates/service.py``,
``interviews/plans/service.py`` …) in the API's transaction (``web/work.py``), then redirects
back with a message; a refusal comes back as the page again with the service's sentence.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated, Any, Final
from urllib.parse import urlencode

from fastapi import Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from peoplelens.audit.repository import AuditRepository
from peoplelens.auth.principal import Principal
from peoplelens.candidates import service as candidates
from peoplelens.candidates.repository import CandidateRepository
from peoplelens.candidates.rules import CANDIDATE_STATUSES, DEFAULT_STAGE
from peoplelens.candidates.schemas import (
    CandidateCreate,
    CandidateFilters,
    CandidateOut,
    CandidatePatch,
)
from peoplelens.documents import service as documents
from peoplelens.interviews.plans import links as plan_links
from peoplelens.interviews.plans import service as plans
from peoplelens.interviews.plans.repository import PlanRepository
from peoplelens.interviews.plans.schemas import DecisionIn, InviteIn
from peoplelens.jobs.repository import JobRepository
from peoplelens.kit import ids
from peoplelens.kit.errors import ApiError, Conflict, NotFound
from peoplelens.kit.ids import CandidateID
from peoplelens.kit.pagination import MAX_LIMIT, PageRequest
from peoplelens.models import AuditEntry, Job
from peoplelens.runtime import Runtime
from peoplelens.templates import service as templates
from peoplelens.tenants.repository import TenantProfileRepository
from peoplelens.users.repository import UserRepository
from peoplelens.web.forms import InvalidForm, optional, text_fields, validated
from peoplelens.web.pages import done, render, runtime_of
from peoplelens.web.route import ReadViewer, WriteViewer, page_router, safe_next
from peoplelens.web.work import reading, writing, writing_lane

router = page_router()

PAGE_SIZE: Final = 50


def jobs_and_stages(session: Session, principal: Principal) -> tuple[list[Job], list[str]]:
    """The jobs a page offers to pick from (newest first) and the account's stages."""
    stmt = JobRepository(session, principal).filtered(None, None, None)
    jobs = list(session.scalars(stmt.order_by(Job.created_at.desc(), Job.id.desc()).limit(500)))
    stages = list(TenantProfileRepository(session, principal).current().pipeline_stages)
    return jobs, stages


@router.get("/candidates")
async def candidate_list(
    request: Request,
    viewer: ReadViewer,
    q: Annotated[str | None, Query(max_length=200)] = None,
    job: Annotated[str | None, Query(max_length=80)] = None,
    stage: Annotated[str | None, Query(max_length=64)] = None,
    status: Annotated[str | None, Query(max_length=20)] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    """Every candidate, newest first; search by name or e-mail, filter by job, stage, status."""
    runtime = runtime_of(request)
    principal = viewer.principal
    jobs, stages = await reading(runtime, lambda s: jobs_and_stages(s, principal))
    job_id = ids.try_parse("job", job) if job else None
    q = (q or "").strip() or None
    stage = stage if stage else None
    status = status if status in CANDIDATE_STATUSES else None
    filters = CandidateFilters(job_id=job_id, stage=stage, status=status, q=q)
    data, page = await candidates.list_candidates(
        runtime.db.reads, principal, filters, PageRequest(limit=PAGE_SIZE, offset=offset)
    )
    query = {
        k: v
        for k, v in {
            "q": q,
            "job": ids.render("job", job_id) if job_id else None,
            "stage": stage,
            "status": status,
        }.items()
        if v
    }
    return render(
        request,
        "app/candidates.html",
        {
            "title": f"Candidates matching “{q}”" if q else "Candidates",
            "candidates": data,
            "page": page,
            "base": "/candidates" + ("?" + urlencode(query) if query else ""),
            "filtered": bool(query),
            "search_q": q or "",
            "q": q or "",
            "job_id": ids.render("job", job_id) if job_id else "",
            "stage": stage or "",
            "status": status or "",
            "jobs": jobs,
            "stages": stages,
            "statuses": CANDIDATE_STATUSES,
        },
        section="candidates",
    )


@router.post("/candidates/{id}/stage")
async def move_stage(id: CandidateID, request: Request, viewer: WriteViewer) -> Response:
    """The board's "Move" (and its drag-and-drop): the API's PATCH of ``stage``. The stage is
    the form's ``stage``, or — from the board, whose one form holds every card's select —
    this candidate's ``to-<uuid>``."""
    runtime = runtime_of(request)
    form = text_fields(await request.form(), ("stage", f"to-{id}", "back"))
    back = safe_next(form["back"]) or f"/candidates/{ids.render('can', id)}"
    stage = form["stage"] or form[f"to-{id}"]
    try:
        patch = validated(CandidatePatch, {"stage": stage}, {"stage": "Stage"})
        moved = await writing_lane(
            runtime, lambda tx: candidates.update_candidate(tx, viewer.principal, id, patch)
        )
    except InvalidForm as invalid:
        # Another workspace's candidate is a 404 whatever the form says.
        await candidates.read_candidate(runtime.db.reads, viewer.principal, id)
        return done(request, back, invalid.summary, "error")
    except ApiError as exc:
        if exc.status == 404:
            raise
        return done(request, back, exc.message, "error")
    name = f"{moved['first_name']} {moved['last_name']}"
    return done(request, back, f"Moved {name} to {moved['stage'].replace('_', ' ')}.")


# ---------------------------------------------------------------- a candidate: new and own page

# The profile form's fields (the API's names) and how the page labels them.
LABELS: Final = {
    "first_name": "First name",
    "last_name": "Last name",
    "email": "E-mail",
    "phone": "Phone",
    "linkedin_url": "LinkedIn URL",
    "job_id": "Job",
    "stage": "Stage",
    "status": "Status",
}
NEW_FIELDS: Final = ("first_name", "last_name", "email", "phone", "linkedin_url", "job_id", "stage")
CLEARABLE: Final = ("phone", "linkedin_url", "job_id")
DECISIONS: Final = ("advance", "hire", "reject", "hold")
HISTORY_SIZE: Final = 50
PLANS_SHOWN: Final = 20


def _page_of(id_: uuid.UUID) -> str:
    return f"/candidates/{ids.render('can', id_)}"


def _field_errors(exc: ApiError, names: tuple[str, ...]) -> dict[str, str] | None:
    """A service's refusal of a form's value, as the field's error (a duplicate e-mail, an
    unknown job, a stage the account lacks), or None when it is about something else."""
    param = exc.param or ""
    if param in names:
        return {param: exc.message}
    if exc.status in (400, 409, 422):
        return {"": exc.message}
    return None


def _refusal_status(exc: ApiError) -> int:
    return exc.status if exc.status in (409, 422) else 422


@router.get("/candidates/new")
async def new_candidate(
    request: Request,
    viewer: WriteViewer,
    job: Annotated[str | None, Query(max_length=80)] = None,
) -> Response:
    """The form of a new candidate (``?job=job-…`` picks the job)."""
    runtime = runtime_of(request)
    principal = viewer.principal
    jobs, stages = await reading(runtime, lambda s: jobs_and_stages(s, principal))
    job_id = ids.try_parse("job", job) if job else None
    chosen = next((j for j in jobs if j.id == job_id), None)
    values = {name: "" for name in NEW_FIELDS}
    values["job_id"] = ids.render("job", chosen.id) if chosen else ""
    return _new_form(request, jobs, stages, values, {})


def _new_form(
    request: Request,
    jobs: list[Job],
    stages: list[str],
    values: dict[str, str],
    errors: dict[str, str],
    status: int = 200,
) -> Response:
    return render(
        request,
        "app/candidate_new.html",
        {
            "title": "Add a candidate",
            "values": values,
            "errors": errors,
            "jobs": jobs,
            "stages": stages,
            "labels": LABELS,
            "default_stage": DEFAULT_STAGE,
        },
        status,
        section="candidates",
    )


@router.post("/candidates")
async def create_candidate(request: Request, viewer: WriteViewer) -> Response:
    """POST /api/v1/candidates from the form; the form again with the refusal otherwise."""
    runtime = runtime_of(request)
    principal = viewer.principal
    values = text_fields(await request.form(), NEW_FIELDS)
    values = {k: v.strip() for k, v in values.items()}
    try:
        body = validated(CandidateCreate, optional(values, *CLEARABLE, "stage"), LABELS)
        created = await writing_lane(
            runtime, lambda tx: candidates.create_candidate(tx, principal, body)
        )
    except InvalidForm as invalid:
        errors, status = invalid.errors, 422
    except ApiError as exc:
        found = _field_errors(exc, NEW_FIELDS)
        if found is None:
            raise
        errors, status = found, _refusal_status(exc)
    else:
        name = f"{created['first_name']} {created['last_name']}"
        return done(request, f"/candidates/{created['id']}", f"Added {name}.")
    jobs, stages = await reading(runtime, lambda s: jobs_and_stages(s, principal))
    return _new_form(request, jobs, stages, values, errors, status)


@dataclass
class Step:
    """A plan's step as the page lists it (the API's step, and who interviews)."""

    title: str
    type: str
    status: str
    scheduled_start: Any
    interviewer: str | None


def _user_names(session: Session, principal: Principal, user_ids: set[uuid.UUID]) -> dict[Any, str]:
    users = UserRepository(session, principal)
    names: dict[Any, str] = {}
    for user_id in user_ids:
        user = users.get(user_id)
        if user is not None:
            names[user_id] = f"{user.first_name} {user.last_name}".strip() or user.email
    return names


def _who(entry: AuditEntry, names: dict[Any, str]) -> str:
    if entry.user_id is not None:
        return names.get(entry.user_id, "A former user")
    key = (entry.details or {}).get("key_id")
    if key:
        return f"API key {key}"
    return "PeopleLens" if (entry.details or {}).get("via") in ("worker", "cli") else "System"


def _what(entry: AuditEntry) -> str:
    """An audit entry in words: the action, and the field names it carries."""
    details = entry.details or {}
    text = entry.action.replace("_", " ").capitalize()
    fields = details.get("fields") or details.get("candidate_fields")
    extra = []
    if details.get("decision"):
        extra.append(f"decision: {details['decision']}")
    if fields:
        extra.append("fields: " + ", ".join(str(f).replace("_", " ") for f in fields))
    return text + (f" ({'; '.join(extra)})" if extra else "")


def _candidate_page_data(
    session: Session, runtime: Runtime, viewer_can_write: bool, principal: Principal, id_: uuid.UUID
) -> dict[str, Any]:
    """Everything the candidate's page shows, read in one session through the services the
    API's reads use."""
    settings = runtime.settings
    jobs, stages = jobs_and_stages(session, principal)
    docs = documents.list_documents(
        session,
        principal,
        id_,
        settings.public_url,
        runtime.secret_key,
        settings.document_link_seconds,
    )
    try:
        parsed = documents.read_parsed(session, principal, id_)
    except NotFound:
        parsed = None
    plan_list, _ = plans.list_plans(
        session, principal, PageRequest(limit=PLANS_SHOWN), id_, None, None
    )
    tpl_list, _ = templates.list_templates(session, principal, PageRequest(limit=MAX_LIMIT))
    booking = []
    if viewer_can_write:
        booking = plan_links.booking_links(
            session,
            principal,
            id_,
            PageRequest(),
            public_url=settings.public_url,
            secret=runtime.secret_key,
        ).booking_links
    entity_ids = [ids.render("can", id_)]
    entity_ids += [ids.render("plan", p.id) for p in plan_list]
    entity_ids += [ids.render("doc", d.id) for d in docs]
    history = AuditRepository(session, principal).about(entity_ids, HISTORY_SIZE)
    people = {s.interviewer_id for p in plan_list for s in p.steps if s.interviewer_id}
    people |= {e.user_id for e in history if e.user_id}
    names = _user_names(session, principal, people)
    steps = {
        p.id: [
            Step(
                s.title,
                s.type,
                s.status,
                s.scheduled_start,
                names.get(s.interviewer_id) if s.interviewer_id else None,
            )
            for s in p.steps
        ]
        for p in plan_list
    }
    return {
        "jobs": jobs,
        "stages": stages,
        "documents": docs,
        "parsed": parsed,
        "reading": any(d.parse_status == "queued" for d in docs),
        "plans": plan_list,
        "steps": steps,
        "templates": tpl_list,
        "template_options": [(ids.render("tpl", t.id), t.title) for t in tpl_list],
        "booking_links": booking,
        "history": [
            {"when": e.created_at, "who": _who(e, names), "what": _what(e)} for e in history
        ],
        "smtp": settings.smtp_url is not None,
    }


def _profile_values(cand: CandidateOut) -> dict[str, str]:
    """The profile form's values: the candidate as the API shows it (empty for a null)."""
    shown = candidates.shown(cand)
    return {name: shown.get(name) or "" for name in LABELS}


def _name(cand: CandidateOut) -> str:
    shown = cand.model_dump()
    return f"{shown['first_name']} {shown['last_name']}"


async def _candidate_page(
    request: Request,
    viewer: Any,
    id_: uuid.UUID,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    runtime = runtime_of(request)
    principal = viewer.principal
    cand = await candidates.read_candidate(runtime.db.reads, principal, id_)
    data = await reading(
        runtime,
        lambda s: _candidate_page_data(s, runtime, viewer.can_write, principal, id_),
    )
    return render(
        request,
        "app/candidate.html",
        {
            "title": f"{_name(cand)} — Candidates",
            "cand": cand,
            "can_id": ids.render("can", id_),
            "values": values or _profile_values(cand),
            "errors": errors or {},
            "labels": LABELS,
            "statuses": CANDIDATE_STATUSES,
            "decisions": DECISIONS,
            **data,
        },
        status,
        section="candidates",
    )


@router.get("/candidates/{id}")
async def candidate_page(id: CandidateID, request: Request, viewer: ReadViewer) -> Response:
    """The candidate: profile, documents and parsed resume, interview plans, the invite and
    decision forms, and the history of changes."""
    return await _candidate_page(request, viewer, id)


@router.post("/candidates/{id}")
async def update_candidate(id: CandidateID, request: Request, viewer: WriteViewer) -> Response:
    """The profile form: PATCH /api/v1/candidates/{id} with every field of the form (an empty
    phone, LinkedIn URL or job clears it)."""
    runtime = runtime_of(request)
    values = {k: v.strip() for k, v in text_fields(await request.form(), LABELS).items()}
    try:
        patch = validated(CandidatePatch, optional(values, *CLEARABLE), LABELS)
        await writing_lane(
            runtime, lambda tx: candidates.update_candidate(tx, viewer.principal, id, patch)
        )
    except InvalidForm as invalid:
        return await _candidate_page(request, viewer, id, values, invalid.errors, 422)
    except ApiError as exc:
        found = _field_errors(exc, tuple(LABELS))
        if found is None:
            raise
        return await _candidate_page(request, viewer, id, values, found, _refusal_status(exc))
    return done(request, _page_of(id), "Saved the profile.")


@router.post("/candidates/{id}/documents")
async def upload_document(id: CandidateID, request: Request, viewer: WriteViewer) -> Response:
    """The upload form: the API's upload — the file judged by its content before the
    transaction (as the API's ``prepare``), then stored and queued for reading."""
    runtime = runtime_of(request)
    principal = viewer.principal
    await candidates.read_candidate(runtime.db.reads, principal, id)  # 404 before the file
    upload = (await request.form()).get("file")
    back = _page_of(id) + "#documents"
    if not isinstance(upload, UploadFile) or not upload.filename:
        return done(request, back, "Choose a file to upload.", "error")
    data = await upload.read()
    try:
        judged = await run_in_threadpool(documents.judge, data)
        out = await writing(
            runtime,
            lambda s: documents.upload(
                s, principal, runtime.storage, id, upload.filename, data, judged
            ),
        )
    except ApiError as exc:
        if exc.status == 404:
            raise
        return done(request, back, exc.message, "error")
    return done(request, back, f"Uploaded {out.file_name}; it is being read.")


@router.post("/candidates/{id}/invite")
async def invite(id: CandidateID, request: Request, viewer: WriteViewer) -> Response:
    """The invite form: POST /api/v1/interviews/invite with one template."""
    runtime = runtime_of(request)
    settings = runtime.settings
    form = await request.form()
    values = text_fields(form, ("template_id", "expires_in_hours"))
    back = _page_of(id) + "#interviews"
    data: dict[str, Any] = {
        "candidate_id": ids.render("can", id),
        "template_id": values["template_id"] or None,
        "send_email": form.get("send_email") == "1",
    }
    if values["expires_in_hours"].strip():
        data["expires_in_hours"] = values["expires_in_hours"].strip()
    labels = {"template_id": "Template", "expires_in_hours": "Expires in (hours)"}
    if data["template_id"] is None:
        await candidates.read_candidate(runtime.db.reads, viewer.principal, id)
        return done(request, back, "Choose a template to invite with.", "error")
    try:
        body = validated(InviteIn, data, labels)
        await writing(
            runtime,
            lambda s: plans.invite(
                s,
                viewer.principal,
                body,
                public_url=settings.public_url,
                secret=runtime.secret_key,
                default_hours=settings.booking_link_default_hours,
                smtp_configured=settings.smtp_url is not None,
            ),
        )
    except InvalidForm as invalid:
        await candidates.read_candidate(runtime.db.reads, viewer.principal, id)
        return done(request, back, invalid.summary, "error")
    except ApiError as exc:
        if exc.status == 404 and exc.param in (None, "id", "candidate_id"):
            raise NotFound(exc.message) from None
        return done(request, back, exc.message, "error")
    sent = " and e-mailed it" if body.send_email else ""
    return done(
        request,
        back,
        # The link itself is a credential: it is not put in a cookie; the page lists it.
        f"Invited{sent}. The candidate's link is under Booking links below.",
        "success",
    )


@router.post("/candidates/{id}/decision")
async def decide(id: CandidateID, request: Request, viewer: WriteViewer) -> Response:
    """The decision form: POST /api/v1/interviews/{plan}/decision on the candidate's latest
    plan. Without a plan there is nothing to decide on (the profile's status changes the
    candidate alone)."""
    runtime = runtime_of(request)
    principal = viewer.principal
    form = text_fields(await request.form(), ("status", "notes", "stage"))
    back = _page_of(id) + "#decision"
    labels = {"status": "Decision", "notes": "Notes", "stage": "Stage"}
    try:
        body = validated(DecisionIn, optional(form, "notes", "stage"), labels)
    except InvalidForm as invalid:
        await candidates.read_candidate(runtime.db.reads, principal, id)
        return done(request, back, invalid.summary, "error")

    def work(session: Session) -> str:
        plan = PlanRepository(session, principal).latest_for_candidate(id)
        if plan is None:
            CandidateRepository(session, principal).get_or_404(id)
            raise Conflict(
                "This candidate has no interview plan to decide on. Invite them first, or "
                "change their status in the profile.",
                code="no_plan",
            )
        return plans.decide(session, principal, runtime.scheduling, plan.id, body).status

    try:
        await writing(runtime, work)
    except ApiError as exc:
        if exc.status == 404 and exc.param in (None, "id"):
            raise
        return done(request, back, exc.message, "error")
    return done(request, back, f"Recorded the decision: {body.status}.")


@router.post("/candidates/{id}/delete")
async def delete_candidate(id: CandidateID, request: Request, viewer: WriteViewer) -> Response:
    """DELETE /api/v1/candidates/{id}: the candidate and everything attached to them."""
    runtime = runtime_of(request)
    principal = viewer.principal
    cand = await candidates.read_candidate(runtime.db.reads, principal, id)
    await writing(runtime, lambda s: candidates.delete_candidate(s, principal, id))
    name = _name(cand)
    return done(request, "/candidates", f"Deleted {name} and everything attached to them.")
