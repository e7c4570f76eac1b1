"""Scheduling a human interview step: a meeting link and a standards-conforming invitation.

The meeting link comes from ``PEOPLELENS_MEETING_URL_TEMPLATE`` (default: a Jitsi Meet room
with an unguessable name; any provider that takes a room name in the URL works). The
invitation is an RFC 5545 iCalendar ``REQUEST`` with the candidate as attendee.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from peoplelens.audit.repository import AuditLog
from peoplelens.auth.principal import Principal
from peoplelens.candidates.repository import CandidateRepository
from peoplelens.events.repository import EventOutbox
from peoplelens.interviews import progress
from peoplelens.interviews.repository import StepRepository
from peoplelens.interviews.schedule_schemas import ScheduledEvent, ScheduleIn, ScheduleOut
from peoplelens.interviews.service import load_plan
from peoplelens.kit import ids
from peoplelens.kit.errors import Conflict, InvalidRequest
from peoplelens.kit.ids import not_found
from peoplelens.kit.time import iso, utcnow


def _ics_text(value: str) -> str:
    """RFC 5545 §3.3.11 TEXT escaping."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """RFC 5545 §3.1: lines longer than 75 octets continue after CRLF + space."""
    raw = line.encode()
    if len(raw) <= 75:
        return line
    parts: list[str] = []
    start = 0
    while start < len(raw):
        end = min(len(raw), start + (75 if not parts else 74))
        while end < len(raw) and (raw[end] & 0xC0) == 0x80:  # keep UTF-8 sequences whole
            end -= 1
        parts.append(raw[start:end].decode())
        start = end
    return "\r\n ".join(parts)


def _stamp(value: datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%SZ")


def build_ics(
    uid: str, start: datetime, end: datetime, title: str, description: str, url: str, attendee: str
) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//PeopleLens//Interviews//EN",
        "METHOD:REQUEST",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{_stamp(utcnow())}",
        f"DTSTART:{_stamp(start)}",
        f"DTEND:{_stamp(end)}",
        f"SUMMARY:{_ics_text(title)}",
        f"DESCRIPTION:{_ics_text(description)}",
        f"LOCATION:{_ics_text(url)}",
        f"URL:{url}",
        f"ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:{attendee}",
        "STATUS:CONFIRMED",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def schedule(
    session: Session, principal: Principal, raw_plan: str, data: ScheduleIn, url_template: str
) -> ScheduleOut:
    plan = load_plan(session, principal, raw_plan)
    step_uuid = ids.parse_ref("step", data.step_id, "step_id")
    step = StepRepository(session, principal).get(step_uuid)
    if step is None or step.plan_id != plan.id:
        raise not_found("step", data.step_id, param="step_id")
    if step.type != "human_interview":
        raise Conflict(
            "Only human interview steps are scheduled; AI steps start from the candidate's link.",
            code="step_not_schedulable",
        )
    end = data.end_time or data.start_time + timedelta(minutes=45)
    if end <= data.start_time:
        raise InvalidRequest("'end_time' must be after 'start_time'.", param="end_time")
    if data.start_time < utcnow() - timedelta(minutes=5):
        raise InvalidRequest("'start_time' is in the past.", param="start_time")
    progress.schedule_step(session, principal, step)
    candidate = CandidateRepository(session, principal).get(plan.candidate_id)
    assert candidate is not None
    url = url_template.format(
        room=f"peoplelens-{secrets.token_urlsafe(12)}", step_id=ids.render("step", step.id)
    )
    title = data.title or step.title
    event = ScheduledEvent(
        step_id=ids.render("step", step.id),
        start_time=iso(data.start_time),
        end_time=iso(end),
        title=title,
        description=data.description,
        interviewer_id=data.interviewer_id,
        meeting_url=url,
    )
    step.schedule = event.model_dump()
    ics = build_ics(
        f"{step.id}@peoplelens",
        data.start_time,
        end,
        title,
        data.description or f"Interview: {title}",
        url,
        candidate.email,
    )
    EventOutbox(session, principal).emit(
        "interview.scheduled",
        {
            "plan_id": ids.render("plan", plan.id),
            "step_id": event.step_id,
            "candidate_id": ids.render("can", plan.candidate_id),
            "interviewer_id": data.interviewer_id,
            "start_time": event.start_time,
            "end_time": event.end_time,
            "title": title,
            "meeting_url": url,
        },
        candidate_id=plan.candidate_id,
    )
    AuditLog(session, principal).record("INTERVIEW_SCHEDULED", "interview_step", event.step_id)
    return ScheduleOut(success=True, meetLink=url, event=event, ics=ics)
