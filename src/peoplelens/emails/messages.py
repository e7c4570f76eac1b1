"""The messages PeopleLens sends, built from Jinja2 templates (``templates/``): a plain-text and
an HTML part each, every value escaped in the HTML, no remote images, no tracking.

Each builder returns an :class:`OutgoingEmail` for :func:`peoplelens.emails.service.queue_email`,
which adds the tenant's sender name and Reply-To and writes it to the outbox. The ids a message
carries decide whose erasure erases it: give ``candidate_id`` to every message about a
candidate, the interviewer's copy of an invite too.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from peoplelens.kit.mail.compose import CalendarPart, checked_address, single_line

Kind = Literal[
    "candidate_invitation",
    "invitation_reminder",
    "interview_scheduled",
    "interview_moved",
    "interview_cancelled",
    "user_invitation",
]
KINDS: tuple[Kind, ...] = (
    "candidate_invitation",
    "invitation_reminder",
    "interview_scheduled",
    "interview_moved",
    "interview_cancelled",
    "user_invitation",
)

_templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    # HTML escaped; the plain-text parts are text, where escaping would only garble names.
    autoescape=select_autoescape(enabled_extensions=("html",), default=False),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)


@dataclass(frozen=True)
class OutgoingEmail:
    kind: Kind
    to_address: str
    to_name: str | None
    subject: str
    text: str
    html: str
    calendar: CalendarPart | None = None
    candidate_id: uuid.UUID | None = None
    user_id: uuid.UUID | None = None
    plan_id: uuid.UUID | None = None
    step_id: uuid.UUID | None = None


def _render(template: str, **values: Any) -> tuple[str, str]:
    text = _templates.get_template(f"{template}.txt").render(**values)
    html = _templates.get_template(f"{template}.html").render(**values)
    return text, html


def _when(moment: datetime, zone: ZoneInfo | None = None) -> str:
    """``Monday 7 December 2026, 14:00 Europe/Berlin`` (the zone named, never just an offset)."""
    local = moment.astimezone(zone or UTC)
    name = "UTC" if zone is None else str(zone.key)
    return f"{local:%A} {local.day} {local:%B %Y, %H:%M} {name}"


def _span(start: datetime, end: datetime, zone: ZoneInfo | None) -> str:
    """``Monday 7 December 2026, 14:00 – 14:45 Europe/Berlin``."""
    head, _, name = _when(start, zone).rpartition(" ")
    return f"{head} – {end.astimezone(zone or UTC):%H:%M} {name}"


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name) if name and name != "UTC" else None
    except (ZoneInfoNotFoundError, ValueError):
        return None  # an unknown zone: UTC, which is always shown anyway


def candidate_invitation(
    *,
    company: str,
    candidate_first_name: str,
    candidate_email: str,
    job_title: str | None,
    booking_url: str,
    expires_at: datetime,
    has_ai_step: bool,
    candidate_id: uuid.UUID | None = None,
    plan_id: uuid.UUID | None = None,
    reminder: bool = False,
) -> OutgoingEmail:
    """The candidate's invitation: the company, what the interview is (AI-led only when
    ``has_ai_step``), the personal link and when it expires. ``reminder``: the same again,
    24 h before the link expires, saying so (:data:`invitation_reminder`)."""
    company = single_line(company, limit=100)
    what = "an AI-led interview" if has_ai_step else "an interview"
    subject = f"{'Reminder: ' if reminder else ''}Your interview invitation from {company}"
    text, html = _render(
        "candidate_invitation",
        subject=subject,
        company=company,
        first_name=candidate_first_name or "there",
        job_title=job_title,
        what=what,
        has_ai_step=has_ai_step,
        action="start your interview" if has_ai_step else "choose a time",
        booking_url=booking_url,
        expires=_when(expires_at),
        reminder=reminder,
    )
    return OutgoingEmail(
        kind="invitation_reminder" if reminder else "candidate_invitation",
        to_address=checked_address(candidate_email),
        to_name=candidate_first_name,
        subject=subject,
        text=text,
        html=html,
        candidate_id=candidate_id,
        plan_id=plan_id,
    )


# The reminder: candidate_invitation's arguments, kind ``invitation_reminder``.
invitation_reminder = partial(candidate_invitation, reminder=True)


_HEADLINES = {
    "scheduled": "Your interview is scheduled.",
    "moved": "Your interview has moved to a new time.",
    "cancelled": "Your interview is cancelled.",
}
_SUBJECTS = {
    "scheduled": "Interview scheduled",
    "moved": "Interview moved",
    "cancelled": "Interview cancelled",
}


def interview_update(
    *,
    change: Literal["scheduled", "moved", "cancelled"],
    recipient_name: str,
    recipient_email: str,
    recipient_time_zone: str,
    title: str,
    start: datetime,
    end: datetime,
    meeting_url: str | None,
    ics_text: str,
    ics_method: Literal["REQUEST", "CANCEL"],
    company: str,
    other_party_name: str | None,
    manage_url: str | None = None,
    candidate_id: uuid.UUID | None = None,
    plan_id: uuid.UUID | None = None,
    step_id: uuid.UUID | None = None,
    user_id: uuid.UUID | None = None,
) -> OutgoingEmail:
    """An interview scheduled, moved or cancelled, to one attendee (the candidate, or the
    interviewer: then also ``user_id``). The time is shown in ``recipient_time_zone`` (an IANA
    name; unknown → UTC) with the zone named, and in UTC; ``ics_text`` goes as the
    ``text/calendar; method=ics_method`` alternative and as the ``invite.ics`` attachment."""
    company = single_line(company, limit=100)
    zone = _zone(recipient_time_zone)
    subject = f"{_SUBJECTS[change]}: {single_line(title, limit=120)} ({_when(start, zone)})"
    text, html = _render(
        "interview_update",
        subject=subject,
        company=company,
        name=recipient_name or "there",
        headline=_HEADLINES[change],
        change=change,
        title=title,
        other_party=other_party_name,
        local_time=_span(start, end, zone),
        utc_time=_span(start, end, None),
        meeting_url=meeting_url,
        manage_url=manage_url,
    )
    kind: Kind = f"interview_{change}"  # type: ignore[assignment]
    return OutgoingEmail(
        kind=kind,
        to_address=checked_address(recipient_email),
        to_name=recipient_name,
        subject=subject,
        text=text,
        html=html,
        calendar=CalendarPart(ics_text, ics_method),
        candidate_id=candidate_id,
        user_id=user_id,
        plan_id=plan_id,
        step_id=step_id,
    )


def user_invitation(
    *,
    company: str,
    first_name: str | None,
    email: str,
    set_password_url: str,
    expires_at: datetime,
    user_id: uuid.UUID | None = None,
) -> OutgoingEmail:
    """A new person's invitation to the workspace, with their one-time set-password link."""
    company = single_line(company, limit=100)
    subject = f"You are invited to {company} on PeopleLens"
    text, html = _render(
        "user_invitation",
        subject=subject,
        company=company,
        first_name=first_name or "there",
        set_password_url=set_password_url,
        expires=_when(expires_at),
    )
    return OutgoingEmail(
        kind="user_invitation",
        to_address=checked_address(email),
        to_name=first_name,
        subject=subject,
        text=text,
        html=html,
        user_id=user_id,
    )
