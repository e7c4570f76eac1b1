"""The jobs' pages: the list (``/jobs``), a new job, a job's page with its edit form, close
and delete.

Each form post calls the service ``/api/v1/jobs`` calls (``jobs/service.py``) with the API's
own request schema (``jobs/schemas.py``) in the API's transaction, then redirects with a
message; a form the schema refuses comes back with what was typed and the sentences (422).
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Final, get_args
from urllib.parse import urlencode

from fastapi import Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from peoplelens.auth.principal import Principal
from peoplelens.jobs import service as jobs
from peoplelens.jobs.schemas import JobCreate, JobOut, JobStatus, JobUpdate
from peoplelens.kit import ids
from peoplelens.kit.errors import ApiError
from peoplelens.kit.ids import JobID
from peoplelens.kit.pagination import Page, PageRequest
from peoplelens.web.forms import InvalidForm, optional, text_fields, validated
from peoplelens.web.pages import done, render, runtime_of
from peoplelens.web.route import ReadViewer, WriteViewer, page_router
from peoplelens.web.work import reading, writing

router = page_router()

PAGE_SIZE: Final = 50
STATUSES: Final[tuple[str, ...]] = get_args(JobStatus)
FIELDS: Final = ("title", "description", "department", "location", "employment_type", "status")
OPTIONAL: Final = ("description", "department", "location", "employment_type")
LABELS: Final = {
    "title": "Title",
    "description": "Description",
    "department": "Department",
    "location": "Location",
    "employment_type": "Employment type",
    "status": "Status",
}


def _listed(
    session: Session, principal: Principal, status: str | None, q: str | None, offset: int
) -> tuple[list[JobOut], Page[Any], dict[uuid.UUID, int]]:
    data, page = jobs.list_jobs(
        session, principal, PageRequest(limit=PAGE_SIZE, offset=offset), status, None, q
    )
    counts = jobs.candidate_counts(session, principal, {j.id for j in data})
    return data, page, counts


@router.get("/jobs")
async def job_list(
    request: Request,
    viewer: ReadViewer,
    q: Annotated[str | None, Query(max_length=200)] = None,
    status: Annotated[str | None, Query(max_length=20)] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    """Every job, newest first, with its candidates; filter by status and words."""
    q = (q or "").strip() or None
    status = status if status in STATUSES else None
    principal = viewer.principal
    data, page, counts = await reading(
        runtime_of(request), lambda s: _listed(s, principal, status, q, offset)
    )
    query = {k: v for k, v in {"q": q, "status": status}.items() if v}
    return render(
        request,
        "app/jobs.html",
        {
            "title": "Jobs — PeopleLens",
            "jobs": data,
            "counts": counts,
            "page": page,
            "base": "/jobs" + ("?" + urlencode(query) if query else ""),
            "filtered": bool(query),
            "q": q or "",
            "status": status or "",
            "statuses": STATUSES,
        },
        section="jobs",
    )


def _form_page(
    request: Request,
    values: dict[str, Any],
    errors: dict[str, str] | None = None,
    *,
    job: JobOut | None = None,
    candidates: int = 0,
    status: int = 200,
) -> Response:
    """The new-job form, or a job's page with its edit form (``job``)."""
    return render(
        request,
        "app/jobs_page.html" if job else "app/jobs_new.html",
        {
            "title": f"{job.title} — Jobs" if job else "New job — PeopleLens",
            "job": job,
            "candidates": candidates,
            "values": values,
            "errors": errors or {},
            "statuses": STATUSES,
        },
        status,
        section="jobs",
    )


def _typed(form: Any) -> dict[str, str]:
    return text_fields(form, FIELDS)


def _request(typed: dict[str, str]) -> dict[str, Any]:
    """The typed fields as the API's body: an empty optional field clears it (null); no
    status keeps the stored one (a new job: the schema's default)."""
    data = optional(typed, *OPTIONAL)
    if not typed["status"]:
        del data["status"]
    return data


def _refused(typed: dict[str, str], invalid: InvalidForm) -> dict[str, str]:
    errors = dict(invalid.errors)
    if "title" in errors and not typed["title"].strip():
        errors["title"] = "Title is required."
    return errors


@router.get("/jobs/new")
async def new_job(request: Request, viewer: WriteViewer) -> Response:
    return _form_page(request, {"status": "active"})


@router.post("/jobs")
async def create_job(request: Request, viewer: WriteViewer) -> Response:
    """The form of ``POST /api/v1/jobs`` (fires ``job.created``)."""
    typed = _typed(await request.form())
    try:
        data = validated(JobCreate, _request(typed), LABELS)
    except InvalidForm as invalid:
        return _form_page(request, typed, _refused(typed, invalid), status=422)
    made = await writing(runtime_of(request), lambda s: jobs.create_job(s, viewer.principal, data))
    return done(request, f"/jobs/{ids.render('job', made.id)}", f"Created the job “{made.title}”.")


def _job_and_count(session: Session, principal: Principal, id: uuid.UUID) -> tuple[JobOut, int]:
    job = jobs.get_job(session, principal, id)
    return job, jobs.candidate_counts(session, principal, {job.id}).get(job.id, 0)


@router.get("/jobs/{id}")
async def job_page(id: JobID, request: Request, viewer: ReadViewer) -> Response:
    """The job's details, and (for recruiters) its edit form, close and delete."""
    job, count = await reading(
        runtime_of(request), lambda s: _job_and_count(s, viewer.principal, id)
    )
    return _form_page(request, job.model_dump(), job=job, candidates=count)


@router.post("/jobs/{id}")
async def update_job(id: JobID, request: Request, viewer: WriteViewer) -> Response:
    """The form of ``PUT /api/v1/jobs/{id}`` (fires ``job.updated``, and ``job.closed`` on the
    move to closed)."""
    runtime = runtime_of(request)
    typed = _typed(await request.form())
    try:
        data = validated(JobUpdate, _request(typed), LABELS)
    except InvalidForm as invalid:
        job, count = await reading(runtime, lambda s: _job_and_count(s, viewer.principal, id))
        errors = _refused(typed, invalid)
        return _form_page(request, typed, errors, job=job, candidates=count, status=422)
    saved = await writing(runtime, lambda s: jobs.update_job(s, viewer.principal, id, data))
    return done(request, f"/jobs/{ids.render('job', id)}", f"Saved the job “{saved.title}”.")


@router.post("/jobs/{id}/close")
async def close_job(id: JobID, request: Request, viewer: WriteViewer) -> Response:
    """``PUT /api/v1/jobs/{id}`` with ``status: closed``: the same path that fires
    ``job.closed``."""
    runtime = runtime_of(request)
    data = JobUpdate(status="closed")
    closed = await writing(runtime, lambda s: jobs.update_job(s, viewer.principal, id, data))
    return done(
        request,
        f"/jobs/{ids.render('job', id)}",
        f"Closed the job “{closed.title}”; it takes no new applicants.",
    )


@router.post("/jobs/{id}/delete")
async def delete_job(id: JobID, request: Request, viewer: WriteViewer) -> Response:
    """``DELETE /api/v1/jobs/{id}``: refused with the API's sentence while candidates or plans
    refer to the job."""
    runtime = runtime_of(request)

    def delete(session: Session) -> str:
        title = jobs.get_job(session, viewer.principal, id).title
        jobs.delete_job(session, viewer.principal, id)
        return title

    try:
        title = await writing(runtime, delete)
    except ApiError as exc:
        if exc.status != 409:
            raise
        return done(request, f"/jobs/{ids.render('job', id)}", exc.message, "error")
    return done(request, "/jobs", f"Deleted the job “{title}”.")
