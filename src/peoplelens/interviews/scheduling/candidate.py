"""The candidate's side of a human step: the free slots, picking one, moving or cancelling it.

Authorised by the booking link's token alone (``conversation/link.py`` opens it). Picking a
slot books it through the same ``service.book`` as the team's schedule, with the candidate's
stricter checks (only times the slot page offers). A booking can be moved or cancelled by the
candidate until ``PEOPLELENS_BOOKING_CHANGE_CUTOFF_HOURS`` before it starts; after that the
page says to contact the hiring team.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from peoplelens.config import Settings
from peoplelens.interviews.conversation.link import (
    InterviewContext,
    next_open_step,
    open_link,
    require_open,
    state_of,
    steps_of,
)
from peoplelens.interviews.conversation.schemas import SessionOut
from peoplelens.interviews.scheduling import service
from peoplelens.interviews.scheduling.schemas import SlotOut, SlotsOut
from peoplelens.kit import ids
from peoplelens.kit.errors import Conflict, NotFound
from peoplelens.kit.time import iso, utcnow
from peoplelens.models import InterviewStep, User
from peoplelens.users.repository import UserRepository


def _next_human_step(session: Session, ctx: InterviewContext) -> InterviewStep:
    """The plan's next step, which must be a human one."""
    step = next_open_step(steps_of(session, ctx))
    if step is None:
        raise Conflict(
            "This interview is finished; there is nothing to book.", code="interview_finished"
        )
    if step.type != "human_interview":
        raise Conflict(
            "The next step is the AI interview, not a meeting to book.", code="no_human_step_next"
        )
    return step


def _human_step(session: Session, ctx: InterviewContext) -> tuple[InterviewStep, User]:
    """The plan's next step, a human one, with the interviewer whose time it books."""
    step = _next_human_step(session, ctx)
    interviewer = (
        UserRepository(session, ctx.principal).get(step.interviewer_user_id)
        if step.interviewer_user_id
        else None
    )
    if interviewer is None or not interviewer.is_enabled:
        raise Conflict(
            "This interview cannot be booked online yet: the hiring team has not assigned an "
            "interviewer. They will contact you with a time.",
            code="no_interviewer",
        )
    return step, interviewer


def _zone_label(zone: str, when: datetime) -> str:
    """``Europe/Berlin (UTC+01:00)``: the zone named and its offset at that time."""
    offset = when.astimezone(ZoneInfo(zone)).strftime("%z")
    return f"{zone} (UTC{offset[:3]}:{offset[3:]})"


def local_label(when: datetime, zone: str) -> str:
    """``Tue 8 Dec 2026, 09:30``: what a person reads, in their zone."""
    local = when.astimezone(ZoneInfo(zone))
    return f"{local:%a} {local.day} {local:%b %Y}, {local:%H:%M}"


def by_day(found: SlotsOut, zone: str) -> list[tuple[str, list[tuple[SlotOut, str]]]]:
    """The slots grouped by the candidate's local day: ``("Tuesday 8 December", [(slot,
    "09:30"), …])`` — what the page lists."""
    days: dict[str, list[tuple[SlotOut, str]]] = {}
    for slot in found.slots:
        local = datetime.fromisoformat(slot.start_time).astimezone(ZoneInfo(zone))
        days.setdefault(f"{local:%A} {local.day} {local:%B}", []).append((slot, f"{local:%H:%M}"))
    return list(days.items())


def slots(session: Session, token: str, settings: Settings, time_zone: str | None) -> SlotsOut:
    """The interviewer's free times for the plan's next (human) step, in ``time_zone`` (the
    candidate's browser's; the interviewer's when not given)."""
    return slots_of(session, open_link(session, token), settings, time_zone)


def slots_of(
    session: Session, ctx: InterviewContext, settings: Settings, time_zone: str | None
) -> SlotsOut:
    """:func:`slots` for a link already open (the page has opened it to show the state: a
    second ``open_link`` would read the link, the plan and the tenant again)."""
    require_open(ctx)
    step, interviewer = _human_step(session, ctx)
    zone = time_zone or interviewer.time_zone or "UTC"
    now = utcnow()
    found = service.open_slots(session, ctx.principal, settings, step, interviewer)
    current = _current(step)
    return SlotsOut(
        step_id=ids.render("step", step.id),
        title=step.title,
        duration_minutes=int(service.duration_of(step).total_seconds() // 60),
        interviewer_name=interviewer.first_name or "your interviewer",
        time_zone=zone,
        time_zone_label=_zone_label(zone, now),
        interviewer_time_zone=interviewer.time_zone,
        scheduled=current,
        can_change=_can_change(step, settings, now),
        change_cutoff_hours=settings.booking_change_cutoff_hours,
        slots=[
            SlotOut(start_time=iso(s), end_time=iso(e), label=local_label(s, zone))
            for s, e in found
        ],
    )


def _current(step: InterviewStep) -> SlotOut | None:
    if step.status != "scheduled" or step.scheduled_start is None or step.scheduled_end is None:
        return None
    zone = str((step.schedule or {}).get("candidate_time_zone") or "UTC")
    return SlotOut(
        start_time=iso(step.scheduled_start),
        end_time=iso(step.scheduled_end),
        label=local_label(step.scheduled_start, zone),
    )


def _can_change(step: InterviewStep, settings: Settings, now: datetime) -> bool:
    if step.status != "scheduled" or step.scheduled_start is None:
        return step.status == "pending"
    return now < step.scheduled_start - timedelta(hours=settings.booking_change_cutoff_hours)


def settle(state: SessionOut, settings: Settings) -> SessionOut:
    """Completes the session's ``booking`` with the cut-off: until when it may change."""
    booking = state.booking
    if booking is None or booking.start_time is None:
        return state
    until = datetime.fromisoformat(booking.start_time) - timedelta(
        hours=settings.booking_change_cutoff_hours
    )
    booking.change_until = iso(until)
    booking.can_change = booking.can_change and utcnow() < until
    return state


def _require_changeable(step: InterviewStep, settings: Settings) -> None:
    if step.status == "scheduled" and not _can_change(step, settings, utcnow()):
        raise Conflict(
            f"Your interview starts in less than {settings.booking_change_cutoff_hours:g} hours "
            "and can no longer be changed here; please contact the hiring team.",
            code="change_cutoff_passed",
        )


def book_slot(
    session: Session,
    token: str,
    setup: service.Setup,
    start: datetime,
    time_zone: str | None,
    manage_url: str,
) -> SessionOut:
    """Books (or moves to) the slot starting at ``start``. A slot taken meanwhile, or no
    longer offered, is a 409 ``slot_unavailable`` carrying ``next_slots``."""
    ctx = open_link(session, token, lock=True)
    require_open(ctx)
    step, interviewer = _human_step(session, ctx)
    _require_changeable(step, setup.settings)
    if step.status == "scheduled" and step.scheduled_start == start:
        return state_of(session, ctx)  # the same choice again (a double click): nothing moves
    service.check_horizon(start, utcnow())
    service.book(
        session,
        ctx.principal,
        setup,
        ctx.plan,
        step,
        interviewer,
        start,
        start + service.duration_of(step),
        by="candidate",
        candidate_time_zone=time_zone,
        manage_url=manage_url,
    )
    if ctx.link.used_at is None:
        ctx.link.used_at = utcnow()
    return state_of(session, ctx)


def cancel_slot(session: Session, token: str, setup: service.Setup, manage_url: str) -> SessionOut:
    """Withdraws the candidate's booking: the step waits for a new one (until the link
    expires), and both people get the ``CANCEL``."""
    ctx = open_link(session, token, lock=True)
    require_open(ctx)
    # Whatever became of the interviewer (deactivated, deleted), a booking can be withdrawn.
    step = _next_human_step(session, ctx)
    if step.status != "scheduled":
        raise Conflict("There is no booked interview to cancel.", code="not_booked")
    _require_changeable(step, setup.settings)
    service.cancel_booking(
        session,
        ctx.principal,
        setup,
        ctx.plan,
        step,
        by="candidate",
        drop_step=False,
        manage_url=manage_url,
    )
    return state_of(session, ctx)


def invite(session: Session, token: str, settings: Settings) -> tuple[str, str]:
    """The candidate's current invite: the booked step's (or the last one withdrawn)."""
    ctx = open_link(session, token)
    booked = [s for s in steps_of(session, ctx) if s.type == "human_interview" and s.schedule]
    if not booked:
        raise NotFound("No interview has been booked on this link yet.", code="no_invite")
    step = next((s for s in booked if s.status == "scheduled"), booked[-1])
    return service.current_invite(session, ctx.principal, settings, ctx.plan.id, step.id)
