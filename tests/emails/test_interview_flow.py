"""The issue's whole flow against a real SMTP server on 127.0.0.1: a plan with one AI and one
human step goes from invite to completed through the candidate's link and the interviewer's
scorecard; every message arrives, and every calendar invite in it parses back."""

from __future__ import annotations

from email.message import EmailMessage
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from icalendar import Calendar

from peoplelens.config import Settings
from tests.emails.smtp import SmtpServer, send_mail
from tests.factories import Api, TenantHandle, token_of

ALL_WEEK = {d: [["00:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def _calendar_parts(message: EmailMessage) -> tuple[Any, Any]:
    """The ``text/calendar`` alternative and the ``.ics`` attachment, parsed."""
    inline = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    attached = next(p for p in message.walk() if (p.get_filename() or "").endswith(".ics"))
    payload = attached.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return Calendar.from_ical(inline.get_content()), Calendar.from_ical(payload)


def _text(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return str(body.get_content())


def _vevent(cal: Any) -> Any:
    (event,) = [c for c in cal.walk() if c.name == "VEVENT"]
    return event


def test_ai_then_human_from_invite_to_completed(
    api: Api,
    client: TestClient,
    app: FastAPI,
    tenant: TenantHandle,
    smtp: SmtpServer,
    mail_settings: Settings,
) -> None:
    interviewer = tenant.new_person("interviewer", app.state.runtime.secret_key)
    api.patch(
        f"/api/v1/users/{interviewer.id}",
        json={"working_hours": ALL_WEEK, "time_zone": "Europe/Berlin", "first_name": "Lin"},
    )
    cand = api.candidate(first_name="Grace", last_name="Hopper")
    tpl = api.template()
    r = api.post(
        "/api/v1/interviews/invite",
        json={
            "candidate_id": cand["id"],
            "steps": [
                {"title": "Screening", "type": "ai_interview", "template_id": tpl["id"]},
                {
                    "title": "Team interview",
                    "type": "human_interview",
                    "interviewer_id": interviewer.id,
                    "duration_minutes": 45,
                },
            ],
        },
    )
    assert r.status_code == 201, r.text
    plan = r.json()
    token = token_of(plan)
    send_mail(client, mail_settings)
    (invitation,) = smtp.inbox.to(cand["email"])
    assert plan["booking_link"]["url"] in _text(invitation)

    base = f"/api/v1/interview-sessions/{token}"
    state = client.post(f"{base}/consent", json={"consent": True}).json()
    turn = 0
    while state["state"] == "in_progress":  # numbered: the same text again is a double-submit
        turn += 1
        state = client.post(
            f"{base}/messages",
            json={
                "text": f"({turn}) I built a Go service at 5,000 requests/s, profiled with pprof."
            },
        ).json()
    assert state["state"] == "awaiting_booking"
    slots = client.get(f"{base}/slots", params={"time_zone": "America/Chicago"}).json()
    chosen = slots["slots"][2]
    r = client.post(
        f"{base}/booking", json={"start_time": chosen["start_time"], "time_zone": "America/Chicago"}
    )
    assert r.status_code == 200 and r.json()["state"] == "scheduled", r.text
    send_mail(client, mail_settings)

    (_, to_candidate) = smtp.inbox.to(cand["email"])
    (to_interviewer,) = smtp.inbox.to(interviewer.email)
    for message in (to_candidate, to_interviewer):
        assert message["Subject"].startswith("Interview scheduled: Team interview")
        inline, attached = _calendar_parts(message)
        for cal in (inline, attached):
            event = _vevent(cal)
            assert str(cal["METHOD"]) == "REQUEST"
            assert (
                event.decoded("DTSTART")
                .isoformat()
                .replace("+00:00", "Z")
                .startswith(chosen["start_time"][:19])
            )
            attendees = {str(a).lower() for a in event["ATTENDEE"]}
            assert attendees == {
                f"mailto:{cand['email']}".lower(),
                f"mailto:{interviewer.email}".lower(),
            }
    # The candidate's copy is in their zone, and carries the link to move or cancel.
    text = _text(to_candidate)
    assert "America/Chicago" in text and f"/book/{token}" in text
    assert f"/book/{token}" not in _text(to_interviewer)
    assert "Europe/Berlin" in _text(to_interviewer)

    r = client.post(
        f"/api/v1/interviews/{plan['plan_id']}/steps/{plan['steps'][1]['id']}/scorecard",
        headers=interviewer.headers(),
        json={"overall_score": 78, "recommendation": "hire", "notes": "Clear thinker."},
    )
    assert r.status_code == 201, r.text
    assert client.get(base).json()["state"] == "completed"
    status = api.get(f"/api/v1/candidates/{cand['id']}/status").json()
    assert status["status"] == "completed"
    log = api.get("/api/v1/emails", params={"candidate_id": cand["id"]}).json()["data"]
    assert sorted(e["kind"] for e in log) == [
        "candidate_invitation",
        "interview_scheduled",
        "interview_scheduled",
    ]
    assert {e["status"] for e in log} == {"sent"}


def test_moved_and_cancelled_mail_raise_the_sequence(
    api: Api,
    client: TestClient,
    app: FastAPI,
    tenant: TenantHandle,
    smtp: SmtpServer,
    mail_settings: Settings,
) -> None:
    interviewer = tenant.new_person("interviewer", app.state.runtime.secret_key)
    api.patch(f"/api/v1/users/{interviewer.id}", json={"working_hours": ALL_WEEK})
    cand = api.candidate()
    plan = api.post(
        "/api/v1/interviews/invite",
        json={
            "candidate_id": cand["id"],
            "send_email": False,
            "steps": [
                {"title": "Panel", "type": "human_interview", "interviewer_id": interviewer.id}
            ],
        },
    ).json()
    base = f"/api/v1/interview-sessions/{token_of(plan)}"
    slots = client.get(f"{base}/slots").json()["slots"]
    for slot in (slots[0], slots[5]):
        assert (
            client.post(f"{base}/booking", json={"start_time": slot["start_time"]}).status_code
            == 200
        )
    assert client.post(f"{base}/booking/cancel").status_code == 200
    send_mail(client, mail_settings)
    # Sent concurrently, they may arrive in any order: SEQUENCE orders them for calendars.
    seen = []
    for message in smtp.inbox.to(cand["email"]):
        inline, _ = _calendar_parts(message)
        event = _vevent(inline)
        part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
        seen.append(
            (
                int(event["SEQUENCE"]),
                str(inline["METHOD"]),
                part.get_param("method"),
                message["Subject"].split(":")[0],
                str(event["UID"]),
            )
        )
    seen.sort()
    assert [s[:4] for s in seen] == [
        (0, "REQUEST", "REQUEST", "Interview scheduled"),
        (1, "REQUEST", "REQUEST", "Interview moved"),
        (2, "CANCEL", "CANCEL", "Interview cancelled"),
    ]
    assert len({s[4] for s in seen}) == 1
