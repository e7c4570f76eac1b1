"""Human interview steps end to end: their life, the team's schedule, the candidate's booking
page (free slots, race-safe claims, moves, cancellations, the cut-off) and the invites."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from typing import Any

from fastapi import FastAPI
from icalendar import Calendar
from sqlalchemy import select, update

from peoplelens.db import Database
from peoplelens.kit.ids import try_parse
from peoplelens.kit.time import iso, utcnow
from peoplelens.models import Event, InterviewPlan, InterviewStep
from tests.factories import Api, Person, TenantHandle, browser_client, token_of

ALL_WEEK = {d: [["00:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def _interviewer(
    api: Api,
    tenant: TenantHandle,
    app: FastAPI,
    hours: dict[str, Any] | None = None,
    zone: str = "UTC",
) -> Person:
    person = tenant.new_person("interviewer", app.state.runtime.secret_key)
    r = api.patch(
        f"/api/v1/users/{person.id}",
        json={"working_hours": ALL_WEEK if hours is None else hours, "time_zone": zone},
    )
    assert r.status_code == 200, r.text
    return person


def _plan(
    api: Api, interviewer: Person, *, ai_first: bool = False, **fields: Any
) -> dict[str, Any]:
    cand = api.candidate(first_name="Grace", last_name="Hopper")
    steps: list[dict[str, Any]] = []
    if ai_first:
        tpl = api.template()
        steps.append({"title": "Screening", "type": "ai_interview", "template_id": tpl["id"]})
    steps.append(
        {
            "title": "Panel interview",
            "type": "human_interview",
            "interviewer_id": interviewer.id,
            "duration_minutes": 60,
        }
    )
    r = api.post(
        "/api/v1/interviews/invite",
        json={"candidate_id": cand["id"], "steps": steps, **fields},
    )
    assert r.status_code == 201, r.text
    out: dict[str, Any] = r.json()
    out["candidate"] = cand
    out["token"] = token_of(out)
    out["human_step"] = out["steps"][-1]["id"]
    return out


def _at(hours: float) -> datetime:
    """A time ``hours`` from now on the half hour (a slot start under ALL_WEEK)."""
    moment = utcnow() + timedelta(hours=hours)
    return moment.replace(minute=0 if moment.minute < 30 else 30, second=0, microsecond=0)


def _events(db: Database, tenant: TenantHandle, kind: str) -> list[dict[str, Any]]:
    with db.read_session() as s:
        rows = s.scalars(
            select(Event)
            .where(Event.tenant_id == tenant.id, Event.type == kind)
            .order_by(Event.created_at)
        )
        return [dict(e.payload["data"]) for e in rows]


def _status(api: Api, plan: dict[str, Any]) -> str:
    return str(api.get(f"/api/v1/candidates/{plan['candidate']['id']}/status").json()["status"])


def _ics(text: str) -> Any:
    cal = Calendar.from_ical(text)
    (event,) = [c for c in cal.walk() if c.name == "VEVENT"]
    return cal, event


class TestLife:
    def test_scheduled_then_scored_completes_everything(
        self, api: Api, tenant: TenantHandle, app: FastAPI, db: Database
    ) -> None:
        who = _interviewer(api, tenant, app)
        plan = _plan(api, who)
        assert _status(api, plan) == "invited"
        start = _at(30)
        r = api.post(
            f"/api/v1/interviews/{plan['plan_id']}/schedule",
            json={"step_id": plan["human_step"], "start_time": iso(start)},
        )
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["success"] is True and body["meetLink"].startswith("https://meet.jit.si/")
        assert body["event"]["end_time"] == iso(start + timedelta(minutes=60))  # the duration
        assert body["sequence"] == 0 and body["rescheduled"] is False
        step = api.get(f"/api/v1/interviews/{plan['plan_id']}").json()["steps"][0]
        assert step["status"] == "scheduled" and step["scheduled_start"] == iso(start)
        assert _status(api, plan) == "in_progress"
        (scheduled,) = _events(db, tenant, "interview.scheduled")[-1:]
        assert scheduled["step_id"] == plan["human_step"] and scheduled["interviewer_id"] == who.id

        r = api.post(
            f"/api/v1/interviews/{plan['plan_id']}/steps/{plan['human_step']}/scorecard",
            headers=who.headers(),
            json={"overall_score": 80, "recommendation": "hire", "notes": "Solid."},
        )
        assert r.status_code == 201, r.text
        got = api.get(f"/api/v1/interviews/{plan['plan_id']}").json()
        assert got["status"] == "completed" and got["completed_steps"] == 1
        assert got["steps"][0]["status"] == "completed"
        assert _status(api, plan) == "completed"
        scored = _events(db, tenant, "interview.human_scored")[-1]
        assert scored["step_status"] == "completed" and scored["plan_status"] == "completed"
        finished = _events(db, tenant, "interview.step_completed")[-1]
        assert finished["step_id"] == plan["human_step"] and finished["status"] == "completed"

    def test_complete_and_skip_by_the_team(
        self, api: Api, tenant: TenantHandle, app: FastAPI
    ) -> None:
        who = _interviewer(api, tenant, app)
        plan = _plan(api, who, ai_first=True)
        ai_step = plan["steps"][0]["id"]
        base = f"/api/v1/interviews/{plan['plan_id']}/steps"
        r = api.post(f"{base}/{ai_step}/complete")
        assert r.status_code == 409 and r.json()["error"]["code"] == "step_not_completable"
        r = api.post(f"{base}/{ai_step}/complete", json={"status": "skipped"})
        assert r.status_code == 200 and r.json()["steps"][0]["status"] == "skipped"
        assert _status(api, plan) == "invited"  # nothing was done yet
        r = api.post(f"{base}/{plan['human_step']}/complete")
        assert r.status_code == 200, r.text
        assert r.json()["status"] == "completed" and r.json()["completed_steps"] == 1
        assert _status(api, plan) == "completed"
        again = api.post(f"{base}/{plan['human_step']}/complete")
        assert again.status_code == 409 and again.json()["error"]["code"] == "plan_not_active"
        bad = api.post(f"{base}/{plan['human_step']}/complete", json={"status": "done"})
        assert bad.status_code == 422

    def test_interviewer_completes_only_their_own_step(
        self, api: Api, tenant: TenantHandle, app: FastAPI
    ) -> None:
        mine, other = _interviewer(api, tenant, app), _interviewer(api, tenant, app)
        plan = _plan(api, mine)
        path = f"/api/v1/interviews/{plan['plan_id']}/steps/{plan['human_step']}/complete"
        assert api.client.post(path, headers=other.headers()).status_code == 404
        r = api.client.post(path, headers=mine.headers())
        assert r.status_code == 200, r.text

    def test_human_scorecard_rules(self, api: Api, tenant: TenantHandle, app: FastAPI) -> None:
        who, stranger = _interviewer(api, tenant, app), _interviewer(api, tenant, app)
        plan = _plan(api, who, ai_first=True)
        base = f"/api/v1/interviews/{plan['plan_id']}/steps"
        card = {"overall_score": 70, "recommendation": "hire"}
        on_ai = api.post(
            f"{base}/{plan['steps'][0]['id']}/scorecard", json=card | {"interviewer_id": who.id}
        )
        assert on_ai.status_code == 409 and on_ai.json()["error"]["code"] == "step_not_human"
        by_other = api.post(
            f"{base}/{plan['human_step']}/scorecard", json=card | {"interviewer_id": stranger.id}
        )
        assert by_other.status_code == 422
        assert by_other.json()["error"]["code"] == "not_step_interviewer"
        # The team may submit it for the step's interviewer (who is the default).
        r = api.post(f"{base}/{plan['human_step']}/scorecard", json=card)
        assert r.status_code == 201, r.text
        assert r.json()["interviewer_id"] == who.id
        twice = api.post(f"{base}/{plan['human_step']}/scorecard", json=card)
        assert twice.status_code == 409 and twice.json()["error"]["code"] == "scorecard_exists"
        # An AI step that never started was not completed by anything above.
        steps = api.get(f"/api/v1/interviews/{plan['plan_id']}").json()["steps"]
        assert [s["status"] for s in steps] == ["pending", "completed"]


class TestTeamSchedule:
    def test_move_raises_sequence_and_cancel_sends_cancel(
        self, api: Api, tenant: TenantHandle, app: FastAPI, db: Database
    ) -> None:
        who = _interviewer(api, tenant, app)
        plan = _plan(api, who)
        url = f"/api/v1/interviews/{plan['plan_id']}/schedule"
        first = api.post(
            url, json={"step_id": plan["human_step"], "start_time": iso(_at(30))}
        ).json()
        moved = api.post(url, json={"step_id": plan["human_step"], "start_time": iso(_at(54))})
        assert moved.status_code == 200, moved.text
        body = moved.json()
        assert body["rescheduled"] is True and body["sequence"] == 1
        assert body["meetLink"] == first["meetLink"]  # the room stays
        event = _events(db, tenant, "interview.scheduled")[-1]
        assert (
            event["rescheduled"] is True
            and event["previous_start_time"] == first["event"]["start_time"]
        )

        ics = api.get(body["invite_url"])
        assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
        cal, vevent = _ics(ics.text)
        assert str(cal["METHOD"]) == "REQUEST" and int(vevent["SEQUENCE"]) == 1
        attendees = sorted(str(a).lower() for a in vevent["ATTENDEE"])
        assert attendees == sorted(
            [f"mailto:{plan['candidate']['email']}".lower(), f"mailto:{who.email}".lower()]
        )
        assert "ORGANIZER" in vevent
        uid = str(vevent["UID"])
        assert uid == str(_ics(first["ics"])[1]["UID"])

        r = api.post(f"/api/v1/interviews/{plan['plan_id']}/steps/{plan['human_step']}/cancel")
        assert r.status_code == 200 and r.json()["steps"][0]["status"] == "cancelled"
        cal, vevent = _ics(api.get(body["invite_url"]).text)
        assert str(cal["METHOD"]) == "CANCEL" and int(vevent["SEQUENCE"]) == 2
        assert str(vevent["UID"]) == uid and str(vevent["STATUS"]) == "CANCELLED"
        assert _events(db, tenant, "interview.schedule_cancelled")[-1]["step_status"] == "cancelled"

    def test_plan_cancel_withdraws_the_meeting(
        self, api: Api, tenant: TenantHandle, app: FastAPI
    ) -> None:
        who = _interviewer(api, tenant, app)
        plan = _plan(api, who)
        body = api.post(
            f"/api/v1/interviews/{plan['plan_id']}/schedule",
            json={"step_id": plan["human_step"], "start_time": iso(_at(30))},
        ).json()
        assert api.post(f"/api/v1/interviews/{plan['plan_id']}/cancel").status_code == 200
        cal, _ = _ics(api.get(body["invite_url"]).text)
        assert str(cal["METHOD"]) == "CANCEL"

    def test_bad_schedules_change_nothing(
        self,
        api: Api,
        other_api: Api,
        tenant: TenantHandle,
        other_tenant: TenantHandle,
        app: FastAPI,
    ) -> None:
        nine_to_five = {"mon": [["09:00", "17:00"]]}
        who = _interviewer(api, tenant, app, hours=nine_to_five)
        plan = _plan(api, who)
        url = f"/api/v1/interviews/{plan['plan_id']}/schedule"
        step = plan["human_step"]
        foreign = other_tenant.new_person("interviewer", app.state.runtime.secret_key)
        # The next Sunday, 03:00 UTC: outside Monday's hours.
        now = utcnow()
        sunday = (now + timedelta(days=(6 - now.weekday()) % 7 or 7)).replace(
            hour=3, minute=0, second=0, microsecond=0
        )
        cases = [
            ({"start_time": iso(now - timedelta(hours=2))}, 422, "start_time"),
            (
                {"start_time": iso(sunday), "end_time": iso(sunday - timedelta(minutes=5))},
                422,
                "end_time",
            ),
            ({"start_time": iso(sunday)}, 422, "start_time"),
            ({"start_time": iso(sunday), "interviewer_id": foreign.id}, 422, "interviewer_id"),
            ({"start_time": "tomorrow"}, 422, "start_time"),
        ]
        for extra, status, param in cases:
            r = api.post(url, json={"step_id": step, **extra})
            assert r.status_code == status, (extra, r.text)
            assert r.json()["error"]["param"] == param, (extra, r.text)
        assert (
            api.get(f"/api/v1/interviews/{plan['plan_id']}").json()["steps"][0]["status"]
            == "pending"
        )
        # Agreed with the interviewer: allowed outside the hours.
        ok = api.post(
            url, json={"step_id": step, "start_time": iso(sunday), "outside_working_hours": True}
        )
        assert ok.status_code == 200, ok.text
        # An overlapping interview of the same interviewer is refused, with the next free times.
        other = _plan(api, who)
        clash = api.post(
            f"/api/v1/interviews/{other['plan_id']}/schedule",
            json={
                "step_id": other["human_step"],
                "start_time": iso(sunday + timedelta(minutes=30)),
                "outside_working_hours": True,
            },
        )
        assert clash.status_code == 409 and clash.json()["error"]["code"] == "interviewer_busy"
        # Another tenant's plan is a 404; a completed step cannot be scheduled.
        assert (
            other_api.post(url, json={"step_id": step, "start_time": iso(sunday)}).status_code
            == 404
        )
        api.post(f"/api/v1/interviews/{plan['plan_id']}/steps/{step}/complete")
        done = api.post(url, json={"step_id": step, "start_time": iso(sunday + timedelta(days=7))})
        assert done.status_code == 409


class TestCandidateBooking:
    def test_human_only_plan_has_no_ai_disclosure(
        self, api: Api, tenant: TenantHandle, app: FastAPI
    ) -> None:
        who = _interviewer(api, tenant, app)
        plan = _plan(api, who)
        base = f"/api/v1/interview-sessions/{plan['token']}"
        state = api.client.get(base).json()
        assert state["state"] == "awaiting_booking" and state["next_action"] == "book"
        assert state["ai_disclosure"] is False and state["booking"]["duration_minutes"] == 60
        consent = api.client.post(f"{base}/consent", json={"consent": True})
        assert consent.status_code == 409 and consent.json()["error"]["code"] == "no_ai_step_next"
        page = api.client.get(f"/book/{plan['token']}")
        assert page.status_code == 200
        assert "AI-led" not in page.text and "AI interviewer" not in page.text
        assert "Pick a time" in page.text

    def test_pick_move_cancel(
        self, api: Api, tenant: TenantHandle, app: FastAPI, db: Database
    ) -> None:
        who = _interviewer(api, tenant, app)
        plan = _plan(api, who)
        base = f"/api/v1/interview-sessions/{plan['token']}"
        slots = api.client.get(f"{base}/slots", params={"time_zone": "America/New_York"}).json()
        assert slots["time_zone"] == "America/New_York" and "UTC-0" in slots["time_zone_label"]
        assert slots["duration_minutes"] == 60 and len(slots["slots"]) > 20
        first = slots["slots"][0]
        assert datetime.fromisoformat(first["start_time"]) >= utcnow() + timedelta(
            hours=4
        ) - timedelta(minutes=1)
        r = api.client.post(
            f"{base}/booking",
            json={"start_time": first["start_time"], "time_zone": "America/New_York"},
        )
        assert r.status_code == 200, r.text
        state = r.json()
        assert state["state"] == "scheduled" and state["next_action"] == "attend"
        assert (
            state["booking"]["start_time"] == first["start_time"] and state["booking"]["can_change"]
        )
        assert _status(api, plan) == "in_progress"
        assert _events(db, tenant, "interview.scheduled")[-1]["scheduled_by"] == "candidate"
        # Moving: to a later slot, the booking follows, SEQUENCE 1.
        later = slots["slots"][10]
        moved = api.client.post(f"{base}/booking", json={"start_time": later["start_time"]})
        assert (
            moved.status_code == 200
            and moved.json()["booking"]["start_time"] == later["start_time"]
        )
        cal, vevent = _ics(api.client.get(f"/book/{plan['token']}/invite.ics").text)
        assert int(vevent["SEQUENCE"]) == 1 and str(cal["METHOD"]) == "REQUEST"
        # Cancelling: the step waits for a new booking; the invite is a CANCEL.
        gone = api.client.post(f"{base}/booking/cancel")
        assert gone.status_code == 200 and gone.json()["state"] == "awaiting_booking"
        cal, vevent = _ics(api.client.get(f"/book/{plan['token']}/invite.ics").text)
        assert str(cal["METHOD"]) == "CANCEL" and int(vevent["SEQUENCE"]) == 2
        assert api.client.post(f"{base}/booking/cancel").json()["error"]["code"] == "not_booked"
        # The freed time is offered again.
        again = api.client.get(f"{base}/slots").json()["slots"]
        assert later["start_time"] in [s["start_time"] for s in again]

    def test_two_candidates_one_slot(self, api: Api, tenant: TenantHandle, app: FastAPI) -> None:
        who = _interviewer(api, tenant, app)
        a, b = _plan(api, who), _plan(api, who)
        slot = api.client.get(f"/api/v1/interview-sessions/{a['token']}/slots").json()["slots"][0]
        results: dict[str, Any] = {}

        def pick(name: str, token: str) -> None:
            c = browser_client(app)
            results[name] = c.post(
                f"/api/v1/interview-sessions/{token}/booking",
                json={"start_time": slot["start_time"]},
            )

        threads = [
            threading.Thread(target=pick, args=(n, p["token"])) for n, p in (("a", a), ("b", b))
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        codes = sorted(r.status_code for r in results.values())
        assert codes == [200, 409], [r.text for r in results.values()]
        loser = next(r for r in results.values() if r.status_code == 409).json()["error"]
        assert loser["code"] == "slot_unavailable"
        assert loser["next_slots"] and loser["next_slots"][0]["start_time"] != slot["start_time"]
        assert "next free time" in loser["message"]

    def test_refusals(self, api: Api, tenant: TenantHandle, app: FastAPI, db: Database) -> None:
        who = _interviewer(api, tenant, app, hours={"mon": [["09:00", "10:00"]]})
        plan = _plan(api, who)
        base = f"/api/v1/interview-sessions/{plan['token']}"
        now = utcnow()
        sunday = (now + timedelta(days=(6 - now.weekday()) % 7 or 7)).replace(
            hour=3, minute=0, second=0, microsecond=0
        )
        outside = api.client.post(f"{base}/booking", json={"start_time": iso(sunday)})
        assert outside.status_code == 409 and "working hours" in outside.json()["error"]["message"]
        past = api.client.post(f"{base}/booking", json={"start_time": iso(now - timedelta(days=1))})
        assert past.status_code == 422
        soon = api.client.post(f"{base}/booking", json={"start_time": iso(_at(1))})
        assert soon.status_code == 409
        bad_zone = api.client.get(f"{base}/slots", params={"time_zone": "Mars/Olympus"})
        assert bad_zone.status_code == 422
        assert api.client.get(f"{base}/slots").json()["slots"], "Monday 09:00-10:00 has slots"
        # A booking inside the cut-off cannot be moved or cancelled by the candidate.
        slot = api.client.get(f"{base}/slots").json()["slots"][0]
        assert (
            api.client.post(f"{base}/booking", json={"start_time": slot["start_time"]}).status_code
            == 200
        )
        with db.write_session() as s:
            s.execute(
                update(InterviewStep)
                .where(InterviewStep.id == try_parse("step", plan["human_step"]))
                .values(
                    scheduled_start=utcnow() + timedelta(hours=1),
                    scheduled_end=utcnow() + timedelta(hours=2),
                )
            )
            s.commit()
        late = api.client.post(f"{base}/booking/cancel")
        assert late.status_code == 409 and late.json()["error"]["code"] == "change_cutoff_passed"
        # Expired and cancelled links.
        other = _plan(api, who)
        with db.write_session() as s:
            s.execute(
                update(InterviewPlan)
                .where(InterviewPlan.id == try_parse("plan", other["plan_id"]))
                .values(expires_at=utcnow() - timedelta(minutes=1))
            )
            s.commit()
        assert (
            api.client.get(f"/api/v1/interview-sessions/{other['token']}/slots").status_code == 410
        )
        third = _plan(api, who)
        api.post(f"/api/v1/interviews/{third['plan_id']}/cancel")
        assert (
            api.client.post(
                f"/api/v1/interview-sessions/{third['token']}/booking",
                json={"start_time": slot["start_time"]},
            ).status_code
            == 410
        )

    def test_ai_then_human_on_one_link(self, api: Api, tenant: TenantHandle, app: FastAPI) -> None:
        who = _interviewer(api, tenant, app)
        plan = _plan(api, who, ai_first=True)
        base = f"/api/v1/interview-sessions/{plan['token']}"
        state = api.client.get(base).json()
        assert state["state"] == "awaiting_consent" and state["ai_disclosure"] is True
        state = api.client.post(f"{base}/consent", json={"consent": True}).json()
        turns = 0
        while state["state"] == "in_progress":
            turns += 1
            state = api.client.post(
                f"{base}/messages",
                json={
                    "text": f"({turns}) I built and ran a Go service at 5,000 requests/s "
                    "and profiled it with pprof."
                },
            ).json()
        assert state["state"] == "awaiting_booking" and state["next_action"] == "book"
        assert state["current_step"]["type"] == "human_interview"
        assert _status(api, plan) == "in_progress"
        slot = api.client.get(f"{base}/slots").json()["slots"][0]
        assert (
            api.client.post(f"{base}/booking", json={"start_time": slot["start_time"]}).status_code
            == 200
        )
        r = api.client.post(
            f"/api/v1/interviews/{plan['plan_id']}/steps/{plan['human_step']}/scorecard",
            headers=who.headers(),
            json={"overall_score": 75, "recommendation": "hire"},
        )
        assert r.status_code == 201, r.text
        assert api.client.get(base).json()["state"] == "completed"
        assert _status(api, plan) == "completed"

    def test_page_books_with_plain_forms(
        self, api: Api, tenant: TenantHandle, app: FastAPI
    ) -> None:
        who = _interviewer(api, tenant, app)
        plan = _plan(api, who)
        browser = browser_client(app, follow_redirects=False)
        page = browser.get(f"/book/{plan['token']}", params={"tz": "Asia/Kolkata"})
        assert page.status_code == 200 and "Asia/Kolkata (UTC+05:30)" in page.text
        slot = api.client.get(f"/api/v1/interview-sessions/{plan['token']}/slots").json()["slots"][
            0
        ]
        r = browser.post(
            f"/book/{plan['token']}/booking",
            data={"start_time": slot["start_time"], "tz": "Asia/Kolkata"},
        )
        assert (
            r.status_code == 303
            and r.headers["location"] == f"/book/{plan['token']}?tz=Asia%2FKolkata"
        )
        booked = browser.get(r.headers["location"])
        assert "Your interview is booked" in booked.text and "invite.ics" in booked.text
        r = browser.post(f"/book/{plan['token']}/booking/cancel", data={"tz": ""})
        assert r.status_code == 303
        assert "Pick a time" in browser.get(f"/book/{plan['token']}").text
        nonsense = browser.post(f"/book/{plan['token']}/booking", data={"start_time": "x"})
        assert nonsense.status_code == 422


def test_step_duration_only_on_human_steps(api: Api) -> None:
    cand = api.candidate()
    tpl = api.template()
    r = api.post(
        "/api/v1/interviews/invite",
        json={
            "candidate_id": cand["id"],
            "steps": [
                {
                    "title": "AI",
                    "type": "ai_interview",
                    "template_id": tpl["id"],
                    "duration_minutes": 30,
                }
            ],
        },
    )
    assert r.status_code == 422 and r.json()["error"]["param"] == "steps[0].duration_minutes"


class TestFoundByANewcomer:
    """Answers a first integrator tripped over."""

    def test_far_future_and_naive_times_are_clear_422s(
        self, api: Api, tenant: TenantHandle, app: FastAPI
    ) -> None:
        who = _interviewer(api, tenant, app)
        plan = _plan(api, who)
        url = f"/api/v1/interviews/{plan['plan_id']}/schedule"
        for start in ("9999-12-31T23:30:00Z", "3000-01-06T09:00:00Z"):
            r = api.post(
                url,
                json={
                    "step_id": plan["human_step"],
                    "start_time": start,
                    "outside_working_hours": True,
                },
            )
            assert r.status_code == 422 and r.json()["error"]["param"] == "start_time", r.text
            booking = api.client.post(
                f"/api/v1/interview-sessions/{plan['token']}/booking", json={"start_time": start}
            )
            assert booking.status_code == 422, booking.text
        naive = api.post(
            url, json={"step_id": plan["human_step"], "start_time": "2030-12-09T09:00:00"}
        )
        assert naive.status_code == 422 and "offset" in naive.json()["error"]["message"]

    def test_the_candidate_picks_only_an_offered_time(
        self, api: Api, tenant: TenantHandle, app: FastAPI
    ) -> None:
        who = _interviewer(api, tenant, app)
        plan = _plan(api, who)
        base = f"/api/v1/interview-sessions/{plan['token']}"
        first = datetime.fromisoformat(
            api.client.get(f"{base}/slots").json()["slots"][0]["start_time"]
        )
        for start in (first + timedelta(minutes=10), first + timedelta(days=40)):
            r = api.client.post(f"{base}/booking", json={"start_time": iso(start)})
            assert r.status_code == 409 and r.json()["error"]["code"] == "slot_unavailable", r.text
        assert api.client.get(base).json()["state"] == "awaiting_booking"

    def test_an_early_scorecard_keeps_the_time_taken(
        self, api: Api, tenant: TenantHandle, app: FastAPI
    ) -> None:
        who = _interviewer(api, tenant, app)
        first, second = _plan(api, who), _plan(api, who)
        slot = api.client.get(f"/api/v1/interview-sessions/{first['token']}/slots").json()["slots"][
            0
        ]
        booked = api.client.post(
            f"/api/v1/interview-sessions/{first['token']}/booking",
            json={"start_time": slot["start_time"]},
        )
        assert booked.status_code == 200
        r = api.post(
            f"/api/v1/interviews/{first['plan_id']}/steps/{first['human_step']}/scorecard",
            json={"overall_score": 60, "recommendation": "hire"},
        )
        assert r.status_code == 201
        offered = api.client.get(f"/api/v1/interview-sessions/{second['token']}/slots").json()
        assert slot["start_time"] not in [s["start_time"] for s in offered["slots"]]
        taken = api.client.post(
            f"/api/v1/interview-sessions/{second['token']}/booking",
            json={"start_time": slot["start_time"]},
        )
        assert taken.status_code == 409

    def test_answers_on_a_persons_step_say_so(
        self, api: Api, tenant: TenantHandle, app: FastAPI
    ) -> None:
        who = _interviewer(api, tenant, app)
        plan = _plan(api, who)
        r = api.client.post(
            f"/api/v1/interview-sessions/{plan['token']}/messages", json={"text": "Hello?"}
        )
        assert r.status_code == 409 and r.json()["error"]["code"] == "no_ai_step_next"
        cand = api.candidate()
        unassigned = api.post(
            "/api/v1/interviews/invite",
            json={
                "candidate_id": cand["id"],
                "steps": [{"title": "Chat", "type": "human_interview"}],
            },
        ).json()
        assert unassigned["steps"][0]["duration_minutes"] == 45
        state = api.client.get(f"/api/v1/interview-sessions/{token_of(unassigned)}").json()
        assert state["state"] == "awaiting_booking" and state["next_action"] == "wait"

    def test_the_invite_reads_the_same_until_the_step_changes(
        self, api: Api, tenant: TenantHandle, app: FastAPI
    ) -> None:
        who = _interviewer(api, tenant, app)
        plan = _plan(api, who)
        r = api.patch("/api/v1/settings/email", json={"reply_to": "talent@acme.example.com"})
        assert r.status_code == 200, r.text
        body = api.post(
            f"/api/v1/interviews/{plan['plan_id']}/schedule",
            json={"step_id": plan["human_step"], "start_time": iso(_at(30))},
        ).json()
        one, two = api.get(body["invite_url"]), api.get(body["invite_url"])
        assert one.text == two.text
        _, event = _ics(one.text)
        assert str(event["ORGANIZER"]).lower() == "mailto:talent@acme.example.com"


class TestFoundInReview:
    """Answers a security review found wanting."""

    def test_an_interviewer_reads_only_their_own_steps_invite(
        self, api: Api, tenant: TenantHandle, app: FastAPI
    ) -> None:
        mine, theirs = _interviewer(api, tenant, app), _interviewer(api, tenant, app)
        cand = api.candidate()
        plan = api.post(
            "/api/v1/interviews/invite",
            json={
                "candidate_id": cand["id"],
                "steps": [
                    {"title": "A", "type": "human_interview", "interviewer_id": theirs.id},
                    {"title": "B", "type": "human_interview", "interviewer_id": mine.id},
                ],
            },
        ).json()
        other_step = plan["steps"][0]["id"]
        api.post(
            f"/api/v1/interviews/{plan['plan_id']}/schedule",
            json={"step_id": other_step, "start_time": iso(_at(30))},
        )
        url = f"/api/v1/interviews/{plan['plan_id']}/steps/{other_step}/invite.ics"
        assert api.client.get(url, headers=mine.headers()).status_code == 404
        assert api.client.get(url, headers=theirs.headers()).status_code == 200

    def test_odd_names_and_addresses_never_break_a_booking(
        self, api: Api, tenant: TenantHandle, app: FastAPI, db: Database
    ) -> None:
        from peoplelens.models import User

        who = _interviewer(api, tenant, app)
        assert api.patch("/api/v1/settings/email", json={"from_name": "Acme\\"}).status_code in (
            200,
            422,
        )
        with db.write_session() as s:  # as a directory may provision it (SCIM userName)
            s.execute(
                update(User)
                .where(User.id == try_parse("usr", who.id))
                .values(email="bob@corp.local", last_name="Back\\")
            )
            s.commit()
        plan = _plan(api, who)
        r = api.post(
            f"/api/v1/interviews/{plan['plan_id']}/schedule",
            json={"step_id": plan["human_step"], "start_time": iso(_at(30)), "title": "\ufeffHi"},
        )
        assert r.status_code == 200, r.text
        _, event = _ics(r.json()["ics"])
        assert str(event["SUMMARY"]) == "Hi"

    def test_out_of_range_offsets_and_server_zones_are_422(
        self, api: Api, tenant: TenantHandle, app: FastAPI
    ) -> None:
        who = _interviewer(api, tenant, app)
        plan = _plan(api, who)
        base = f"/api/v1/interview-sessions/{plan['token']}"
        for start in ("9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00"):
            r = api.client.post(f"{base}/booking", json={"start_time": start})
            assert r.status_code == 422, r.text
            page = api.client.post(
                f"/book/{plan['token']}/booking", data={"start_time": start}, follow_redirects=False
            )
            assert page.status_code in (409, 422), page.text
        assert api.client.get(f"{base}/slots", params={"time_zone": "localtime"}).status_code == 422

    def test_a_booking_can_be_withdrawn_whatever_became_of_the_interviewer(
        self, api: Api, tenant: TenantHandle, app: FastAPI
    ) -> None:
        who = _interviewer(api, tenant, app)
        plan = _plan(api, who)
        base = f"/api/v1/interview-sessions/{plan['token']}"
        slot = api.client.get(f"{base}/slots").json()["slots"][0]
        assert (
            api.client.post(f"{base}/booking", json={"start_time": slot["start_time"]}).status_code
            == 200
        )
        assert api.patch(f"/api/v1/users/{who.id}", json={"is_enabled": False}).status_code == 200
        r = api.client.post(f"{base}/booking/cancel")
        assert r.status_code == 200, r.text
        assert r.json()["state"] == "awaiting_booking" and r.json()["next_action"] == "wait"
