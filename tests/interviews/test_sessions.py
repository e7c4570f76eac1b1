"""The candidate's conversation as JSON: consent, answers, follow-ups, resume, limits."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from peoplelens.db import Database
from peoplelens.kit.ids import try_parse
from peoplelens.kit.time import utcnow
from peoplelens.models import Event, InterviewPlan, Task
from tests.factories import Api, TenantHandle, run_tasks, token_of, unique_email

GOOD = (
    "At my last job I built a Go service that handled 5,000 requests per second. I "
    "profiled it with pprof, fixed a goroutine leak and cut p99 latency from 900 ms to "
    "120 ms, and I wrote table-driven tests for every handler."
)


RUBRIC_QUESTIONS = [
    {
        "text": "Tell me about a Go service you built.",
        "type": "technical",
        "expected_answer": "A concrete Go service; goroutines and channels, context cancellation, "
        "error handling, profiling with pprof; measurable results.",
    },
    {
        "text": "Describe a conflict you resolved.",
        "type": "behavioral",
        "behavioral_intent": "Collaboration and handling disagreement",
        "expected_answer": "A specific disagreement; listened to the other view; used data to "
        "decide; communicated openly; clear outcome and learning.",
    },
]


def _start(api: Api) -> tuple[str, dict[str, Any]]:
    cand = api.candidate(first_name="Grace")
    tpl = api.template(
        initial_message="Welcome, I am your interviewer.", ending_message="That is all, thank you!"
    )
    invite = api.invite(cand["id"], tpl["id"])
    return f"/api/v1/interview-sessions/{token_of(invite)}", invite


def _say(client: TestClient, base: str, text: str, **extra: Any) -> dict[str, Any]:
    r = client.post(f"{base}/messages", json={"text": text, **extra})
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


class TestConversation:
    def test_full_interview(
        self, api: Api, client: TestClient, db: Database, tenant: TenantHandle
    ) -> None:
        base, invite = _start(api)
        state = client.get(base).json()
        assert state["state"] == "awaiting_consent" and state["messages"] == []
        assert state["candidate"] == {"first_name": "Grace"}
        assert state["current_step"]["type"] == "ai_interview"

        state = client.post(f"{base}/consent", json={"consent": True}).json()
        assert state["state"] == "in_progress"
        assert [m["text"] for m in state["messages"]] == [
            "Welcome, I am your interviewer.",
            "Tell me about a Go service you built.",
        ]
        cand_id = api.get(f"/api/v1/interviews/{invite['plan_id']}").json()["candidate_id"]
        assert api.get(f"/api/v1/candidates/{cand_id}/status").json()["status"] == "in_progress"

        # A thin answer earns a follow-up; the follow-up's answer moves on.
        state = _say(client, base, "Yes, I did.")
        assert state["messages"][-1]["role"] == "interviewer"
        assert "example" in state["messages"][-1]["text"].lower()
        state = _say(client, base, GOOD)
        assert state["messages"][-1]["text"] == "Describe a conflict you resolved."
        state = _say(
            client,
            base,
            "Last year a colleague wanted to rewrite our search service "
            "while I wanted to fix it step by step. I listened, then I "
            "proposed a two-week experiment; I measured the slowest "
            "queries, we cut latency by 60%, and the team chose the "
            "incremental path. I learned to test ideas with data.",
        )
        assert state["state"] == "completed"
        assert state["messages"][-1]["text"] == "That is all, thank you!"

        status = api.get(f"/api/v1/candidates/{cand_id}/status").json()
        assert status["status"] == "completed"
        assert status["latest_interview"]["completed_steps"] == 1

        # The scorecard arrives from the background task.
        card = api.get(f"/api/v1/interviews/{invite['plan_id']}/scorecard").json()
        assert card["assessments"][0]["scorecard"] is None
        assert card["assessments"][0]["assessment_status"] == "pending"
        assert run_tasks(client) >= 1
        card = api.get(f"/api/v1/interviews/{invite['plan_id']}/scorecard").json()
        sc = card["assessments"][0]["scorecard"]
        assert 0 <= sc["overall_score"] <= 100
        assert sc["recommendation"] in ("strong_hire", "hire", "no_hire", "strong_no_hire")
        assert sc["model"].startswith("peoplelens-builtin/") and sc["rubric_version"]
        assert 0 < sc["confidence"] <= 1 and sc["insufficient_evidence"] is False
        assert len(sc["criteria"]) == 2
        transcript = api.get(f"/api/v1/interviews/{invite['plan_id']}/transcript").json()
        said = {m["id"]: m["text"] for s in transcript["steps"] for m in s["messages"]}
        for criterion in sc["criteria"]:
            for ev in criterion["evidence"]:
                assert ev["quote"] in said[ev["message_id"]]
        assert card["candidate"]["first_name"] == "Grace"
        assert card["job"] is None or card["job"]["id"]

        with db.read_session() as s:
            events = [
                e.payload
                for e in s.scalars(
                    select(Event).where(
                        Event.tenant_id == tenant.id, Event.type == "scorecard.generated"
                    )
                )
            ]
        assert len(events) == 1
        data = events[0]["data"]
        assert data["plan_id"] == invite["plan_id"] and data["candidate_id"] == cand_id
        assert data["overall_score"] == sc["overall_score"]
        assert data["scorecard_url"].endswith(f"/api/v1/interviews/{invite['plan_id']}/scorecard")

    def test_resume_after_reload(self, api: Api, client: TestClient) -> None:
        base, _ = _start(api)
        client.post(f"{base}/consent", json={"consent": True})
        before = _say(client, base, GOOD)
        again = client.get(base).json()
        assert again["messages"] == before["messages"]
        assert again["state"] == "in_progress"

    def test_consent_required_and_idempotent(self, api: Api, client: TestClient) -> None:
        base, _ = _start(api)
        r = client.post(f"{base}/consent", json={"consent": False})
        assert r.status_code == 422 and r.json()["error"]["code"] == "consent_required"
        r = client.post(f"{base}/messages", json={"text": "hello"})
        assert r.status_code == 409
        first = client.post(f"{base}/consent", json={"consent": True}).json()
        second = client.post(f"{base}/consent", json={"consent": True}).json()
        assert first["messages"] == second["messages"]

    def test_double_submit_is_stored_once(self, api: Api, client: TestClient) -> None:
        base, _ = _start(api)
        client.post(f"{base}/consent", json={"consent": True})
        a = _say(client, base, GOOD, client_message_id="m-1")
        b = _say(client, base, GOOD, client_message_id="m-1")
        assert a["messages"] == b["messages"]
        c = _say(client, base, GOOD + " Again.")
        d = _say(client, base, GOOD + " Again.")  # no id: same text seconds later
        assert c["messages"] == d["messages"]

    def test_limits_and_escaping(self, api: Api, client: TestClient) -> None:
        base, invite = _start(api)
        client.post(f"{base}/consent", json={"consent": True})
        r = client.post(f"{base}/messages", json={"text": "x" * 5001})
        assert r.status_code == 422 and r.json()["error"]["code"] == "answer_too_long"
        for bad in ({"text": ""}, {"text": "   "}, {"txt": "a"}, {"text": 5}):
            r = client.post(f"{base}/messages", json=bad)
            assert r.status_code == 422, (bad, r.text)
        script = "<script>alert('x')</script> I built <b>things</b> with Go & Rust."
        state = _say(client, base, script)
        assert any(m["text"] == script for m in state["messages"])
        transcript = api.get(f"/api/v1/interviews/{invite['plan_id']}/transcript").json()
        assert script in [m["text"] for m in transcript["steps"][0]["messages"]]

    def test_unknown_expired_cancelled(self, api: Api, client: TestClient, db: Database) -> None:
        r = client.get("/api/v1/interview-sessions/" + "A" * 43)
        assert r.status_code == 404 and r.json()["error"]["code"] == "unknown_link"
        assert client.get("/api/v1/interview-sessions/short").status_code == 404
        base, invite = _start(api)
        api.post(f"/api/v1/interviews/{invite['plan_id']}/cancel")
        r = client.post(f"{base}/consent", json={"consent": True})
        assert r.status_code == 410 and r.json()["error"]["code"] == "interview_cancelled"
        assert client.get(base).json()["state"] == "cancelled"

        base, invite = _start(api)
        with db.write_session() as s:
            s.execute(
                update(InterviewPlan)
                .where(InterviewPlan.id == try_parse("plan", invite["plan_id"]))
                .values(expires_at=utcnow() - timedelta(seconds=1))
            )
            s.commit()
        assert client.get(base).json()["state"] == "expired"
        r = client.post(f"{base}/consent", json={"consent": True})
        assert r.status_code == 410 and r.json()["error"]["code"] == "link_expired"

    def test_finished_interview_refuses_answers(self, api: Api, client: TestClient) -> None:
        done = api.complete_interview()
        base = f"/api/v1/interview-sessions/{done['token']}"
        r = client.post(f"{base}/messages", json={"text": "one more thing"})
        assert r.status_code == 409 and r.json()["error"]["code"] == "interview_finished"


class TestAssessmentOutcomes:
    def test_insufficient_evidence(self, api: Api, client: TestClient) -> None:
        done = api.complete_interview(["no", "idk", "pass", "nothing", "ok", "no"])
        run_tasks(client)
        card = api.get(f"/api/v1/interviews/{done['invite']['plan_id']}/scorecard").json()
        sc = card["assessments"][0]["scorecard"]
        assert sc["insufficient_evidence"] is True
        assert sc["overall_score"] is None and sc["recommendation"] is None

    def test_off_topic_answers_are_insufficient(self, api: Api, client: TestClient) -> None:
        chatter = (
            "My favourite holiday was in Portugal where the beaches are lovely and the "
            "food is great, especially the custard tarts and grilled sardines by the sea."
        )
        done = api.complete_interview(
            [chatter + f" ({i})" for i in range(6)], structure_template=RUBRIC_QUESTIONS
        )
        run_tasks(client)
        card = api.get(f"/api/v1/interviews/{done['invite']['plan_id']}/scorecard").json()
        sc = card["assessments"][0]["scorecard"]
        assert sc["insufficient_evidence"] is True and sc["recommendation"] is None

    def test_reassess_keeps_history(self, api: Api, client: TestClient) -> None:
        done = api.complete_interview()
        run_tasks(client)
        plan = api.get(f"/api/v1/interviews/{done['invite']['plan_id']}").json()
        step_id = plan["steps"][0]["id"]
        url = f"/api/v1/interviews/{plan['id']}/steps/{step_id}/reassess"
        r = api.post(url)
        assert r.status_code == 202 and r.json()["assessment_status"] == "pending"
        assert api.post(url).status_code == 409  # one at a time
        run_tasks(client)
        card = api.get(f"/api/v1/interviews/{plan['id']}/scorecard").json()
        entry = card["assessments"][0]
        assert [h["version"] for h in entry["history"]] == [2, 1]
        assert entry["scorecard"]["version"] == 2

    def test_failure_is_retried_then_marked(
        self, api: Api, client: TestClient, db: Database, monkeypatch: Any
    ) -> None:
        from peoplelens.ai.base import AIError
        from peoplelens.ai.builtin import BuiltinProvider

        def broken(*_a: Any, **_k: Any) -> Any:
            raise AIError("model unavailable")

        done = api.complete_interview()
        monkeypatch.setattr(BuiltinProvider, "assess", broken)
        plan_id = done["invite"]["plan_id"]
        for _ in range(5):
            run_tasks(client)
            with db.write_session() as s:  # make the retry due now instead of after backoff
                s.execute(update(Task).where(Task.status == "queued").values(run_after=utcnow()))
                s.commit()
        card = api.get(f"/api/v1/interviews/{plan_id}/scorecard").json()
        entry = card["assessments"][0]
        assert entry["assessment_status"] == "assessment_failed"
        assert entry["scorecard"] is None
        assert entry["history"][0]["status"] == "assessment_failed"
        monkeypatch.undo()
        r = api.post(f"/api/v1/interviews/{plan_id}/steps/{entry['step_id']}/reassess")
        assert r.status_code == 202
        run_tasks(client)
        card = api.get(f"/api/v1/interviews/{plan_id}/scorecard").json()
        assert card["assessments"][0]["scorecard"]["overall_score"] is not None


class TestHumanScorecards:
    def test_add_and_read(
        self, api: Api, client: TestClient, db: Database, tenant: TenantHandle
    ) -> None:
        cand = api.candidate()
        r = api.post(
            "/api/v1/interviews/invite",
            json={
                "candidate_id": cand["id"],
                "steps": [{"title": "Panel", "type": "human_interview"}],
            },
        )
        plan = r.json()
        url = f"/api/v1/interviews/{plan['plan_id']}/steps/{plan['steps'][0]['id']}/scorecard"
        # interviewer_id names a real user of the account (issue 13), never free text.
        unknown = {"interviewer_id": "usr-7", "overall_score": 82, "recommendation": "hire"}
        r = api.post(url, json=unknown)
        assert r.status_code == 422 and r.json()["error"]["param"] == "interviewer_id", r.text
        interviewer = api.post("/api/v1/users", json={"email": unique_email("ivr")}).json()
        r = api.post(
            url,
            json={
                "interviewer_id": interviewer["id"],
                "overall_score": 82,
                "recommendation": "strong_hire",
                "notes": "Sharp",
                "criteria": [{"name": "Go", "score": 90}],
            },
        )
        assert r.status_code == 201 and r.json()["id"].startswith("hsc-")
        assert r.json()["interviewer_id"] == interviewer["id"]
        card = api.get(f"/api/v1/interviews/{plan['plan_id']}/scorecard").json()
        humans = card["assessments"][0]["human_scorecards"]
        assert humans[0]["overall_score"] == 82 and humans[0]["criteria"][0]["score"] == 90
        with db.read_session() as s:
            kinds = list(s.scalars(select(Event.type).where(Event.tenant_id == tenant.id)))
        assert "interview.human_scored" in kinds
        for bad in (
            {"interviewer_id": "u", "overall_score": 101, "recommendation": "hire"},
            {"interviewer_id": "u", "overall_score": 50, "recommendation": "maybe"},
        ):
            assert api.post(url, json=bad).status_code == 422
        # Left out, interviewer_id is the step's interviewer (the scorecard made them so), who
        # has already scored it.
        again = api.post(url, json={"overall_score": 50, "recommendation": "hire"})
        assert again.status_code == 409 and again.json()["error"]["code"] == "scorecard_exists"
        wrong_step = url.replace(plan["steps"][0]["id"], f"step-{uuid.uuid4()}")
        assert (
            api.post(
                wrong_step,
                json={"interviewer_id": "u", "overall_score": 5, "recommendation": "hire"},
            ).status_code
            == 404
        )


def test_erasure_removes_conversation(api: Api, client: TestClient, db: Database) -> None:
    done = api.complete_interview()
    cand_id = done["candidate"]["id"]
    api.delete(f"/api/v1/candidates/{cand_id}")
    run_tasks(client)  # the queued assessment went with the candidate
    with db.read_session() as s:
        assert (
            s.scalars(select(Task).where(Task.candidate_id == try_parse("can", cand_id))).all()
            == []
        )
    assert client.get(f"/api/v1/interview-sessions/{done['token']}").status_code == 404


def test_two_ai_steps_run_back_to_back(api: Api, client: TestClient) -> None:
    cand = api.candidate()
    first = api.template(ending_message="End of part one.")
    second = api.template(structure_template=[{"text": "Why this team?", "type": "motivational"}])
    invite = api.post(
        "/api/v1/interviews/invite",
        json={
            "candidate_id": cand["id"],
            "steps": [
                {"title": "Part 1", "type": "ai_interview", "template_id": first["id"]},
                {"title": "Part 2", "type": "ai_interview", "template_id": second["id"]},
            ],
        },
    ).json()
    base = f"/api/v1/interview-sessions/{token_of(invite)}"
    state = client.post(f"{base}/consent", json={"consent": True}).json()
    turn = 0
    while state["current_step"]["title"] == "Part 1":
        turn += 1
        state = _say(client, base, f"{GOOD} ({turn})")
    texts = [m["text"] for m in state["messages"]]
    assert "End of part one." in texts and texts[-1] == "Why this team?"
    status = api.get(f"/api/v1/candidates/{cand['id']}/status").json()
    assert status["status"] == "in_progress"
    assert status["latest_interview"]["completed_steps"] == 1
    while state["state"] == "in_progress":
        turn += 1
        state = _say(
            client,
            base,
            f"Because your team runs Go at scale; I read your blog on "
            f"event sourcing and I want to learn it in production. ({turn})",
        )
    assert state["state"] == "completed"
    assert api.get(f"/api/v1/candidates/{cand['id']}/status").json()["status"] == "completed"


def test_step_started_outside_the_conversation_refuses_answers(
    api: Api, client: TestClient, db: Database, tenant: TenantHandle
) -> None:
    from peoplelens.auth.principal import Principal
    from peoplelens.interviews.plans import progress
    from peoplelens.models import InterviewStep

    base, invite = _start(api)
    with db.write_session() as s:
        step = s.get(InterviewStep, try_parse("step", invite["steps"][0]["id"]))
        assert step is not None
        progress.start_step(s, Principal.system(tenant.id), step)
        s.commit()
    client.post(f"{base}/consent", json={"consent": True})
    r = client.post(f"{base}/messages", json={"text": "hello"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "step_not_open"


def test_link_routes_are_rate_limited_per_address(
    api: Api, client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = client.app.state.runtime.settings  # type: ignore[attr-defined]
    monkeypatch.setattr(settings, "link_rate_limit_per_minute", 7)
    answers = [client.get("/api/v1/interview-sessions/" + "Z" * 43) for _ in range(9)]
    assert [r.status_code for r in answers[:7]] == [404] * 7  # unknown tokens count too
    assert answers[7].status_code == 429
    assert answers[7].json()["error"]["type"] == "rate_limit_error"
    assert int(answers[7].headers["retry-after"]) >= 1
    assert answers[0].headers["ratelimit-limit"] == "7"
