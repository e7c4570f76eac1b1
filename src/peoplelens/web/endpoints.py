"""The candidate-facing pages: the booking link opens the interview (no API key)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from peoplelens.boundary import limits
from peoplelens.interviews.conversation import link
from peoplelens.interviews.scheduling import candidate
from peoplelens.kit.errors import ApiError, NotFound, RateLimited
from peoplelens.runtime import Runtime
from peoplelens.users.schemas import ZONES

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))


def _when(value: object) -> str:
    """A moment as the workspace writes it: ``2 Dec 2026, 14:05 UTC``."""
    if isinstance(value, str):
        try:
            return _when(datetime.fromisoformat(value.replace("Z", "+00:00")))
        except ValueError:
            return value
    if not isinstance(value, datetime):
        return ""
    moment = value if value.tzinfo is None else value.astimezone(UTC)
    return f"{moment.day} {moment:%b %Y, %H:%M} UTC"


templates.env.filters["when"] = _when
# A public id (``{{ cand.id|pid("can") }}`` → ``can-<uuid>``), as the API writes it.
templates.env.filters["pid"] = lambda value, prefix: (
    value if isinstance(value, str) and value.startswith(prefix) else f"{prefix}-{value}"
)
# Options of the workspace's selects, built in one place.
templates.env.globals["jobs_options"] = lambda jobs: [
    (f"job-{j.id}", j.title + ("" if j.status == "active" else f" ({j.status})")) for j in jobs
]
templates.env.globals["status_options"] = lambda statuses: [
    (s, s.replace("_", " ").capitalize()) for s in statuses
]
router = APIRouter(include_in_schema=False)

# The pages load no third-party code, and no other site may frame them (clickjacking).
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


ZONE_CHOICES = sorted(ZONES)
# What a redirect back to the page may ask it to show (never text from the query string).
BOOKING_ERRORS = {
    "slot_unavailable": "That time is no longer free. Please pick another one below.",
    "change_cutoff_passed": "Your interview starts soon and can no longer be changed here; "
    "please contact the hiring team.",
}


def _notice(request: Request, status: int, heading: str, message: str) -> HTMLResponse:
    response = templates.TemplateResponse(
        request,
        "notice.html",
        {"title": heading, "heading": heading, "message": message},
        status_code=status,
    )
    response.headers.update(PAGE_HEADERS)
    return response


def _zone(raw: str | None) -> str | None:
    """The ``tz`` the page was given (the browser's zone, or the candidate's choice), if it is
    an IANA name; anything else is ignored (the interviewer's zone is shown, and named)."""
    return raw if raw and len(raw) <= 64 and raw in ZONES else None


@router.get("/book/{token}", response_class=HTMLResponse)
def interview_page(
    token: str, request: Request, tz: str | None = None, error: str | None = None
) -> HTMLResponse:
    runtime: Runtime = request.app.state.runtime
    try:
        # The same per-address budget as the token's JSON routes: the page is another way to
        # try tokens, so it must not be a way around that limit.
        limits.count(request, runtime, None)
    except RateLimited as exc:
        response = _notice(request, 429, "Too many requests", exc.message)
        response.headers.update(exc.headers)
        return response
    with runtime.db.read_session() as session:
        try:
            ctx = link.open_link(session, token)
        except NotFound:
            return _notice(
                request,
                404,
                "This link is not valid",
                "Check that you opened the whole link from your invitation, or "
                "ask the hiring team to send it again.",
            )
        state = candidate.settle(link.state_of(session, ctx), runtime.settings)
        zone = _zone(tz)
        slots = None
        if state.next_action in ("book", "attend"):
            try:
                slots = candidate.slots_of(session, ctx, runtime.settings, zone)
            except ApiError:
                slots = None  # the page says to wait for the hiring team
    state.max_answer_chars = runtime.settings.max_answer_chars
    if state.state == "expired":
        return _notice(
            request,
            410,
            "This interview link has expired",
            "Please ask the hiring team for a new link.",
        )
    if state.state == "cancelled":
        return _notice(
            request,
            410,
            "This interview was cancelled",
            "The hiring team cancelled this interview. If that is unexpected, please contact them.",
        )
    response = templates.TemplateResponse(
        request,
        "interview.html",
        {
            "title": f"Interview — {state.company}",
            "token": token,
            "state": state,
            "slots": slots,
            "days": candidate.by_day(slots, slots.time_zone) if slots else [],
            "zones": ZONE_CHOICES,
            "zone": zone,
            "error": BOOKING_ERRORS.get(error or ""),
            "change_until": candidate.local_label(
                datetime.fromisoformat(state.booking.change_until), slots.time_zone
            )
            if state.booking and state.booking.change_until and slots
            else None,
        },
    )
    response.headers.update(PAGE_HEADERS)
    return response
