"""The pipeline board and the candidate list, as HTML: counts by stage, the move form, search."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.factories import Api, TenantHandle, run_tasks
from tests.web.workspace.conftest import Visitor, text_of


def test_the_board_counts_each_stage_and_moves_a_candidate(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
) -> None:
    job = api.post("/api/v1/jobs", json={"title": "Go Developer"}).json()
    made = [
        api.candidate(first_name=f"Person{i}", job_id=job["id"], stage=stage)
        for i, stage in enumerate(["applied", "applied", "screening", "offer"])
    ]
    invite = api.invite(made[2]["id"], api.template()["id"])
    recruiter = Visitor(client, tenant.new_person("recruiter", app.state.runtime.secret_key))
    r = recruiter.get(f"/pipeline?job={job['id']}")
    assert r.status_code == 200, r.text
    text = text_of(r.text)
    assert "Go Developer" in text and "4 candidates" in text
    # The invited one's card links to their interview and says where it stands.
    assert f'href="/interviews/{invite["plan_id"]}"' in r.text
    assert "Interview invited" in text and text.count("Interview ") == 1
    assert "applied 2" in text and "screening 1" in text and "offer 1" in text
    assert r.headers["content-security-policy"].startswith("default-src 'none'")

    r = recruiter.post(
        f"/candidates/{made[0]['id']}/stage",
        {"stage": "interview", "back": f"/pipeline?job={job['id']}"},
    )
    assert r.status_code == 303, r.text
    assert r.headers["location"] == f"/pipeline?job={job['id']}"
    assert api.get(f"/api/v1/candidates/{made[0]['id']}").json()["stage"] == "interview"
    events = api.get("/api/v1/audit-logs", params={"limit": 5}).json()["data"]
    assert any(e["action"] == "CANDIDATE_UPDATED" for e in events)
    # The next page says what happened (once).
    flash = r.cookies.get("pl_flash") or r.headers["set-cookie"].split("pl_flash=")[1].split(";")[0]
    page = client.get(
        f"/pipeline?job={job['id']}",
        headers={"Cookie": f"pl_session={recruiter.person.cookie}; pl_flash={flash}"},
    )
    assert "Moved Person0 " in text_of(page.text)


def test_a_move_to_an_unknown_stage_is_refused_with_a_sentence(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
) -> None:
    cand = api.candidate()
    recruiter = Visitor(client, tenant.new_person("recruiter", app.state.runtime.secret_key))
    r = recruiter.post(f"/candidates/{cand['id']}/stage", {"stage": "nowhere"})
    assert r.status_code == 303
    assert api.get(f"/api/v1/candidates/{cand['id']}").json()["stage"] == "applied"


def test_without_csrf_or_session_nothing_moves(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle, other_tenant: TenantHandle
) -> None:
    cand = api.candidate()
    secret = app.state.runtime.secret_key
    recruiter = Visitor(client, tenant.new_person("recruiter", secret))
    r = recruiter.post(f"/candidates/{cand['id']}/stage", {"stage": "offer"}, csrf=False)
    assert r.status_code == 403
    r = client.post(f"/candidates/{cand['id']}/stage", data={"stage": "offer"})
    assert r.status_code == 401
    stranger = Visitor(client, other_tenant.new_person("admin", secret))
    r = stranger.post(f"/candidates/{cand['id']}/stage", {"stage": "offer"})
    assert r.status_code == 404
    interviewer = Visitor(client, tenant.new_person("interviewer", secret))
    r = interviewer.post(f"/candidates/{cand['id']}/stage", {"stage": "offer"})
    assert r.status_code == 403
    assert api.get(f"/api/v1/candidates/{cand['id']}").json()["stage"] == "applied"
    # Signed out, a page sends you to sign in and back.
    r = client.get("/pipeline", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=%2Fpipeline"


def test_search_finds_by_name_and_email(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
) -> None:
    api.candidate(first_name="Zelda", last_name="Quokka")
    api.candidate(first_name="Other", email="findme-xyz@example.com")
    recruiter = Visitor(client, tenant.new_person("recruiter", app.state.runtime.secret_key))
    text = text_of(recruiter.get("/candidates?q=quokka").text)
    assert "Zelda Quokka" in text and "Other" not in text
    text = text_of(recruiter.get("/candidates?q=findme-xyz").text)
    assert "findme-xyz@example.com" in text and "Zelda" not in text
    assert "No candidate matches" in text_of(recruiter.get("/candidates?q=nobody-at-all").text)


def test_a_card_shows_the_latest_ai_assessment(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
) -> None:
    done = api.complete_interview()
    run_tasks(client)
    plan_id = done["invite"]["plan_id"]
    card = api.get(f"/api/v1/interviews/{plan_id}/scorecard").json()["assessments"][0]
    score, recommendation = card["scorecard"]["overall_score"], card["scorecard"]["recommendation"]
    job = api.post("/api/v1/jobs", json={"title": "Scored"}).json()
    cand_id = api.get(f"/api/v1/interviews/{plan_id}").json()["candidate_id"]
    api.patch(f"/api/v1/candidates/{cand_id}", json={"job_id": job["id"]})
    recruiter = Visitor(client, tenant.new_person("recruiter", app.state.runtime.secret_key))
    text = text_of(recruiter.get(f"/pipeline?job={job['id']}").text)
    shown = f"Interview completed AI {score} {recommendation.replace('_', ' ')}"
    assert shown in text, text
