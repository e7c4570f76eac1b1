"""Booking human interview steps: the one path the team's API and the candidate's page share.

``book`` checks and claims a time, ``cancel_booking`` releases one, and both keep the step's
calendar invite right (a stable ``UID``, ``SEQUENCE`` raised on every change, a ``CANCEL`` when
it is withdrawn) and e-mail it to the candidate and the interviewer in the same transaction.

**Race-safe claims.** Before it looks at the interviewer's other bookings, ``book`` locks the
interviewer's user row (``FOR UPDATE`` on PostgreSQL; SQLite has one writer at a time), so of two
candidates picking the same slot the second waits, then sees the first one's booking and is
refused with the next free times. The check and the write are one transaction.

**What is checked.** Always: the plan is active (not expired), the step is a human step still
open, the time is in the future, ends after it starts and is at most eight hours long, and it
does not overlap the interviewer's other booked steps. The candidate's choice must also be one
the slot page offers: inside the interviewer's working hours, with the buffer around other
interviews and the minimum notice. The team's schedule applies working hours and the buffer as
well when the interviewer has working hours, unless ``outside_working_hours`` says the team
arranged that time with them.
"""

from __future__ import annotations

import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditLog
from peoplelens.auth.principal import Principal
from peoplelens.candidates.repository import CandidateRepository
from peoplelens.config import Settings
from peoplelens.emails import messages as mail
from peoplelens.emails.service import queue_email
from peoplelens.events.repository import EventOutbox
from peoplelens.interviews.plans import progress
from peoplelens.interviews.plans.links import booking_url
from peoplelens.interviews.plans.repository import (
    BookingLinkRepository,
    PlanRepository,
    StepRepository,
)
from peoplelens.interviews.plans.state import effective_plan_status
from peoplelens.interviews.scheduling.availability import free_slots, slot_problem
from peoplelens.interviews.scheduling.calendar import (
    Attendee,
    InviteEvent,
    can_carry,
    invite_ics,
)
from peoplelens.interviews.scheduling.schemas import ScheduledEvent, ScheduleIn, ScheduleOut
from peoplelens.kit import ids
from peoplelens.kit.errors import Conflict, InvalidRequest, NotFound
from peoplelens.kit.mail.compose import BadAddress
from peoplelens.kit.time import iso, utcnow
from peoplelens.models import Candidate, InterviewPlan, InterviewStep, Tenant, User
from peoplelens.tenants.repository import TenantProfileRepository
from peoplelens.users.repository import UserRepository
from peoplelens.users.service import assignable_user

log = logging.getLogger("peoplelens.interviews")
DEFAULT_MINUTES = 45
DEFAULT_DURATION = timedelta(minutes=DEFAULT_MINUTES)
LONGEST = timedelta(hours=8)
# How far ahead an interview may be booked: a date beyond is a typo (and near the end of the
# calendar its arithmetic would overflow).
HORIZON = timedelta(days=3653)
BookedBy = Literal["team", "candidate"]
Change = Literal["scheduled", "moved", "cancelled"]


@dataclass(frozen=True)
class Setup:
    """What scheduling needs of the running service: its settings, and the server secret —
    it seals the mail queued and derives the candidate's link."""

    settings: Settings
    secret: bytes


@dataclass(frozen=True)
class Booking:
    """A step's booked meeting as the API shows it, with its current invite."""

    event: ScheduledEvent
    ics: str
    sequence: int
    rescheduled: bool


def duration_of(step: InterviewStep) -> timedelta:
    return timedelta(minutes=step.duration_minutes) if step.duration_minutes else DEFAULT_DURATION


def require_bookable(plan: InterviewPlan, step: InterviewStep) -> None:
    """The plan can still change and the step is a human step that is not over."""
    status = effective_plan_status(plan, utcnow())
    if status != "active":
        raise Conflict(
            f"The interview plan is {status}; its steps can no longer be scheduled.",
            code="plan_not_active",
        )
    if step.type != "human_interview":
        raise Conflict(
            "Only human interview steps are scheduled; AI steps start from the candidate's link.",
            code="step_not_schedulable",
        )
    if step.status not in ("pending", "scheduled"):
        raise Conflict(
            f"The step is {step.status}; it can no longer be scheduled.", code="invalid_step_state"
        )


def check_horizon(start: datetime, now: datetime) -> None:
    if start > now + HORIZON:
        raise InvalidRequest(
            "'start_time' is more than ten years ahead; check the date.", param="start_time"
        )


def _check_times(start: datetime, end: datetime, now: datetime) -> None:
    check_horizon(start, now)
    if end <= start:
        raise InvalidRequest("'end_time' must be after 'start_time'.", param="end_time")
    if end - start > LONGEST:
        raise InvalidRequest("An interview is at most 8 hours long.", param="end_time")
    if start < now - timedelta(minutes=5):
        raise InvalidRequest("'start_time' is in the past.", param="start_time")


def busy_times(
    session: Session,
    principal: Principal,
    interviewer_id: uuid.UUID,
    start: datetime,
    end: datetime,
    *,
    besides: uuid.UUID | None,
) -> list[tuple[datetime, datetime]]:
    """The interviewer's booked steps that reach into [start, end), other than ``besides``."""
    return [
        (s, e)
        for step_id, s, e in StepRepository(session, principal).booked_between(
            interviewer_id, start - LONGEST, end
        )
        if e > start and step_id != besides
    ]


def book(
    session: Session,
    principal: Principal,
    setup: Setup,
    plan: InterviewPlan,
    step: InterviewStep,
    interviewer: User | None,
    start: datetime,
    end: datetime,
    *,
    by: BookedBy,
    title: str | None = None,
    description: str | None = None,
    outside_working_hours: bool = False,
    candidate_time_zone: str | None = None,
    manage_url: str | None = None,
) -> Booking:
    """Claims [start, end) for the step with ``interviewer`` (a new booking or a move), sends
    the invites and fires ``interview.scheduled``. The caller has locked the plan row. Only the
    team books without an interviewer (the reference's schedule does not require one): then
    nobody's calendar is checked and the invite goes to the candidate alone."""
    settings = setup.settings
    require_bookable(plan, step)
    now = utcnow()
    _check_times(start, end, now)
    if interviewer is not None:
        _claim(
            session,
            principal,
            settings,
            step,
            interviewer,
            start,
            end,
            now,
            by,
            outside_working_hours,
        )
    previous = dict(step.schedule or {})
    rescheduled = step.status == "scheduled"
    old_interviewer = step.interviewer_user_id
    if interviewer is not None:
        step.interviewer_user_id = interviewer.id
    progress.schedule_step(session, principal, step)
    if previous:
        step.calendar_sequence += 1
    step.scheduled_start, step.scheduled_end = start, end
    event = ScheduledEvent(
        step_id=ids.render("step", step.id),
        start_time=iso(start),
        end_time=iso(end),
        title=title or previous.get("title") or step.title,
        description=description if description is not None else previous.get("description"),
        interviewer_id=ids.render_opt("usr", interviewer.id if interviewer else None),
        meeting_url=str(previous.get("meeting_url") or meeting_url(settings, step.id)),
    )
    step.schedule = event.model_dump() | {
        "cancelled": False,
        "booked_by": by,
        "candidate_time_zone": candidate_time_zone or previous.get("candidate_time_zone"),
    }
    people = _people(session, principal, settings, plan, interviewer)
    ics = _invite(settings, people, step, event, cancelled=False)
    change: Change = "moved" if rescheduled else "scheduled"
    _mail(session, principal, setup.secret, people, plan, step, event, ics, change, manage_url)
    if (
        old_interviewer is not None
        and interviewer is not None
        and rescheduled
        and (old_interviewer != interviewer.id)
    ):
        former = UserRepository(session, principal).get(old_interviewer)
        if former is not None:  # the one who no longer interviews gets the cancellation
            gone = _invite(settings, people, step, event, cancelled=True, interviewer=former)
            _mail_one(
                session,
                principal,
                setup.secret,
                people,
                former,
                plan,
                step,
                event,
                gone,
                "cancelled",
                None,
            )
    EventOutbox(session, principal).emit(
        "interview.scheduled",
        {
            "plan_id": ids.render("plan", plan.id),
            "step_id": event.step_id,
            "candidate_id": ids.render("can", plan.candidate_id),
            "interviewer_id": event.interviewer_id,
            "start_time": event.start_time,
            "end_time": event.end_time,
            "title": event.title,
            "meeting_url": event.meeting_url,
            "rescheduled": rescheduled,
            "previous_start_time": previous.get("start_time") if rescheduled else None,
            "sequence": step.calendar_sequence,
            "scheduled_by": by,
        },
        candidate_id=plan.candidate_id,
    )
    AuditLog(session, principal).record(
        "INTERVIEW_RESCHEDULED" if rescheduled else "INTERVIEW_SCHEDULED",
        "interview_step",
        event.step_id,
        {"scheduled_by": by, "sequence": step.calendar_sequence},
    )
    return Booking(event, ics, step.calendar_sequence, rescheduled)


def _claim(
    session: Session,
    principal: Principal,
    settings: Settings,
    step: InterviewStep,
    interviewer: User,
    start: datetime,
    end: datetime,
    now: datetime,
    by: BookedBy,
    outside_working_hours: bool,
) -> None:
    """Locks the interviewer (the claim: a second booking of theirs waits here), then checks
    [start, end) against their other interviews and, where they apply, their hours."""
    locked = UserRepository(session, principal).get_or_404(interviewer.id, lock=True)
    session.refresh(locked)  # what holds now, under the lock (not what was read before it)
    if not locked.is_enabled or locked.deleted_at is not None:
        raise Conflict(
            f"The interviewer ({ids.render('usr', locked.id)}) is deactivated.",
            code="user_deactivated",
            param="interviewer_id",
        )
    buffer = timedelta(minutes=settings.booking_buffer_minutes)
    busy = busy_times(
        session, principal, interviewer.id, start - buffer, end + buffer, besides=step.id
    )
    if any(s < end and e > start for s, e in busy):
        raise _taken(session, principal, settings, step, interviewer, by, start)
    hours_apply = by == "candidate" or (
        bool(interviewer.working_hours) and not outside_working_hours
    )
    if hours_apply:
        problem = slot_problem(
            start,
            end,
            working_hours=interviewer.working_hours,
            time_zone=interviewer.time_zone,
            busy=busy,
            buffer=buffer,
            now=now,
            min_notice=timedelta(hours=settings.booking_min_notice_hours)
            if by == "candidate"
            else timedelta(0),
        )
        if problem is not None:
            if by == "candidate":
                raise _taken(session, principal, settings, step, interviewer, by, start, problem)
            raise InvalidRequest(
                f"{problem} Send 'outside_working_hours': true if this time was agreed with "
                "the interviewer.",
                param="start_time",
                code="outside_availability",
            )
    if by == "candidate":  # exactly a time the slot page offers: the grid, the window
        offered = open_slots(session, principal, settings, step, interviewer, after=start)[:1]
        if offered != [(start, end)]:
            problem = "That time is not one of the times offered."
            raise _taken(session, principal, settings, step, interviewer, by, start, problem)


def _taken(
    session: Session,
    principal: Principal,
    settings: Settings,
    step: InterviewStep,
    interviewer: User,
    by: BookedBy,
    start: datetime,
    problem: str | None = None,
) -> Conflict:
    """The refusal of a time that is not free, with the next free ones (``next_slots``)."""
    following = [
        {"start_time": iso(s), "end_time": iso(e)}
        for s, e in open_slots(session, principal, settings, step, interviewer, after=start)[:3]
    ]
    if by == "team":
        return Conflict(
            "The interviewer has another interview at that time.",
            code="interviewer_busy",
            param="start_time",
            extra={"next_slots": following},
        )
    offer = f" The next free time starts at {following[0]['start_time']}." if following else ""
    return Conflict(
        (problem or "That time was just booked by someone else.") + offer,
        code="slot_unavailable",
        param="start_time",
        extra={"next_slots": following},
    )


def open_slots(
    session: Session,
    principal: Principal,
    settings: Settings,
    step: InterviewStep,
    interviewer: User,
    *,
    after: datetime | None = None,
) -> list[tuple[datetime, datetime]]:
    """The times a candidate may pick for the step: the interviewer's working hours over the
    booking window, minus their other bookings and the buffer, from the minimum notice on."""
    now = utcnow()
    first = now + timedelta(hours=settings.booking_min_notice_hours)
    if after is not None:
        first = max(first, after)
    last = now + timedelta(days=settings.booking_window_days)
    buffer = timedelta(minutes=settings.booking_buffer_minutes)
    busy = busy_times(
        session, principal, interviewer.id, first - buffer, last + buffer, besides=step.id
    )
    return free_slots(
        working_hours=interviewer.working_hours,
        time_zone=interviewer.time_zone,
        busy=busy,
        duration=duration_of(step),
        buffer=buffer,
        window_start=first,
        window_end=last,
        granularity=timedelta(minutes=settings.booking_slot_minutes),
    )


def cancel_booking(
    session: Session,
    principal: Principal,
    setup: Setup,
    plan: InterviewPlan,
    step: InterviewStep,
    *,
    by: BookedBy,
    drop_step: bool,
    manage_url: str | None = None,
) -> None:
    """Withdraws the step's meeting: a ``CANCEL`` to both, the time freed. ``drop_step``: the
    step itself is cancelled (the team); else it waits for a new booking (the candidate)."""
    if drop_step:
        progress.cancel_step(session, principal, step)
    else:
        progress.unschedule_step(session, principal, step)
    release(session, principal, setup, plan, step, by=by, manage_url=manage_url)


def release(
    session: Session,
    principal: Principal,
    setup: Setup,
    plan: InterviewPlan,
    step: InterviewStep,
    *,
    by: BookedBy,
    manage_url: str | None = None,
) -> None:
    """After a step left ``scheduled`` (unbooked, cancelled — alone or with its plan): its
    time is free again and both people get the ``CANCEL``. Nothing for a step never booked."""
    if not step.schedule or step.schedule.get("cancelled") or step.scheduled_start is None:
        return
    step.calendar_sequence += 1
    step.scheduled_start = step.scheduled_end = None
    step.schedule = dict(step.schedule) | {"cancelled": True, "cancelled_by": by}
    event = ScheduledEvent.model_validate(
        {k: v for k, v in step.schedule.items() if k in ScheduledEvent.model_fields}
    )
    people = _people(
        session, principal, setup.settings, plan, _interviewer_of(session, principal, step)
    )
    ics = _invite(setup.settings, people, step, event, cancelled=True)
    _mail(session, principal, setup.secret, people, plan, step, event, ics, "cancelled", manage_url)
    EventOutbox(session, principal).emit(
        "interview.schedule_cancelled",
        {
            "plan_id": ids.render("plan", plan.id),
            "step_id": event.step_id,
            "candidate_id": ids.render("can", plan.candidate_id),
            "interviewer_id": event.interviewer_id,
            "start_time": event.start_time,
            "end_time": event.end_time,
            "step_status": step.status,
            "cancelled_by": by,
            "sequence": step.calendar_sequence,
        },
        candidate_id=plan.candidate_id,
    )
    AuditLog(session, principal).record(
        "INTERVIEW_SCHEDULE_CANCELLED",
        "interview_step",
        event.step_id,
        {"cancelled_by": by, "sequence": step.calendar_sequence},
    )


def release_plan(session: Session, principal: Principal, setup: Setup, plan: InterviewPlan) -> None:
    """The plan was cancelled: every meeting it had booked is withdrawn."""
    for step in StepRepository(session, principal).for_plans([plan.id])[plan.id]:
        if step.type == "human_interview":
            release(session, principal, setup, plan, step, by="team")


def current_invite(
    session: Session,
    principal: Principal,
    settings: Settings,
    plan_id: uuid.UUID,
    step_id: uuid.UUID,
) -> tuple[str, str]:
    """The step's invite as it stands (``REQUEST``, or ``CANCEL`` once withdrawn) and a file
    name; 404 ``no_invite`` for a step never scheduled."""
    plan = PlanRepository(session, principal).get_or_404(plan_id)
    step = StepRepository(session, principal).assigned_in_plan_or_404(plan.id, step_id)
    interviewer = _interviewer_of(session, principal, step)
    if not step.schedule:
        raise NotFound(
            "This step has not been scheduled, so it has no calendar invite.", code="no_invite"
        )
    event = ScheduledEvent.model_validate(
        {k: v for k, v in step.schedule.items() if k in ScheduledEvent.model_fields}
    )
    cancelled = bool(step.schedule.get("cancelled")) or step.status in ("cancelled", "skipped")
    people = _people(session, principal, settings, plan, interviewer)
    return _invite(settings, people, step, event, cancelled=cancelled), f"interview-{step.id}.ics"


def schedule(
    session: Session,
    principal: Principal,
    setup: Setup,
    plan_id: uuid.UUID,
    data: ScheduleIn,
) -> ScheduleOut:
    """``POST /interviews/{id}/schedule``: the team books (or moves) a human step."""
    plan = PlanRepository(session, principal).get_or_404(plan_id, lock=True)
    step = StepRepository(session, principal).in_plan_or_404(plan.id, data.step_id)
    require_bookable(plan, step)
    interviewer: User | None
    if data.interviewer_id is not None:
        interviewer = assignable_user(session, principal, data.interviewer_id, "interviewer_id")
    else:
        interviewer = _interviewer_of(session, principal, step)  # None: nobody assigned yet
        if interviewer is not None and not interviewer.is_enabled:
            raise Conflict(
                f"The step's interviewer ({ids.render('usr', interviewer.id)}) is deactivated; "
                "send another 'interviewer_id'.",
                code="user_deactivated",
                param="interviewer_id",
            )
    check_horizon(data.start_time, utcnow())
    end = data.end_time or data.start_time + duration_of(step)
    booking = book(
        session,
        principal,
        setup,
        plan,
        step,
        interviewer,
        data.start_time,
        end,
        by="team",
        title=data.title,
        description=data.description,
        outside_working_hours=data.outside_working_hours,
        manage_url=candidate_link(session, principal, setup, plan),
    )
    return ScheduleOut(
        success=True,
        meetLink=booking.event.meeting_url,
        event=booking.event,
        ics=booking.ics,
        sequence=booking.sequence,
        rescheduled=booking.rescheduled,
        invite_url=f"/api/v1/interviews/{ids.render('plan', plan.id)}/steps/"
        f"{booking.event.step_id}/invite.ics",
    )


def candidate_link(
    session: Session, principal: Principal, setup: Setup, plan: InterviewPlan
) -> str | None:
    """The plan's booking link, where the candidate moves or cancels (in their mail only)."""
    links = BookingLinkRepository(session, principal).for_plan(plan.id)
    return booking_url(setup.settings.public_url, setup.secret, links[0].id) if links else None


def meeting_url(settings: Settings, step_id: uuid.UUID) -> str:
    """A new meeting room from the configured provider (an unguessable room name)."""
    return settings.meeting_url_template.format(
        room=f"peoplelens-{secrets.token_urlsafe(12)}", step_id=ids.render("step", step_id)
    )


# -- who takes part, the invite and the mail ---------------------------------------------------


@dataclass(frozen=True)
class _People:
    tenant: Tenant
    candidate: Candidate
    interviewer: User | None
    organizer: Attendee


def _interviewer_of(session: Session, principal: Principal, step: InterviewStep) -> User | None:
    if step.interviewer_user_id is None:
        return None
    return UserRepository(session, principal).get(step.interviewer_user_id)


def _people(
    session: Session,
    principal: Principal,
    settings: Settings,
    plan: InterviewPlan,
    interviewer: User | None,
) -> _People:
    tenant = TenantProfileRepository(session, principal).current()
    candidate = CandidateRepository(session, principal).get(plan.candidate_id)
    assert candidate is not None  # plans cascade with their candidate
    return _People(tenant, candidate, interviewer, organizer_of(tenant, settings))


def organizer_of(tenant: Tenant, settings: Settings) -> Attendee:
    """The invite's ORGANIZER: the tenant's sender name, at its Reply-To when it has one (where
    calendar replies should reach a person), else the service's From address."""
    name = tenant.mail_from_name or tenant.name
    reply_to = tenant.mail_reply_to
    return Attendee(
        name=name,
        email=reply_to if reply_to and can_carry(reply_to) else settings.mail_sender(),
    )


def _name(person: Candidate | User) -> str:
    return " ".join(p for p in (person.first_name, person.last_name) if p) or person.email


def _invite(
    settings: Settings,
    people: _People,
    step: InterviewStep,
    event: ScheduledEvent,
    *,
    cancelled: bool,
    interviewer: User | None = None,
) -> str:
    who = interviewer or people.interviewer
    # Only addresses an invite can carry (a directory's odd user name is left out, not a 500).
    attendees = [
        Attendee(name=_name(person), email=person.email)
        for person in (people.candidate, who)
        if person is not None and can_carry(person.email)
    ]
    description = event.description or f"Interview with {people.tenant.name}: {event.title}"
    return invite_ics(
        InviteEvent(
            uid=f"step-{step.id}@{urlsplit(settings.public_url).hostname or 'peoplelens'}",
            sequence=step.calendar_sequence,
            start=datetime.fromisoformat(event.start_time),
            end=datetime.fromisoformat(event.end_time),
            title=event.title,
            description=description,
            meeting_url=event.meeting_url,
            organizer=people.organizer,
            attendees=tuple(attendees),
            cancelled=cancelled,
            # The time of the step's last change, not of this request: the same invite reads
            # the same until the step changes (and its ETag holds).
            stamp=step.updated_at,
        )
    )


def _mail(
    session: Session,
    principal: Principal,
    secret: bytes,
    people: _People,
    plan: InterviewPlan,
    step: InterviewStep,
    event: ScheduledEvent,
    ics: str,
    change: Change,
    manage_url: str | None,
) -> None:
    """The invite to the candidate and to the interviewer, in this transaction (the outbox);
    only the candidate's carries the link to move or cancel."""
    _mail_one(
        session,
        principal,
        secret,
        people,
        people.candidate,
        plan,
        step,
        event,
        ics,
        change,
        manage_url,
    )
    if people.interviewer is not None:
        _mail_one(
            session,
            principal,
            secret,
            people,
            people.interviewer,
            plan,
            step,
            event,
            ics,
            change,
            None,
        )


def _mail_one(
    session: Session,
    principal: Principal,
    secret: bytes,
    people: _People,
    to: Candidate | User,
    plan: InterviewPlan,
    step: InterviewStep,
    event: ScheduledEvent,
    ics: str,
    change: Change,
    manage_url: str | None,
) -> None:
    is_candidate = isinstance(to, Candidate)
    other = people.interviewer if is_candidate else people.candidate
    zone: str
    if isinstance(to, User):
        zone = to.time_zone or "UTC"
    else:  # the zone the candidate's browser reported when they booked, else UTC
        zone = str((step.schedule or {}).get("candidate_time_zone") or "UTC")
    try:
        message = mail.interview_update(
            change=change,
            recipient_name=to.first_name or _name(to),
            recipient_email=to.email,
            recipient_time_zone=zone,
            title=event.title,
            start=datetime.fromisoformat(event.start_time),
            end=datetime.fromisoformat(event.end_time),
            meeting_url=event.meeting_url,
            ics_text=ics,
            ics_method="CANCEL" if change == "cancelled" else "REQUEST",
            company=people.tenant.name,
            other_party_name=_name(other) if other is not None else None,
            manage_url=manage_url,
            candidate_id=plan.candidate_id,  # both copies go with the candidate's erasure
            user_id=None if is_candidate else to.id,
            plan_id=plan.id,
            step_id=step.id,
        )
    except BadAddress:
        # An address no mail can go to (a directory's "bob@corp.local" from SCIM): the booking
        # stands and the others are told; the log says who was not.
        log.warning(
            "email.skipped",
            extra={"reason": "undeliverable_address", "step_id": ids.render("step", step.id)},
        )
        return
    queue_email(session, principal, message, secret=secret)
