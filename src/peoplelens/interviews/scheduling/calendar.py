"""Interview invitations as iCalendar (RFC 5545) scheduling messages (iTIP, RFC 5546).

One VEVENT per human step: ``METHOD:REQUEST`` to book or move it, ``METHOD:CANCEL`` to call it
off. Calendar clients match the messages by ``UID`` and keep the one with the highest
``SEQUENCE``, so the caller keeps the UID stable per step and raises the sequence on every
change. The ``icalendar`` library does the escaping and line folding; this module decides what
goes in, cleans what the grammar cannot carry (control characters, a double quote in a name)
and parses every message it produces back before handing it out — an invite that would not
survive a client's parser is a bug here, never something sent.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from icalendar import Alarm, Calendar, Event, vCalAddress

from peoplelens.kit.time import utcnow

PRODID = "-//PeopleLens//Interviews//EN"
REMINDER = timedelta(minutes=15)

# Conservative on purpose: an address is the value of a URI property, unescaped, so anything
# that could end the value or start a parameter (";", ":", quotes, white space) is refused.
_EMAIL = re.compile(r'^[^\s"<>;:,\\()\[\]@\x00-\x1f\x7f]+@[^\s"<>;:,\\()\[\]@\x00-\x1f\x7f]+$')
_URL = re.compile(r"^https?://[^\s\"<>\\^`{|}\x00-\x1f\x7f]+$")
_UID = re.compile(r"^[\x21-\x7e]{1,255}$")


class InviteError(RuntimeError):
    """An invite this module built did not parse back to what it was given: a bug here (or in
    the library), so a 500 rather than a message a calendar might misread."""


class InvalidInvite(ValueError):
    """Text that is not a single-event iCalendar invite this module can read."""


@dataclass(frozen=True, kw_only=True)
class Attendee:
    name: str
    email: str


@dataclass(frozen=True, kw_only=True)
class InviteEvent:
    uid: str
    sequence: int
    start: datetime
    end: datetime
    title: str
    description: str
    meeting_url: str
    organizer: Attendee
    attendees: tuple[Attendee, ...]
    cancelled: bool = False
    stamp: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class ParsedInvite:
    method: str
    uid: str
    sequence: int
    start: datetime
    end: datetime
    stamp: datetime
    summary: str
    description: str
    organizer: Attendee
    attendees: tuple[Attendee, ...]
    status: str
    url: str
    location: str
    alarms: int = 0


def clean_text(value: str) -> str:
    """What a TEXT value can carry (RFC 5545 §3.3.11): line breaks become ``\\n`` (escaped by
    the library), other control characters go — a NUL or an ESC means nothing in a calendar.
    U+2028/U+2029 become line breaks too, since line-splitting parsers split on them."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\u2028", "\n").replace("\u2029", "\n")
    # Format characters go too (a byte-order mark, bidi overrides): parsers strip some of them,
    # so they would not read back as written, and they can disguise what a title says.
    return "".join(c for c in value if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cf"))


def clean_name(value: str) -> str:
    """A display name for a ``CN`` parameter: one line, no double quote (a quoted parameter
    value cannot hold one; RFC 6868's ``^'`` escape is unknown to many clients)."""
    # No backslash either: unquoted, a trailing one would escape the parameter's end.
    text = clean_text(value).replace('"', "'").replace("\\", "/")
    return " ".join(text.split())


def can_carry(address: str) -> bool:
    """Whether an invite can name ``address`` (``mailto:``) as organizer or attendee."""
    return len(address) <= 320 and bool(_EMAIL.match(address))


def invite_ics(event: InviteEvent) -> str:
    """The invite as CRLF-terminated text, checked by parsing it back."""
    _refuse_bad_input(event)
    stamp = _utc(event.stamp or utcnow())
    text: str = _calendar(event, stamp).to_ical().decode("utf-8")
    _verify(event, stamp, text)
    return text


def description_with_link(description: str, meeting_url: str) -> str:
    """The description clients show, with the link in it: several show neither URL nor
    LOCATION as a link, every one shows the description."""
    body = clean_text(description).strip()
    if meeting_url in body:
        return body
    return f"{body}\n\nJoin: {meeting_url}" if body else f"Join: {meeting_url}"


def _refuse_bad_input(event: InviteEvent) -> None:
    for name, moment in (("start", event.start), ("end", event.end), ("stamp", event.stamp)):
        if moment is not None and moment.utcoffset() is None:
            raise ValueError(f"'{name}' must be timezone-aware")
    if _utc(event.end) <= _utc(event.start):
        raise ValueError("'end' must be after 'start' (to the second)")
    if event.sequence < 0:
        raise ValueError("'sequence' must not be negative")
    if not _UID.match(event.uid):
        raise ValueError("'uid' must be 1-255 printable ASCII characters without spaces")
    if not _URL.match(event.meeting_url):
        raise ValueError("'meeting_url' must be an http(s) URL without spaces or quotes")
    if not event.attendees:
        raise ValueError("an invite needs at least one attendee")
    for person in (event.organizer, *event.attendees):
        if len(person.email) > 320 or not _EMAIL.match(person.email):
            raise ValueError(f"{person.email!r} is not an e-mail address an invite can carry")


def _address(person: Attendee, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    name = clean_name(person.name)
    if name:
        address.params["CN"] = name
    for key, value in params.items():
        address.params[key] = value
    return address


def _utc(moment: datetime) -> datetime:
    """In UTC, to the second: DATE-TIME has no fractions (a start of 09:00:00.500 is 09:00:00,
    not a message that fails its own check)."""
    return moment.astimezone(UTC).replace(microsecond=0)


def _calendar(event: InviteEvent, stamp: datetime) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if event.cancelled else "REQUEST")
    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("sequence", event.sequence)
    vevent.add("dtstart", _utc(event.start))
    vevent.add("dtend", _utc(event.end))
    vevent.add("summary", clean_text(event.title))
    vevent.add("description", description_with_link(event.description, event.meeting_url))
    vevent.add("location", event.meeting_url)
    vevent.add("url", event.meeting_url)
    vevent.add("organizer", _address(event.organizer))
    for person in event.attendees:
        vevent.add(
            "attendee",
            _address(person, ROLE="REQ-PARTICIPANT", PARTSTAT="NEEDS-ACTION", RSVP="TRUE"),
        )
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    vevent.add("transp", "OPAQUE")
    if not event.cancelled:  # a reminder of a meeting that is off would only confuse
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", "Reminder")
        alarm.add("trigger", -REMINDER)
        vevent.add_component(alarm)
    calendar.add_component(vevent)
    return calendar


def _verify(event: InviteEvent, stamp: datetime, text: str) -> None:
    try:
        parsed = parse_invite(text)
    except InvalidInvite as exc:
        raise InviteError(f"the invite for {event.uid} does not parse back: {exc}") from exc
    expected = {
        "method": "CANCEL" if event.cancelled else "REQUEST",
        "uid": event.uid,
        "sequence": event.sequence,
        "start": _utc(event.start),
        "end": _utc(event.end),
        "stamp": stamp,
        "summary": clean_text(event.title),
        "description": description_with_link(event.description, event.meeting_url),
        "organizer": Attendee(name=clean_name(event.organizer.name), email=event.organizer.email),
        "attendees": tuple(
            Attendee(name=clean_name(p.name), email=p.email) for p in event.attendees
        ),
        "status": "CANCELLED" if event.cancelled else "CONFIRMED",
        "url": event.meeting_url,
        "location": event.meeting_url,
        "alarms": 0 if event.cancelled else 1,
    }
    wrong = [key for key, value in expected.items() if getattr(parsed, key) != value]
    if wrong:
        raise InviteError(f"the invite for {event.uid} does not round-trip: {', '.join(wrong)}")
    if any(len(line.encode()) > 75 for line in text.split("\r\n")):
        raise InviteError(f"the invite for {event.uid} has a line over 75 octets")


def parse_invite(text: str) -> ParsedInvite:
    """Reads an invite (ours or a client's echo of it): one VEVENT, UTC or zoned times."""
    try:
        calendar = Calendar.from_ical(text)
    except (ValueError, KeyError, IndexError) as exc:
        raise InvalidInvite(f"not iCalendar: {exc}") from exc
    if not isinstance(calendar, Calendar):
        raise InvalidInvite("expected one VCALENDAR")
    events = calendar.walk("VEVENT")
    if len(events) != 1:
        raise InvalidInvite(f"expected one VEVENT, found {len(events)}")
    vevent = events[0]
    try:
        return ParsedInvite(
            method=str(calendar["METHOD"]).upper(),
            uid=str(vevent["UID"]),
            sequence=int(vevent.get("SEQUENCE", 0)),
            start=_moment(vevent.decoded("DTSTART")),
            end=_moment(vevent.decoded("DTEND")),
            stamp=_moment(vevent.decoded("DTSTAMP")),
            summary=str(vevent.get("SUMMARY", "")),
            description=str(vevent.get("DESCRIPTION", "")),
            organizer=_person(vevent["ORGANIZER"]),
            attendees=tuple(_person(a) for a in _as_list(vevent.get("ATTENDEE"))),
            status=str(vevent.get("STATUS", "")).upper(),
            url=str(vevent.get("URL", "")),
            location=str(vevent.get("LOCATION", "")),
            alarms=len(vevent.walk("VALARM")),
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise InvalidInvite(f"missing or malformed property: {exc}") from exc


def _moment(value: Any) -> datetime:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise InvalidInvite("times must be date-times with a zone or in UTC")
    return value.astimezone(UTC)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _person(address: Any) -> Attendee:
    value = str(address)
    if value[:7].lower() != "mailto:":
        raise InvalidInvite(f"{value!r} is not a mailto: address")
    name = getattr(address, "params", {}).get("CN", "")
    return Attendee(name=str(name), email=value[7:])
