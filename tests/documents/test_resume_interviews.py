"""The AI interviewer may use the parsed resume (issue 14, item 6): /templates/generate with
``candidate_id``, ``use_resume`` templates, and the scorecard's context. The parsed profile is
written directly here, so these tests judge the tailoring, not the parser."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from peoplelens.db import Database
from peoplelens.documents.profile import LanguageSkill, ResumeProfile
from peoplelens.documents.schemas import profile_json
from peoplelens.kit.ids import try_parse
from peoplelens.kit.time import utcnow
from peoplelens.models import Document
from tests.factories import Api, run_tasks, token_of

JD = (
    "Platform Engineer: you run our Kubernetes clusters and write Go services; PostgreSQL "
    "experience is a plus."
)
PROFILE = ResumeProfile(
    name="Ada Example",
    skills=["Python", "Kubernetes", "Terraform"],
    experience_summary="Senior Platform Engineer, Acme Logistics (2019 – present)\nRan clusters.",
    languages=[LanguageSkill("English", "native")],
    sections_found=["experience", "skills"],
)


def _parsed(api: Api, db: Database, candidate_id: str, profile: ResumeProfile = PROFILE) -> str:
    r = api.post(
        f"/api/v1/candidates/{candidate_id}/documents",
        files={"file": ("cv.txt", b"Ada Example\nSkills: Python", "text/plain")},
    )
    assert r.status_code == 201, r.text
    run_tasks(api.client)  # the real parse first, then the profile these tests want
    with db.write_session() as s:
        document = s.get(Document, try_parse("doc", r.json()["id"]))
        assert document is not None
        document.parsed = profile_json(profile)
        document.parse_status, document.parser, document.parsed_at = "parsed", "test", utcnow()
        s.commit()
    return str(r.json()["id"])


def _generate(api: Api, **body: Any) -> Any:
    return api.post("/api/v1/templates/generate", json={"job_description": JD, **body})


def test_generate_tailors_to_the_resume(api: Api, db: Database) -> None:
    cand = api.candidate()
    doc_id = _parsed(api, db, cand["id"])
    plain = _generate(api).json()
    r = _generate(api, candidate_id=cand["id"])
    assert r.status_code == 200, r.text
    out = r.json()
    suggested = out["suggestions"]
    assert suggested["use_resume"] is True
    # The template's questions are the job's; the resume's are previewed beside them.
    assert [q["text"] for q in suggested["questions"]] == [
        q["text"] for q in plain["suggestions"]["questions"]
    ]
    tailored = out["tailored_to"]
    assert (tailored["candidate_id"], tailored["document_id"]) == (cand["id"], doc_id)
    from_resume = tailored["questions"]
    assert len(from_resume) == 2
    # The skill the job also asks for, not merely the first one listed.
    assert "Kubernetes" in from_resume[0]["text"] and "Python" not in from_resume[0]["text"]
    assert "Senior Platform Engineer, Acme Logistics" in from_resume[1]["text"]
    assert all(q["behavioral_intent"] and q["expected_answer"] for q in from_resume)
    assert plain["tailored_to"] is None and plain["suggestions"]["use_resume"] is False
    # What was suggested makes a template as it stands.
    r = api.post(
        "/api/v1/templates",
        json={
            "title": suggested["title"],
            "language": suggested["language"],
            "use_resume": suggested["use_resume"],
            "structure_template": suggested["questions"],
        },
    )
    assert r.status_code == 201, r.text


def test_a_preview_kept_in_the_template_is_asked_once(
    api: Api, client: TestClient, db: Database
) -> None:
    """The newcomer's path: generate with candidate_id, keep the preview's questions in the
    template, turn use_resume on — each question is still asked once."""
    cand = api.candidate()
    _parsed(api, db, cand["id"])
    preview = _generate(api, candidate_id=cand["id"]).json()["tailored_to"]["questions"]
    tpl = api.template(
        use_resume=True,
        structure_template=[{"text": "Why this team?", "type": "motivational"}, *preview],
    )
    job = api.job(title="Platform Engineer", description=JD)
    asked, card = _interview(api, client, cand["id"], tpl["id"], job_id=job["id"])
    for question in preview:
        assert asked.count(question["text"]) == 1, asked
    assert card["context"]["resume_question_ids"] == ["q2", "q3"]


def test_generate_in_the_templates_language(api: Api, db: Database) -> None:
    cand = api.candidate()
    _parsed(api, db, cand["id"])
    out = _generate(api, candidate_id=cand["id"], language="de").json()
    resume = out["tailored_to"]["questions"]
    assert resume[0]["text"].startswith("In Ihrem Lebenslauf steht Kubernetes")


def test_generate_without_a_parsed_resume_or_candidate_is_404(api: Api, other_api: Api) -> None:
    cand = api.candidate()
    r = _generate(api, candidate_id=cand["id"])
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "no_parsed_document"
    r = _generate(other_api, candidate_id=cand["id"])
    assert r.status_code == 404
    assert r.json()["error"]["code"] != "no_parsed_document"  # the candidate is not theirs
    r = _generate(api, candidate_id="can-00000000-0000-0000-0000-000000000000")
    assert r.status_code == 404
    assert r.json()["error"]["param"] == "candidate_id"


def _interview(
    api: Api,
    client: TestClient,
    candidate_id: str,
    template_id: str,
    *,
    assess: bool = False,
    **invite_fields: Any,
) -> Any:
    invite = api.invite(candidate_id, template_id, **invite_fields)
    base = f"/api/v1/interview-sessions/{token_of(invite)}"
    state = client.post(f"{base}/consent", json={"consent": True}).json()
    turn = 0
    while state["state"] == "in_progress":
        turn += 1
        answer = f"({turn}) " + (
            "At Acme I moved 40 services to Kubernetes myself: I wrote the Helm charts, set "
            "resource limits after profiling, and cut deploy time from an hour to six minutes."
        )
        state = client.post(f"{base}/messages", json={"text": answer}).json()
    asked = [m["text"] for m in state["messages"] if m["role"] == "interviewer"]
    if assess:
        run_tasks(client)
    card = api.get(f"/api/v1/interviews/{invite['plan_id']}/scorecard").json()
    return asked, card


def test_a_use_resume_template_asks_about_it_and_the_scorecard_shows_it(
    api: Api, client: TestClient, db: Database
) -> None:
    cand = api.candidate()
    doc_id = _parsed(api, db, cand["id"])
    tpl = api.template(use_resume=True)
    assert tpl["use_resume"] is True
    asked, card = _interview(api, client, cand["id"], tpl["id"], assess=True)
    # No job on the plan: the first skill listed; then the latest role.
    assert any(t.startswith("Your resume lists Python.") for t in asked)
    assert any("Senior Platform Engineer, Acme Logistics" in t for t in asked)
    context = card["context"]
    assert context["resume"]["id"] == doc_id
    assert context["resume"]["skills"] == PROFILE.skills
    assert context["resume_question_ids"] == ["resume-1", "resume-2"]
    criteria = card["assessments"][0]["scorecard"]["criteria"]
    assert {c["question_id"] for c in criteria} >= {"resume-1", "resume-2"}


def test_without_use_resume_nothing_changes(api: Api, client: TestClient, db: Database) -> None:
    cand = api.candidate()
    _parsed(api, db, cand["id"])
    tpl = api.template()
    assert tpl["use_resume"] is False
    asked, card = _interview(api, client, cand["id"], tpl["id"])
    assert not any("Acme" in text for text in asked)
    assert card["context"] == {"resume": None, "resume_question_ids": []}


def test_use_resume_without_a_resume_asks_the_template_only(api: Api, client: TestClient) -> None:
    cand = api.candidate()
    tpl = api.template(use_resume=True)
    asked, card = _interview(api, client, cand["id"], tpl["id"])
    assert len([t for t in asked if "resume" in t.lower()]) == 0
    assert card["context"]["resume"] is None


def test_use_resume_is_strictly_boolean(api: Api) -> None:
    r = api.post("/api/v1/templates", json={"title": "T", "use_resume": "yes"})
    assert r.status_code == 422
    assert r.json()["error"]["param"] == "use_resume"
    tpl = api.template()
    r = api.put(f"/api/v1/templates/{tpl['id']}", json={"use_resume": True})
    assert r.status_code == 200 and r.json()["use_resume"] is True
