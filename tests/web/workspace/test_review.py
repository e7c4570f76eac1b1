"""The interview review page: the transcript beside the scorecard, each quote linked to its
words (marked in the transcript), re-assess, and the interviewer's human scorecard form."""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx2 as httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient

from peoplelens.interviews.scorecards.schemas import AssessmentOut, TranscriptOut
from peoplelens.web.reviews import _ai_step, find_quote, marked
from tests.factories import Api, TenantHandle, run_tasks
from tests.web.workspace.conftest import Visitor, text_of


def _finished(api: Api, client: TestClient, **kwargs: Any) -> dict[str, Any]:
    done = api.complete_interview(**kwargs)
    run_tasks(client)
    plan = api.get(f"/api/v1/interviews/{done['invite']['plan_id']}").json()
    return {"plan_id": plan["id"], "step_id": plan["steps"][0]["id"], **done}


def _flash_of(visitor: Visitor, r: httpx.Response) -> str:
    """The page a post redirected to, with the message it left."""
    assert r.status_code == 303, r.text
    flash = r.headers["set-cookie"].split("pl_flash=")[1].split(";")[0]
    page = visitor.client.get(
        r.headers["location"],
        headers={"Cookie": f"pl_session={visitor.person.cookie}; pl_flash={flash}"},
    )
    return text_of(page.text)


def _human_plan(api: Api, interviewer_id: str | None, title: str = "Panel") -> dict[str, Any]:
    cand = api.candidate(first_name="Hana")
    step: dict[str, Any] = {"title": title, "type": "human_interview"}
    if interviewer_id:
        step["interviewer_id"] = interviewer_id
    r = api.post("/api/v1/interviews/invite", json={"candidate_id": cand["id"], "steps": [step]})
    assert r.status_code == 201, r.text
    return {"plan_id": r.json()["plan_id"], "step_id": r.json()["steps"][0]["id"], "cand": cand}


class TestQuotes:
    def test_exact_then_case_and_space_insensitive_then_shortened(self) -> None:
        text = "I  built a Go\nservice that handled load."
        assert find_quote(text, "a Go") == (9, 13)
        start, end = find_quote(text, "i built A GO service") or (0, 0)
        assert text[start:end] == "I  built a Go\nservice"
        start, end = find_quote(text, "handled LOAD and more...") or (0, 0)
        assert (start, end) == (0, 0)  # what the ellipsis leaves is still not there
        start, end = find_quote(text, "service that handled...") or (0, 0)
        assert text[start:end] == "service that handled"
        assert find_quote(text, "Rust") is None
        assert find_quote(text, "   ") is None

    def test_marks_escape_every_segment(self) -> None:
        text = "<b>bold</b> & <script>x</script>"
        html = str(marked(text, [(3, 7, "ev-1-1-1"), (14, 22, "ev-1-1-2")]))
        assert "<script>" not in html and "<b>" not in html
        assert html.startswith('&lt;b&gt;<mark id="ev-1-1-1">bold</mark>')
        assert '<mark id="ev-1-1-2">&lt;script&gt;</mark>' in html

    def test_a_quote_missing_from_its_message_is_shown_unlinked(self) -> None:
        msg_id = uuid.uuid4()
        when = "2030-01-01T10:00:00Z"
        talk = TranscriptOut.model_validate(
            {
                "plan_id": uuid.uuid4(),
                "steps": [
                    {
                        "step_id": (step_id := uuid.uuid4()),
                        "title": "AI",
                        "messages": [
                            {
                                "id": msg_id,
                                "role": "candidate",
                                "kind": "answer",
                                "question_id": "q1",
                                "text": "I wrote Go & <Rust>.",
                                "created_at": when,
                            }
                        ],
                    }
                ],
            }
        )
        evidence = [
            {"message_id": f"msg-{msg_id}", "quote": "go & <rust>"},
            {"message_id": f"msg-{msg_id}", "quote": "never said"},
        ]
        assessment = AssessmentOut.model_validate(
            {
                "step_id": step_id,
                "title": "AI",
                "order": 1,
                "type": "ai_interview",
                "status": "completed",
                "assessment_status": "completed",
                "scorecard": {
                    "overall_score": 50,
                    "recommendation": "no_hire",
                    "executive_summary": None,
                    "strengths": [],
                    "weaknesses": [],
                    "criteria": [{"name": "Go", "score": 50, "evidence": evidence}],
                    "detailed_analysis": {},
                    "assessed_at": when,
                    "confidence": None,
                    "insufficient_evidence": False,
                    "model": None,
                    "rubric_version": None,
                    "version": 1,
                },
            }
        )
        lines, criteria = _ai_step(assessment, talk)
        assert [q.anchor for q in criteria[0].quotes] == ["ev-1-1-1", None]
        assert str(lines[0].html) == 'I wrote <mark id="ev-1-1-1">Go &amp; &lt;Rust&gt;</mark>.'
        assert lines[0].id == f"msg-{msg_id}"


class TestReviewPage:
    def test_transcript_beside_scorecard_with_each_quote_marked(
        self, app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
    ) -> None:
        done = _finished(api, client)
        recruiter = Visitor(client, tenant.new_person("recruiter", app.state.runtime.secret_key))
        r = recruiter.get(f"/interviews/{done['plan_id']}")
        assert r.status_code == 200, r.text
        html, text = r.text, text_of(r.text)
        cand = done["candidate"]
        assert f"{cand['first_name']} {cand['last_name']}" in text
        assert f'href="/candidates/{cand["id"]}"' in html
        assert 'class="split"' in html and "Transcript" in text and "Scorecard" in text

        # Every message, in order, as an element with its id.
        talk = api.get(f"/api/v1/interviews/{done['plan_id']}/transcript").json()
        messages = talk["steps"][0]["messages"]
        positions = [html.index(f'id="{m["id"]}"') for m in messages]
        assert positions == sorted(positions) and len(messages) >= 4
        # The scorecard as the API gives it, each criterion with its score.
        card = api.get(f"/api/v1/interviews/{done['plan_id']}/scorecard").json()
        sc = card["assessments"][0]["scorecard"]
        assert f"{sc['overall_score']}/100" in text
        for criterion in sc["criteria"]:
            assert criterion["name"] in text
        # Each quote links to a <mark> in the transcript that holds its words.
        links = set(re.findall(r'href="#(ev-[0-9-]+)"', html))
        marks = dict(re.findall(r'<mark id="(ev-[0-9-]+)">(.*?)</mark>', html, re.S))
        assert links and links <= set(marks)
        quotes = [e["quote"] for c in sc["criteria"] for e in c["evidence"]]
        assert quotes
        assert any(q.strip().rstrip(".") in " ".join(marks.values()) for q in quotes)
        assert "quote not found in transcript" not in text

    def test_html_in_answers_is_shown_as_text(
        self, app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
    ) -> None:
        evil = (
            "<script>alert(1)</script> <img src=x onerror=alert(2)> I built a Go service "
            "that handled 5,000 requests per second and profiled it with pprof."
        )
        done = _finished(api, client, answers=[evil])
        recruiter = Visitor(client, tenant.new_person("recruiter", app.state.runtime.secret_key))
        r = recruiter.get(f"/interviews/{done['plan_id']}")
        assert r.status_code == 200
        assert "<script>alert" not in r.text and "<img src=x" not in r.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
        assert "<script>alert(1)</script>" in text_of(r.text)

    def test_a_recruiter_hires_from_the_review_page(
        self, app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
    ) -> None:
        done = _finished(api, client)
        recruiter = Visitor(client, tenant.new_person("recruiter", app.state.runtime.secret_key))
        path = f"/interviews/{done['plan_id']}"
        assert 'action="' + path + '/decision"' in recruiter.get(path).text
        r = recruiter.post(f"{path}/decision", {"status": "hire", "notes": "Strong <evidence>."})
        assert r.headers["location"] == path + "#decision"
        assert "Recorded the decision: hire." in _flash_of(recruiter, r)
        plan = api.get(f"/api/v1/interviews/{done['plan_id']}").json()
        assert plan["decision"] == "hire" and plan["decision_notes"] == "Strong <evidence>."
        cand = api.get(f"/api/v1/candidates/{plan['candidate_id']}").json()
        assert cand["status"] == "hired" and cand["stage"] == "hired"
        page = recruiter.get(path).text
        assert "Strong &lt;evidence&gt;." in page and "Decided:" in text_of(page)
        r = recruiter.post(f"{path}/decision", {"status": "promote"})
        assert "Decision must be one of" in _flash_of(recruiter, r)
        assert api.get(f"/api/v1/interviews/{done['plan_id']}").json()["decision"] == "hire"

    def test_a_recruiter_reassesses_from_the_page(
        self, app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
    ) -> None:
        done = _finished(api, client)
        recruiter = Visitor(client, tenant.new_person("recruiter", app.state.runtime.secret_key))
        path = f"/interviews/{done['plan_id']}"
        assert 'aria-label="Re-assess AI interview"' in recruiter.get(path).text
        r = recruiter.post(f"{path}/reassess", {"step_id": done["step_id"]})
        assert r.headers["location"] == path
        assert "A new assessment is being computed" in _flash_of(recruiter, r)
        card = api.get(f"/api/v1/interviews/{done['plan_id']}/scorecard").json()
        assert card["assessments"][0]["assessment_status"] == "pending"
        page = text_of(recruiter.get(path).text)
        assert "The scorecard is still being computed" in page
        assert "Re-assess" not in page  # one at a time
        # A second one while the first is queued: the service's refusal, as a message.
        again = recruiter.post(f"{path}/reassess", {"step_id": done["step_id"]})
        assert "already queued" in _flash_of(recruiter, again)
        run_tasks(client)
        card = api.get(f"/api/v1/interviews/{done['plan_id']}/scorecard").json()
        assert card["assessments"][0]["assessment_status"] == "completed"
        assert len(card["assessments"][0]["history"]) == 2
        assert "Earlier versions (1)" in text_of(recruiter.get(path).text)
        # An interviewer may not re-assess.
        secret = app.state.runtime.secret_key
        interviewer = Visitor(client, tenant.new_person("interviewer", secret))
        assert interviewer.post(f"{path}/reassess", {"step_id": done["step_id"]}).status_code == 403

    def test_an_assigned_interviewer_sees_their_plan_and_not_another(
        self, app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
    ) -> None:
        secret = app.state.runtime.secret_key
        interviewer = Visitor(client, tenant.new_person("interviewer", secret))
        mine = _human_plan(api, interviewer.person.id)
        other = _finished(api, client)
        r = interviewer.get(f"/interviews/{mine['plan_id']}")
        assert r.status_code == 200, r.text
        text = text_of(r.text)
        assert "Hana" in text and "Your scorecard" in text
        assert f'href="/candidates/{mine["cand"]["id"]}"' not in r.text  # not their page
        assert "Re-assess" not in text
        r = interviewer.get(f"/interviews/{other['plan_id']}")
        assert r.status_code == 404
        assert "Not found" in text_of(r.text)
        assert interviewer.get("/interviews/plan-nonsense").status_code == 404

    def test_the_interviewer_sends_their_scorecard_and_the_step_completes(
        self, app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
    ) -> None:
        secret = app.state.runtime.secret_key
        interviewer = Visitor(client, tenant.new_person("interviewer", secret))
        plan = _human_plan(api, interviewer.person.id)
        path = f"/interviews/{plan['plan_id']}"
        action = f"{path}/steps/{plan['step_id']}/scorecard"
        long_notes = "Strong on systems design. " * 40

        # A bad score: the form again, with what was typed and the field's sentence.
        r = interviewer.post(
            action, {"overall_score": "150", "recommendation": "hire", "notes": long_notes}
        )
        assert r.status_code == 422, r.text
        assert "Overall score must be at most 100." in text_of(r.text)
        assert long_notes.strip() in r.text
        assert (
            api.get(f"/api/v1/interviews/{plan['plan_id']}").json()["steps"][0]["status"]
            == "pending"
        )

        r = interviewer.post(
            action, {"overall_score": "60", "recommendation": "hire", "criterion_name_1": "Go"}
        )
        assert r.status_code == 422 and "Criteria (each a name and a score" in text_of(r.text)
        assert 'value="Go"' in r.text

        form = {
            "overall_score": "72",
            "recommendation": "hire",
            "criterion_name_1": "System design",
            "criterion_score_1": "80",
            "criterion_name_2": "",
            "criterion_score_2": "",
            "notes": "Clear <b>thinker</b>.",
        }
        r = interviewer.post(action, form)
        assert r.headers["location"] == path
        assert "Your scorecard was saved." in _flash_of(interviewer, r)
        card = api.get(f"/api/v1/interviews/{plan['plan_id']}/scorecard").json()
        human = card["assessments"][0]["human_scorecards"]
        assert len(human) == 1 and human[0]["overall_score"] == 72
        assert human[0]["interviewer_id"] == interviewer.person.id
        assert human[0]["criteria"][0]["name"] == "System design"
        assert human[0]["notes"] == "Clear <b>thinker</b>."
        got = api.get(f"/api/v1/interviews/{plan['plan_id']}").json()
        assert got["steps"][0]["status"] == "completed" and got["status"] == "completed"

        page = interviewer.get(path)
        assert "Clear &lt;b&gt;thinker&lt;/b&gt;." in page.text
        assert "Your scorecard" not in text_of(page.text)  # sent: the form is gone
        # Sent again (a stale tab): the service's refusal, as a message.
        again = interviewer.post(action, form)
        assert "already submitted" in _flash_of(interviewer, again)
        assert (
            len(
                api.get(f"/api/v1/interviews/{plan['plan_id']}/scorecard").json()["assessments"][0][
                    "human_scorecards"
                ]
            )
            == 1
        )

    def test_only_the_steps_interviewer_gets_the_form(
        self, app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
    ) -> None:
        secret = app.state.runtime.secret_key
        interviewer = Visitor(client, tenant.new_person("interviewer", secret))
        plan = _human_plan(api, interviewer.person.id)
        recruiter = Visitor(client, tenant.new_person("recruiter", secret))
        r = recruiter.get(f"/interviews/{plan['plan_id']}")
        assert r.status_code == 200
        assert "Your scorecard" not in text_of(r.text)
        # Posted anyway: the service says who may.
        r = recruiter.post(
            f"/interviews/{plan['plan_id']}/steps/{plan['step_id']}/scorecard",
            {"overall_score": "50", "recommendation": "no_hire"},
        )
        assert "this step's interviewer" in _flash_of(recruiter, r)
        card = api.get(f"/api/v1/interviews/{plan['plan_id']}/scorecard").json()
        assert card["assessments"][0]["human_scorecards"] == []
