"""The workspace's front door (``/``) and the pipeline board (``/pipeline``).

Thin like every page: read the query, call the services the API calls, render.
"""

from __future__ import annotations

from typing import Annotated, Final
from urllib.parse import urlencode

from fastapi import Query, Request
from fastapi.responses import Response

from peoplelens.candidates import service as candidates
from peoplelens.candidates.rules import CANDIDATE_STATUSES
from peoplelens.candidates.schemas import CandidateFilters
from peoplelens.kit import ids
from peoplelens.kit.errors import NotFound
from peoplelens.models import Job
from peoplelens.web.candidates import jobs_and_stages
from peoplelens.web.pages import redirect, render, runtime_of
from peoplelens.web.route import ReadViewer, SignedInViewer, page_router
from peoplelens.web.work import reading

router = page_router()

# How many cards a column shows (the count says how many there are; a link lists them all):
# keeps the page small and fast whatever the job's size.
CARDS_PER_STAGE: Final = 15


@router.get("/")
async def home(viewer: SignedInViewer) -> Response:
    """Interviewers start at their interviews, everyone else at the pipeline."""
    return redirect("/my-interviews" if viewer.is_interviewer else "/pipeline")


@router.get("/pipeline")
async def pipeline(
    request: Request,
    viewer: ReadViewer,
    job: Annotated[str | None, Query(max_length=80)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    status: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    runtime = runtime_of(request)
    principal = viewer.principal
    jobs, stages = await reading(runtime, lambda s: jobs_and_stages(s, principal))
    open_jobs = [j for j in jobs if j.status != "closed"]
    chosen: Job | None = None
    if job:
        job_id = ids.try_parse("job", job)
        chosen = next((j for j in jobs if j.id == job_id), None)
        if chosen is None:
            raise NotFound("There is no such job in this workspace.", code="resource_missing")
    elif open_jobs or jobs:
        chosen = (open_jobs or jobs)[0]
    status = status if status in CANDIDATE_STATUSES else None
    q = (q or "").strip() or None
    board = None
    if chosen is not None:
        filters = CandidateFilters(job_id=chosen.id, q=q, status=status)
        board = await candidates.board(
            runtime.db.reads, principal, stages, filters, CARDS_PER_STAGE
        )
    here = {"job": ids.render("job", chosen.id)} if chosen else {}
    if q:
        here["q"] = q
    if status:
        here["status"] = status
    return render(
        request,
        "app/pipeline.html",
        {
            "title": f"Pipeline — {chosen.title}" if chosen else "Pipeline",
            "jobs": jobs,
            "job": chosen,
            "board": board,
            "stages": board.stages if board else stages,
            "q": q or "",
            "status": status or "",
            "statuses": CANDIDATE_STATUSES,
            "back": "/pipeline?" + urlencode(here),
            "job_id": ids.render("job", chosen.id) if chosen else "",
            "wide": True,
        },
        section="pipeline",
    )


@router.get("/me")
async def me(request: Request, viewer: SignedInViewer) -> Response:
    """Who is signed in, in which workspace, with which role."""
    return render(request, "app/me.html", {"title": "Your account — PeopleLens"})
