"""The interview templates' pages: the editor (create, change, remove, add and reorder
questions), generating from a job description, the candidate's preview, delete."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.factories import Api, TenantHandle
from tests.web.workspace.conftest import Visitor, text_of


def _recruiter(app: FastAPI, client: TestClient, tenant: TenantHandle) -> Visitor:
    return Visitor(client, tenant.new_person("recruiter", app.state.runtime.secret_key))


def _row(i: int, text: str, kind: str = "general", **more: str) -> dict[str, str]:
    fields = {"text": text, "type": kind, "max_follow_ups": "1", "order": str(i + 1), **more}
    return {f"q{i}.{k}": v for k, v in fields.items()}


def _questions(api: Api, template_id: str) -> list[dict[str, Any]]:
    body = api.get(f"/api/v1/templates/{template_id}").json()
    questions: list[dict[str, Any]] = body["structure_template"]
    return questions


def test_create_with_two_questions_then_edit_remove_add_and_reorder(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
) -> None:
    recruiter = _recruiter(app, client, tenant)
    r = recruiter.get("/templates")
    assert "No interview templates yet" in text_of(r.text)
    assert 'href="/templates/generate"' in r.text
    new = recruiter.get("/templates/new")
    assert new.status_code == 200 and "Question text" in new.text

    r = recruiter.post(
        "/templates",
        {
            "title": "Backend screen",
            "initial_message": "Hi, I am your interviewer.",
            "ending_message": "Thanks for your time.",
            "language": "en",
            **_row(
                0, "Tell me about a Go service you built.", "technical", behavioral_intent="Depth"
            ),
            **_row(1, "Describe a conflict you resolved.", "behavioral", max_follow_ups="2"),
            **_row(2, ""),  # the blank row adds nothing
        },
    )
    assert r.status_code == 303, r.text
    tid = r.headers["location"].removeprefix("/templates/")
    questions = _questions(api, tid)
    assert [(q["text"], q["type"], q["max_follow_ups"]) for q in questions] == [
        ("Tell me about a Go service you built.", "technical", 1),
        ("Describe a conflict you resolved.", "behavioral", 2),
    ]
    assert questions[0]["behavioral_intent"] == "Depth"
    listed = text_of(recruiter.get("/templates").text)
    assert "Backend screen en 2" in listed

    # The editor shows them; change the first, remove the second, add a third as first.
    page = recruiter.get(f"/templates/{tid}")
    assert "Tell me about a Go service you built." in page.text
    assert "Remove question 2" in text_of(page.text)
    ids = [q["id"] for q in questions]
    r = recruiter.post(
        f"/templates/{tid}",
        {
            "title": "Backend screen v2",
            "ending_message": "Thanks for your time.",
            "language": "en",
            **_row(0, "Tell me about a Go API you designed.", "technical", id=ids[0]),
            **_row(1, "Describe a conflict you resolved.", "behavioral", id=ids[1], remove="1"),
            **_row(2, "Why do you want this role?", "motivational", order="1"),
        },
    )
    assert r.status_code == 303, r.text
    questions = _questions(api, tid)
    assert [(q["text"], q["type"]) for q in questions] == [
        ("Why do you want this role?", "motivational"),
        ("Tell me about a Go API you designed.", "technical"),
    ]
    assert questions[1]["id"] == ids[0]  # an edited question keeps its id
    body = api.get(f"/api/v1/templates/{tid}").json()
    assert body["title"] == "Backend screen v2" and body["initial_message"] is None


def test_add_another_question_shows_one_more_row_and_saves_nothing(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
) -> None:
    recruiter = _recruiter(app, client, tenant)
    r = recruiter.post(
        "/templates",
        {"title": "Draft", "action": "add", **_row(0, "First question?"), **_row(1, "")},
    )
    assert r.status_code == 200
    assert "Not saved yet" in text_of(r.text)
    assert "First question?" in r.text
    assert 'name="q2.text"' in r.text and 'name="q3.text"' not in r.text  # 1 typed + 2 blank
    assert api.get("/api/v1/templates").json()["pagination"]["total"] == 0


def test_an_invalid_editor_keeps_everything_typed(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
) -> None:
    recruiter = _recruiter(app, client, tenant)
    r = recruiter.post(
        "/templates",
        {
            "title": "",
            "initial_message": "A long greeting the recruiter wrote.",
            **_row(0, "Kept question?", "situational"),
            **_row(1, "Too many follow-ups?", max_follow_ups="9"),
            **_row(2, "", expected_answer="An expected answer without a question"),
        },
    )
    assert r.status_code == 422
    text = text_of(r.text)
    assert "Title is required." in text
    assert "Question 2: Max follow-ups" in text and "Question 3: Question" in text
    assert "A long greeting the recruiter wrote." in r.text and "Kept question?" in r.text
    assert '<option value="situational" selected>' in r.text
    assert "An expected answer without a question" in r.text
    assert api.get("/api/v1/templates").json()["pagination"]["total"] == 0

    tpl = api.template()
    r = recruiter.post(f"/templates/{tpl['id']}", {"title": "Kept", **_row(0, "x" * 2001)})
    assert r.status_code == 422 and "Question 1: Question" in text_of(r.text)
    assert api.get(f"/api/v1/templates/{tpl['id']}").json() == tpl


@pytest.mark.parametrize("typed", ["²", "٣", "9" * 5000, "-1", " 2 "])
def test_odd_numbers_in_the_editor_are_refused_or_read_never_a_500(
    app: FastAPI, client: TestClient, tenant: TenantHandle, typed: str
) -> None:
    recruiter = _recruiter(app, client, tenant)
    for field in ("order", "max_follow_ups"):
        r = recruiter.post("/templates", {"title": "T", **_row(0, "Why?", **{field: typed})})
        assert r.status_code in (303, 422), (field, r.status_code, r.text[:300])
        assert "text/html" in r.headers.get("content-type", "") or r.status_code == 303


def test_generate_from_a_go_job_description_prefills_the_form(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
) -> None:
    recruiter = _recruiter(app, client, tenant)
    assert "Job description" in recruiter.get("/templates/generate").text
    r = recruiter.post("/templates/generate", {"job_description": "too short"})
    assert r.status_code == 422 and "Job description needs at least" in text_of(r.text)

    description = (
        "Senior Backend Engineer. You build Go microservices on Kubernetes, with gRPC and "
        "PostgreSQL, and you own them in production."
    )
    r = recruiter.post("/templates/generate", {"job_description": description})
    assert r.status_code == 200, r.text
    text = text_of(r.text)
    assert "nothing is saved until you do" in text
    assert 'action="/templates"' in r.text and "Save template" in text
    assert "Go" in text and "Kubernetes" in text
    assert api.get("/api/v1/templates").json()["pagination"]["total"] == 0
    # The same suggestion as the API's.
    suggested = api.post("/api/v1/templates/generate", json={"job_description": description})
    first = suggested.json()["suggestions"]["questions"][0]["text"]
    assert first in text

    # From a job's page: its description is filled in.
    job = api.job(title="Go Engineer", description=description)
    assert f'href="/templates/generate?job={job["id"]}"' in recruiter.get(f"/jobs/{job['id']}").text
    r = recruiter.get(f"/templates/generate?job={job['id']}")
    assert "Senior Backend Engineer. You build Go microservices" in r.text


def test_the_preview_shows_the_questions_and_the_company(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
) -> None:
    recruiter = _recruiter(app, client, tenant)
    tpl = api.template(initial_message="Welcome aboard!", ending_message="See you soon.")
    r = recruiter.get(f"/templates/{tpl['id']}/preview")
    assert r.status_code == 200
    text = text_of(r.text)
    company = recruiter.get("/me").text
    assert "Preview — nothing is recorded" in text
    assert "AI interviewer" in text and "Before you start" in text
    first = text.index("Tell me about a Go service you built.")
    second = text.index("Describe a conflict you resolved.")
    assert text.index("Welcome aboard!") < first < second < text.index("See you soon.")
    assert r.headers["content-security-policy"].startswith("default-src 'none'")
    assert "/static/interview.css" in r.text and "<script" not in r.text
    found = re.search(r'<span class="brand-ws">([^<]+)</span>', company)
    assert found is not None
    workspace = html.unescape(found.group(1))
    assert f"thank you for applying to {workspace}" in text


def test_delete_is_refused_while_an_active_plan_uses_it(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
) -> None:
    recruiter = _recruiter(app, client, tenant)
    tpl = api.template()
    api.invite(api.candidate()["id"], tpl["id"])
    r = recruiter.post(f"/templates/{tpl['id']}/delete", {})
    assert r.status_code == 303 and r.headers["location"] == f"/templates/{tpl['id']}"
    flash = r.headers["set-cookie"].split("pl_flash=")[1].split(";")[0]
    page = client.get(
        r.headers["location"],
        headers={"Cookie": f"pl_session={recruiter.person.cookie}; pl_flash={flash}"},
    )
    assert "An active interview plan uses this template" in text_of(page.text)
    free = api.template(title="Unused")
    r = recruiter.post(f"/templates/{free['id']}/delete", {})
    assert r.status_code == 303 and r.headers["location"] == "/templates"
    assert api.get(f"/api/v1/templates/{free['id']}").status_code == 404


def test_foreign_and_bad_ids_are_404_pages(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle, other_tenant: TenantHandle
) -> None:
    tpl = api.template()
    stranger = Visitor(client, other_tenant.new_person("admin", app.state.runtime.secret_key))
    for path in (
        f"/templates/{tpl['id']}",
        f"/templates/{tpl['id']}/preview",
        "/templates/tpl-nonsense",
        "/templates/job-1/preview",
    ):
        r = stranger.get(path)
        assert r.status_code == 404 and "text/html" in r.headers["content-type"], path
    r = stranger.post(f"/templates/{tpl['id']}", {"title": "Taken", **_row(0, "Mine now?")})
    assert r.status_code == 404
    assert api.get(f"/api/v1/templates/{tpl['id']}").json() == tpl
