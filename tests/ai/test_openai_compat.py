"""The OpenAI-compatible provider against a real HTTP server on 127.0.0.1 that speaks the
chat-completions protocol with canned answers (no test calls the internet)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from peoplelens.ai.avatars import avatar
from peoplelens.ai.base import AIError, Answer, QuestionSpec
from peoplelens.ai.builtin import BuiltinProvider
from peoplelens.ai.encoders import LexicalEncoder
from peoplelens.ai.openai_compat import OpenAICompatProvider
from peoplelens.kit.time import utcnow
from peoplelens.models import Task
from peoplelens.worker.registry import TaskContext
from peoplelens.worker.runner import run_pending
from tests.factories import Api


class FakeLLM:
    """Answers each POST /v1/chat/completions with the next canned reply."""

    def __init__(self) -> None:
        self.replies: list[tuple[int, str]] = []
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                fake.requests.append(json.loads(body))
                fake.headers.append(dict(self.headers))
                status, content = fake.replies.pop(0) if fake.replies else (500, "empty")
                if status == 200:
                    payload = json.dumps(
                        {
                            "id": "c1",
                            "object": "chat.completion",
                            "choices": [
                                {
                                    "index": 0,
                                    "finish_reason": "stop",
                                    "message": {"role": "assistant", "content": content},
                                }
                            ],
                        }
                    )
                else:
                    payload = json.dumps({"error": {"message": content}})
                data = payload.encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def llm() -> Iterator[FakeLLM]:
    fake = FakeLLM()
    yield fake
    fake.close()


def provider(llm: FakeLLM, attempts: int = 3) -> OpenAICompatProvider:
    return OpenAICompatProvider(
        base_url=llm.url,
        model="test-model",
        api_key="sk-test",
        timeout=5,
        max_attempts=attempts,
        fallback=BuiltinProvider(LexicalEncoder()),
    )


Q = [
    QuestionSpec(
        "q1",
        "Tell me about a Go service.",
        "technical",
        None,
        "Goroutines, context cancellation, profiling.",
    )
]
A = {"q1": [Answer("msg-1", "I built a Go ledger service. I profiled it with pprof.")]}


def good_assessment(quote: str = "I profiled it with pprof.") -> str:
    return json.dumps(
        {
            "overall_score": 72,
            "recommendation": "hire",
            "executive_summary": "Solid.",
            "strengths": ["Profiling"],
            "weaknesses": [],
            "insufficient_evidence": False,
            "confidence": 0.7,
            "criteria": [
                {
                    "question_id": "q1",
                    "name": "Go",
                    "score": 72,
                    "rationale": "Concrete.",
                    "evidence": [{"message_id": "msg-1", "quote": quote}],
                }
            ],
        }
    )


def test_valid_answer(llm: FakeLLM) -> None:
    llm.replies = [(200, good_assessment())]
    result = provider(llm).assess("Backend", Q, A)
    assert result.overall_score == 72 and result.recommendation == "hire"
    assert result.criteria[0].evidence[0].quote == "I profiled it with pprof."
    assert result.model == "openai-compatible/test-model"
    sent = llm.requests[0]
    assert sent["model"] == "test-model" and sent["temperature"] == 0
    assert sent["response_format"]["type"] == "json_schema"
    assert llm.headers[0]["Authorization"] == "Bearer sk-test"
    assert "msg-1" in sent["messages"][1]["content"]


def test_malformed_then_valid_is_retried(llm: FakeLLM) -> None:
    llm.replies = [(200, "not json at all"), (500, "overloaded"), (200, good_assessment())]
    assert provider(llm).assess(None, Q, A).overall_score == 72
    assert len(llm.requests) == 3


def test_always_malformed_raises_after_bounded_attempts(llm: FakeLLM) -> None:
    llm.replies = [(200, '{"overall_score": "high"}')] * 10
    with pytest.raises(AIError):
        provider(llm, attempts=2).assess(None, Q, A)
    assert len(llm.requests) == 2


def test_invented_evidence_is_rejected(llm: FakeLLM) -> None:
    llm.replies = [(200, good_assessment("I rewrote Kubernetes in a weekend."))] * 9
    with pytest.raises(AIError, match="validation"):
        provider(llm, attempts=3).assess(None, Q, A)


def test_score_must_match_the_published_scale(llm: FakeLLM) -> None:
    wrong = json.loads(good_assessment())
    wrong["recommendation"] = "strong_hire"  # 72 is "hire"
    llm.replies = [(200, json.dumps(wrong))] * 9
    with pytest.raises(AIError):
        provider(llm, attempts=3).assess(None, Q, A)


def test_follow_up_falls_back_when_the_llm_fails(llm: FakeLLM) -> None:
    llm.replies = [(200, json.dumps({"follow_up": "What did pprof show?"}))]
    p = provider(llm, attempts=1)
    assert p.next_turn(Q[0], A["q1"], 0, avatar(None)).follow_up == "What did pprof show?"
    llm.replies = [(500, "down")]
    decision = p.next_turn(Q[0], [Answer("m", "Yes.")], 0, avatar(None))
    assert decision.follow_up  # the built-in decision, so the candidate is never stuck


def test_generate_template(llm: FakeLLM) -> None:
    llm.replies = [
        (
            200,
            json.dumps(
                {
                    "title": "Go Engineer",
                    "language": "en",
                    "questions": [
                        {
                            "text": "How do you cancel work in Go?",
                            "type": "technical",
                            "behavioral_intent": "Go depth",
                            "expected_answer": "context.Context",
                        }
                    ],
                }
            ),
        )
    ]
    s = provider(llm).generate_template("Go engineer on Kubernetes.")
    assert s.title == "Go Engineer" and s.questions[0].expected_answer == "context.Context"


def test_worker_marks_assessment_failed(llm: FakeLLM, api: Api, client: TestClient) -> None:
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    run_pending(runtime.db, runtime.task_context())  # other tests' leftovers: not ours to fail
    done = api.complete_interview()
    ctx = TaskContext(settings=runtime.settings, provider=provider(llm, attempts=2))
    llm.replies = [(200, "{broken")] * 100
    for _ in range(runtime.settings.task_max_attempts):
        run_pending(runtime.db, ctx)
        with runtime.db.write_session() as s:
            s.execute(update(Task).where(Task.status == "queued").values(run_after=utcnow()))
            s.commit()
    card = api.get(f"/api/v1/interviews/{done['invite']['plan_id']}/scorecard").json()
    entry = card["assessments"][0]
    assert entry["assessment_status"] == "assessment_failed" and entry["scorecard"] is None
    assert len(llm.requests) == 2 * runtime.settings.task_max_attempts


WEAK = {
    "q1": [
        Answer(
            "msg-1",
            "Go is fine, I have used it a bit. Our senior developer usually did the hard parts, "
            "so I mostly watched how the goroutines worked.",
        )
    ]
}


def insufficient_assessment() -> str:
    return json.dumps(
        {
            "overall_score": None,
            "recommendation": None,
            "executive_summary": "Could not tell.",
            "strengths": [],
            "weaknesses": [],
            "insufficient_evidence": True,
            "confidence": 0.2,
            "criteria": [
                {
                    "question_id": "q1",
                    "name": "Go service experience",
                    "score": None,
                    "rationale": "Vague.",
                    "evidence": [],
                }
            ],
        }
    )


def test_weak_but_relevant_judged_insufficient_is_rejected_and_retried(llm: FakeLLM) -> None:
    """Spec §10: a weak on-topic answer is evidence. The model's "insufficient" is refused,
    the retry carries the reason, and the corrected low score is taken."""
    low = json.loads(good_assessment("so I mostly watched how the goroutines worked"))
    low |= {"overall_score": 25, "recommendation": "strong_no_hire", "confidence": 0.6}
    low["criteria"][0] |= {"score": 25, "name": "Go service experience"}
    llm.replies = [(200, insufficient_assessment()), (200, json.dumps(low))]
    result = provider(llm).assess("Backend", Q, WEAK)
    assert result.overall_score == 25 and result.recommendation == "strong_no_hire"
    assert not result.insufficient_evidence
    assert len(llm.requests) == 2
    retry = llm.requests[1]["messages"][1]["content"]
    assert "rejected" in retry and "weak answer is evidence" in retry
    # The prompt states the judgement rules (spec §10).
    system = llm.requests[0]["messages"][0]["content"]
    assert "not which words it uses" in system and "never insufficient" in system


def test_weak_but_relevant_judged_insufficient_every_time_fails(llm: FakeLLM) -> None:
    llm.replies = [(200, insufficient_assessment())] * 3
    with pytest.raises(AIError, match="weak answer is evidence"):
        provider(llm).assess("Backend", Q, WEAK)


def test_an_unanswered_interview_may_be_insufficient(llm: FakeLLM) -> None:
    llm.replies = [(200, insufficient_assessment())]
    result = provider(llm).assess("Backend", Q, {"q1": [Answer("msg-1", "I don't know.")]})
    assert result.insufficient_evidence and result.overall_score is None


RESUME = (
    "Jana Novak\njana.novak@example.com | +420 601 234 567 | linkedin.com/in/jananovak\n"
    "Summary\nLogistics coordinator for cold-chain freight.\nSkills\nSAP, Excel\n"
    "Languages\nCzech (native), German (B2)"
)


def test_parse_resume_by_the_model(llm: FakeLLM) -> None:
    llm.replies = [
        (
            200,
            json.dumps(
                {
                    "name": "Jana Novak",
                    "email": "jana.novak@example.com",
                    "phone": "+420 601 234 567",
                    "linkedin_url": "http://linkedin.com/in/jananovak/",
                    "professional_summary": "Coordinates cold-chain freight.",
                    "skills": ["sap", "MS Excel", "Route planning"],
                    "experience_summary": None,
                    "languages": [
                        {"name": "Tschechisch", "level": "Muttersprache"},
                        {"name": "German", "level": "B2"},
                        {"name": "Python", "level": None},
                        {"name": "English (fluent)", "level": None},
                    ],
                }
            ),
        )
    ]
    profile = provider(llm).parse_resume(RESUME)
    assert profile.professional_summary == "Coordinates cold-chain freight."
    assert profile.skills == ["SAP", "Excel", "Route planning"]
    assert profile.linkedin_url == "https://www.linkedin.com/in/jananovak"
    assert [(lang.name, lang.level) for lang in profile.languages] == [
        ("Czech", "native"),
        ("German", "B2"),
        ("English", "C1"),
    ]
    assert profile.sections_found == ["summary", "skills", "languages"]
    assert "JSON only" in llm.requests[0]["messages"][0]["content"]


def test_parse_resume_fills_what_the_model_leaves_out(llm: FakeLLM) -> None:
    llm.replies = [(200, json.dumps({"professional_summary": "Freight coordinator."}))]
    profile = provider(llm).parse_resume(RESUME)
    builtin = BuiltinProvider(LexicalEncoder()).parse_resume(RESUME)
    assert profile.professional_summary == "Freight coordinator."
    assert (profile.name, profile.email, profile.skills, profile.languages) == (
        builtin.name,
        builtin.email,
        builtin.skills,
        builtin.languages,
    )


def test_parse_resume_keeps_no_contact_the_resume_does_not_show(llm: FakeLLM) -> None:
    invented = {"name": "Jane Smith", "email": "jane@smith.example", "phone": "+1 555 0100"}
    llm.replies = [(200, json.dumps(invented))]
    profile = provider(llm).parse_resume(RESUME)
    assert (profile.name, profile.email, profile.phone) == (
        "Jana Novak",
        "jana.novak@example.com",
        "+420 601 234 567",
    )


def test_parse_resume_falls_back_when_the_model_fails(llm: FakeLLM) -> None:
    llm.replies = [(500, "down"), (200, "{broken"), (200, json.dumps({"skills": "not a list"}))]
    profile = provider(llm).parse_resume(RESUME)
    assert profile == BuiltinProvider(LexicalEncoder()).parse_resume(RESUME)
    assert len(llm.requests) == 3
