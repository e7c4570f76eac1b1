"""Invites (RFC 5545 / RFC 5546): round trip, CANCEL, SEQUENCE, hostile text, folding.

No second iCalendar library is in the venv, so ``_content_lines`` is an independent reader of
the raw text written from the RFC's grammar with the standard library alone: it unfolds, splits
each content line into name, parameters and value, and fails on anything it cannot account
for — a property or parameter smuggled in through a name or a title shows up there.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime, timedelta, timezone

import pytest

from peoplelens.interviews.scheduling import calendar
from peoplelens.interviews.scheduling.calendar import (
    Attendee,
    InvalidInvite,
    InviteError,
    InviteEvent,
    invite_ics,
    parse_invite,
)

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
URL = "https://meet.jit.si/peoplelens-Zx8_kq"
ORGANIZER = Attendee(name="Acme Recruiting", email="jobs@acme.example")
CANDIDATE = Attendee(name="Jane Doe", email="jane@example.com")
INTERVIEWER = Attendee(name="Sam Lee", email="sam@acme.example")


def _event(**changes: object) -> InviteEvent:
    event = InviteEvent(
        uid="step-0d9f7b0e-4c38-4f5e-9f59-1f7a3b0c2d11@peoplelens.example",
        sequence=0,
        start=START,
        end=START + timedelta(minutes=45),
        title="Technical interview",
        description="Bring a laptop.",
        meeting_url=URL,
        organizer=ORGANIZER,
        attendees=(CANDIDATE, INTERVIEWER),
        stamp=datetime(2026, 2, 1, 12, 0, tzinfo=UTC),
    )
    return dataclasses.replace(event, **changes)  # type: ignore[arg-type]


_PARAM = re.compile(r';([A-Za-z0-9-]+)=("[^"\x00-\x1f]*"|[^";:,\x00-\x1f]*)')
_NAME = re.compile(r"^[A-Za-z0-9-]+")


def _content_lines(text: str) -> list[tuple[str, dict[str, str], str]]:
    """(name, params, raw value) per unfolded line (RFC 5545 §3.1), strictly."""
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    assert all("\r" not in line and "\n" not in line for line in physical)
    logical: list[str] = []
    for line in physical:
        if line.startswith((" ", "\t")):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    out = []
    for line in logical:
        name = _NAME.match(line)
        assert name, line
        rest, params = line[name.end() :], {}
        while rest.startswith(";"):
            param = _PARAM.match(rest)
            assert param, line
            assert param.group(1).upper() not in params, f"repeated parameter in {line!r}"
            params[param.group(1).upper()] = param.group(2).strip('"')
            rest = rest[param.end() :]
        assert rest.startswith(":"), line
        out.append((name.group().upper(), params, rest[1:]))
    return out


def _unescape(raw: str) -> str:
    """TEXT (RFC 5545 §3.3.11), strictly: a bare ``,`` or ``;`` or an unknown escape fails."""
    out, chars = [], iter(raw)
    for char in chars:
        assert char not in ",;", f"unescaped {char!r} in {raw!r}"
        if char == "\\":
            escaped = next(chars)
            assert escaped in "\\;,nN", f"bad escape in {raw!r}"
            out.append("\n" if escaped in "nN" else escaped)
        else:
            out.append(char)
    return "".join(out)


def _props(text: str, name: str) -> list[tuple[dict[str, str], str]]:
    return [(params, value) for n, params, value in _content_lines(text) if n == name]


class TestRoundTrip:
    def test_request(self) -> None:
        text = invite_ics(_event())
        parsed = parse_invite(text)
        assert parsed.method == "REQUEST" and parsed.status == "CONFIRMED"
        assert parsed.uid == _event().uid and parsed.sequence == 0
        assert (parsed.start, parsed.end) == (START, START + timedelta(minutes=45))
        assert parsed.summary == "Technical interview"
        assert parsed.description == f"Bring a laptop.\n\nJoin: {URL}"
        assert parsed.url == parsed.location == URL
        assert parsed.organizer == ORGANIZER
        assert parsed.attendees == (CANDIDATE, INTERVIEWER)
        assert parsed.alarms == 1

    def test_raw_lines(self) -> None:
        lines = _content_lines(invite_ics(_event()))
        names = [name for name, _, _ in lines]
        head = {name: value for name, _, value in lines[: names.index("BEGIN", 1)]}
        assert head == {
            "BEGIN": "VCALENDAR",
            "VERSION": "2.0",
            "PRODID": calendar.PRODID,
            "CALSCALE": "GREGORIAN",
            "METHOD": "REQUEST",
        }
        one = {n: v for n, _, v in lines if n not in {"ATTENDEE", "BEGIN", "END", "DESCRIPTION"}}
        assert one["DTSTART"] == "20260302T090000Z" and one["DTEND"] == "20260302T094500Z"
        assert one["DTSTAMP"] == "20260201T120000Z" and one["SEQUENCE"] == "0"
        assert one["STATUS"] == "CONFIRMED" and one["TRANSP"] == "OPAQUE"
        assert one["TRIGGER"] == "-PT15M"
        assert _props(invite_ics(_event()), "ORGANIZER") == [
            ({"CN": "Acme Recruiting"}, "mailto:jobs@acme.example")
        ]
        attendees = _props(invite_ics(_event()), "ATTENDEE")
        assert [value for _, value in attendees] == [
            "mailto:jane@example.com",
            "mailto:sam@acme.example",
        ]
        assert all(
            {k: p[k] for k in ("ROLE", "PARTSTAT", "RSVP")}
            == {"ROLE": "REQ-PARTICIPANT", "PARTSTAT": "NEEDS-ACTION", "RSVP": "TRUE"}
            for p, _ in attendees
        )
        assert [name for name, _, _ in lines].count("BEGIN") == 3  # VCALENDAR, VEVENT, VALARM

    def test_times_in_other_zones_are_emitted_in_utc(self) -> None:
        cet = timezone(timedelta(hours=1))
        text = invite_ics(
            _event(start=START.astimezone(cet), end=datetime(2026, 3, 2, 11, tzinfo=cet))
        )
        assert _props(text, "DTSTART")[0][1] == "20260302T090000Z"
        assert _props(text, "DTEND")[0][1] == "20260302T100000Z"

    def test_fractions_of_a_second_are_dropped(self) -> None:
        start = START.replace(microsecond=500_000)
        parsed = parse_invite(invite_ics(_event(start=start, stamp=start)))
        assert parsed.start == parsed.stamp == START

    def test_stamp_defaults_to_now(self) -> None:
        before = datetime.now(UTC) - timedelta(seconds=2)
        assert parse_invite(invite_ics(_event(stamp=None))).stamp >= before


class TestCancelAndSequence:
    def test_cancel(self) -> None:
        text = invite_ics(_event(cancelled=True, sequence=2))
        parsed = parse_invite(text)
        assert (parsed.method, parsed.status, parsed.sequence) == ("CANCEL", "CANCELLED", 2)
        assert parsed.uid == _event().uid and parsed.alarms == 0
        assert parsed.attendees == (CANDIDATE, INTERVIEWER)  # iTIP: CANCEL names who is told

    def test_a_move_keeps_the_uid_and_carries_the_callers_sequence(self) -> None:
        first = parse_invite(invite_ics(_event()))
        moved = parse_invite(
            invite_ics(
                _event(
                    sequence=1,
                    start=START + timedelta(days=1),
                    end=START + timedelta(days=1, hours=1),
                )
            )
        )
        assert moved.uid == first.uid and moved.sequence == first.sequence + 1
        assert moved.start == START + timedelta(days=1)


HOSTILE_NAMES = [
    'Eve"; ROLE=CHAIR; X="',
    "Eve\r\nATTENDEE:mailto:mallory@evil.example",
    "Eve\nORGANIZER:mailto:mallory@evil.example",
    "Eve\rX-INJECT:1",
    'O\'Brien, Jr.; PhD: "Doc"',
    "Zoë 😀 \\ back\\slash",
    "\x00\x1b[31mred\x7f",
    "Eve\u2028X-INJECT:1",
]


class TestHostileInput:
    @pytest.mark.parametrize("name", HOSTILE_NAMES)
    def test_a_name_cannot_add_a_parameter_or_property(self, name: str) -> None:
        text = invite_ics(
            _event(
                attendees=(Attendee(name=name, email="eve@example.com"),),
                organizer=Attendee(name=name, email="jobs@acme.example"),
            )
        )
        lines = _content_lines(text)
        assert {n for n, _, _ in lines} <= {
            "BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "METHOD", "UID", "DTSTAMP",
            "SEQUENCE", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "LOCATION", "URL",
            "ORGANIZER", "ATTENDEE", "STATUS", "TRANSP", "ACTION", "TRIGGER",
        }  # fmt: skip
        ((params, value),) = _props(text, "ATTENDEE")
        assert value == "mailto:eve@example.com"
        assert set(params) == {"CN", "ROLE", "PARTSTAT", "RSVP"}
        assert params["ROLE"] == "REQ-PARTICIPANT"
        assert _props(text, "ORGANIZER")[0][1] == "mailto:jobs@acme.example"
        parsed = parse_invite(text)
        assert parsed.attendees[0].name == calendar.clean_name(name)
        assert '"' not in parsed.attendees[0].name and "\n" not in parsed.attendees[0].name

    @pytest.mark.parametrize(
        "title", [*HOSTILE_NAMES, "Tech, round 2; final: yes \\ ok", "x" * 200]
    )
    def test_hostile_text_round_trips_escaped(self, title: str) -> None:
        text = invite_ics(_event(title=title, description=title))
        parsed = parse_invite(text)
        assert parsed.summary == calendar.clean_text(title)
        assert [n for n, _, _ in _content_lines(text)].count("SUMMARY") == 1
        assert _unescape(_props(text, "SUMMARY")[0][1]) == parsed.summary
        assert _unescape(_props(text, "DESCRIPTION")[0][1]) == parsed.description

    @pytest.mark.parametrize(
        "email", ["a@b.c\r\nX:1", "a;ROLE=CHAIR@b.c", "a@b.c:x", 'a"@b.c', "no-at-sign", "a b@c.d"]
    )
    def test_an_address_that_could_break_the_line_is_refused(self, email: str) -> None:
        with pytest.raises(ValueError, match="e-mail address"):
            invite_ics(_event(attendees=(Attendee(name="x", email=email),)))

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"start": datetime(2026, 3, 2, 9)}, "timezone-aware"),
            ({"end": START}, "after 'start'"),
            ({"sequence": -1}, "negative"),
            ({"uid": "a b"}, "'uid'"),
            ({"meeting_url": 'https://x/"onload'}, "'meeting_url'"),
            ({"meeting_url": "javascript:alert(1)"}, "'meeting_url'"),
            ({"attendees": ()}, "attendee"),
        ],
    )
    def test_bad_fields_are_refused(self, changes: dict[str, object], message: str) -> None:
        with pytest.raises(ValueError, match=message):
            invite_ics(_event(**changes))


class TestFolding:
    @pytest.mark.parametrize(
        "title", ["x" * 200, "😀" * 120, "é" * 150, "a" + "😀" * 73, "Zoë; " * 60]
    )
    def test_no_line_over_75_octets_and_utf8_kept_whole(self, title: str) -> None:
        long_name = Attendee(name="N" * 90 + " 😀" * 20, email="long.name@example.com")
        text = invite_ics(_event(title=title, description=title * 3, attendees=(long_name,)))
        raw = text.encode("utf-8")
        for line in raw.split(b"\r\n"):
            assert len(line) <= 75
            line.decode("utf-8")  # a fold never splits a character
        parsed = parse_invite(text)
        assert parsed.summary == title and parsed.attendees[0].name == long_name.name


class TestParse:
    @pytest.mark.parametrize(
        "text",
        [
            "",
            "not a calendar",
            "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n",
            "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n"
            "END:VCALENDAR\r\n",
        ],
    )
    def test_not_an_invite(self, text: str) -> None:
        with pytest.raises(InvalidInvite):
            parse_invite(text)

    def test_floating_times_are_refused(self) -> None:
        text = invite_ics(_event()).replace("DTSTART:20260302T090000Z", "DTSTART:20260302T090000")
        with pytest.raises(InvalidInvite, match="zone"):
            parse_invite(text)

    def test_a_message_that_does_not_round_trip_is_an_internal_error(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        real = calendar.parse_invite
        monkeypatch.setattr(
            calendar, "parse_invite", lambda t: dataclasses.replace(real(t), sequence=99)
        )
        with pytest.raises(InviteError, match="sequence"):
            invite_ics(_event())
