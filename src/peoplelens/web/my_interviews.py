"""My interviews (``/my-interviews``): the steps assigned to the signed-in person, whatever
their role — upcoming first, with their time in the person's own time zone — each linking to
its review page, where the scorecard form is.

Thin like every page: the list is the plans service's read of a person's assigned steps (the
same narrowing the API applies to an interviewer: ``interviews/plans/repository.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from peoplelens.interviews.plans import service as plans
from peoplelens.users.repository import UserRepository
from peoplelens.users.schemas import ZONES
from peoplelens.web.pages import render, runtime_of
from peoplelens.web.route import SignedInViewer, Viewer, page_router
from peoplelens.web.work import reading

router = page_router()


@dataclass(frozen=True, slots=True)
class _Mine:
    upcoming: list[plans.AssignedStep]
    past: list[plans.AssignedStep]
    zone: str


def _read(session: Session, viewer: Viewer) -> _Mine:
    principal = viewer.principal
    upcoming, past = plans.assigned_steps(session, principal, viewer.user_id)
    user = UserRepository(session, principal).get(viewer.user_id)
    zone = user.time_zone if user is not None and user.time_zone in ZONES else "UTC"
    return _Mine(upcoming, past, zone)


def local_time(moment: datetime | None, zone: str) -> str:
    """``Tue 1 Jan 2030, 11:00`` in ``zone`` ("" for no time)."""
    if moment is None:
        return ""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    here = aware.astimezone(ZoneInfo(zone))
    return f"{here:%a} {here.day} {here:%b %Y, %H:%M}"


@router.get("/my-interviews")
async def my_interviews(request: Request, viewer: SignedInViewer) -> Response:
    runtime = runtime_of(request)
    mine = await reading(runtime, lambda s: _read(s, viewer))
    return render(
        request,
        "app/my_interviews.html",
        {
            "title": "My interviews — PeopleLens",
            "upcoming": mine.upcoming,
            "past": mine.past,
            "zone": mine.zone,
            "local": lambda moment: local_time(moment, mine.zone),
        },
        section="my",
    )
