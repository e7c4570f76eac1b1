"""The candidates' pages: the list and search (``/candidates``), and the candidate's own page
with its forms (profile, stage, documents, invite, decision).

Each form post calls the service the API calls (``candidates/service.py``,
``interviews/plans/service.py`` …) in the API's transaction (``web/work.py``), then redirects
back with a message; a refusal comes back as the page again with the service's sentence.
"""

from __future__ import annotations

from typing import Annotated, Final
from urllib.parse import urlencode

from fastapi import Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from peoplelens.auth.principal import Principal
from peoplelens.candidates import service as candidates
from peoplelens.candidates.rules import CANDIDATE_STATUSES
from peoplelens.candidates.schemas import CandidateFilters, CandidatePatch
from peoplelens.jobs.repository import JobRepository
from peoplelens.kit import ids
from peoplelens.kit.errors import ApiError
from peoplelens.kit.ids import CandidateID
from peoplelens.kit.pagination import PageRequest
from peoplelens.models import Job
from peoplelens.tenants.repository import TenantProfileRepository
from peoplelens.web.forms import InvalidForm, text_fields, validated
from peoplelens.web.pages import done, render, runtime_of
from peoplelens.web.route import ReadViewer, WriteViewer, page_router, safe_next
from peoplelens.web.work import reading, writing_lane

router = page_router()

PAGE_SIZE: Final = 50


def _choices(session: Session, principal: Principal) -> tuple[list[Job], list[str]]:
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
    jobs, stages = await reading(runtime, lambda s: _choices(s, principal))
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
    """The board's "Move" (and its drag-and-drop): the API's PATCH of ``stage``."""
    runtime = runtime_of(request)
    form = text_fields(await request.form(), ("stage", "back"))
    back = safe_next(form["back"]) or f"/candidates/{ids.render('can', id)}"
    try:
        patch = validated(CandidatePatch, {"stage": form["stage"]}, {"stage": "Stage"})
        moved = await writing_lane(
            runtime, lambda tx: candidates.update_candidate(tx, viewer.principal, id, patch)
        )
    except InvalidForm as invalid:
        return done(request, back, invalid.summary, "error")
    except ApiError as exc:
        if exc.status == 404:
            raise
        return done(request, back, exc.message, "error")
    name = f"{moved['first_name']} {moved['last_name']}"
    return done(request, back, f"Moved {name} to {moved['stage'].replace('_', ' ')}.")
