"""The candidate's booking forms on ``/book/{token}``: pick a time, cancel, the invite file.

Plain form posts (the page works without JavaScript), answered with a redirect back to the page
(303), so a reload never posts twice. The token in the path is the only credential, as on the
JSON routes, and the same per-address budget applies; every rule is the scheduling service's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from peoplelens.boundary import limits
from peoplelens.interviews.scheduling import candidate
from peoplelens.kit.errors import ApiError, InvalidRequest, RateLimited
from peoplelens.runtime import Runtime
from peoplelens.users.schemas import ZONES
from peoplelens.web.endpoints import BOOKING_ERRORS, PAGE_HEADERS, _notice
from peoplelens.web.forms import FormProblem, read_form
from peoplelens.web.pages import read, runtime_of, write

router = APIRouter(include_in_schema=False)


def _back(token: str, zone: str | None, error: str | None = None) -> RedirectResponse:
    query = {k: v for k, v in (("tz", zone), ("error", error)) if v}
    to = f"/book/{token}" + (f"?{urlencode(query)}" if query else "")
    response = RedirectResponse(to, status_code=303)
    response.headers.update(PAGE_HEADERS)
    return response


def _refused(request: Request, token: str, zone: str | None, exc: ApiError) -> Response:
    if exc.code in BOOKING_ERRORS:
        return _back(token, zone, exc.code)
    heading = "This interview link is not valid" if exc.status == 404 else "That did not work"
    return _notice(request, exc.status, heading, exc.message)


async def _form(request: Request, runtime: Runtime) -> tuple[dict[str, str], str | None]:
    """The form and the candidate's zone (if it is one); FormProblem or RateLimited else."""
    await limits.count_async(request, runtime, None)
    form = await read_form(request, {"start_time": 40, "tz": 64})
    return form, form["tz"] if form["tz"] in ZONES else None


def _manage(runtime: Runtime, token: str) -> str:
    return f"{runtime.settings.public_url}/book/{token}"


async def _act(
    request: Request, token: str, work: Callable[[Runtime, dict[str, str], str | None], Any]
) -> Response:
    """Reads the form, runs ``work`` in one write transaction, redirects back to the page; a
    refusal is shown as the page's notice (or, for a lost slot, the page with a sentence)."""
    runtime = runtime_of(request)
    try:
        form, zone = await _form(request, runtime)
    except RateLimited as exc:
        return _notice(request, 429, "Too many requests", exc.message)
    except FormProblem as exc:
        return _notice(request, exc.status, "That did not work", exc.message)
    try:
        await write(runtime, work(runtime, form, zone))
    except ApiError as exc:
        return _refused(request, token, zone, exc)
    return _back(token, zone)


@router.post("/book/{token}/booking", response_class=HTMLResponse)
async def book(token: str, request: Request) -> Response:
    def work(runtime: Runtime, form: dict[str, str], zone: str | None) -> Any:
        try:
            start = datetime.fromisoformat(form["start_time"].replace("Z", "+00:00"))
            start = (start if start.tzinfo else start.replace(tzinfo=UTC)).astimezone(UTC)
        except (ValueError, OverflowError):
            raise InvalidRequest("Pick one of the times on the page.", param="start_time") from None
        return lambda s: candidate.book_slot(
            s, token, runtime.scheduling, start, zone, _manage(runtime, token)
        )

    return await _act(request, token, work)


@router.post("/book/{token}/booking/cancel", response_class=HTMLResponse)
async def cancel(token: str, request: Request) -> Response:
    def work(runtime: Runtime, form: dict[str, str], zone: str | None) -> Any:
        return lambda s: candidate.cancel_slot(
            s, token, runtime.scheduling, _manage(runtime, token)
        )

    return await _act(request, token, work)


@router.get("/book/{token}/invite.ics")
def invite(token: str, request: Request) -> Response:
    """The booked interview's calendar invite, for the candidate's "add to calendar"."""
    runtime = runtime_of(request)
    try:
        limits.count(request, runtime, None)
        text, name = read(runtime, lambda s: candidate.invite(s, token, runtime.settings))
    except ApiError as exc:
        return _refused(request, token, None, exc)
    return Response(
        text,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"', **PAGE_HEADERS},
    )
