"""The jobs' pages: list and filter, create, edit, close and delete through the forms; the
API sees each change and the events it fires."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from peoplelens.db import Database
from peoplelens.models import Event
from tests.factories import Api, TenantHandle
from tests.web.workspace.conftest import Visitor, text_of


def _event_types(db: Database, tenant: TenantHandle) -> list[str]:
    with db.read_session() as s:
        stmt = select(Event.type).where(Event.tenant_id == tenant.id)
        return list(s.scalars(stmt.order_by(Event.created_at, Event.id)))


def _recruiter(app: FastAPI, client: TestClient, tenant: TenantHandle) -> Visitor:
    return Visitor(client, tenant.new_person("recruiter", app.state.runtime.secret_key))


def test_the_list_shows_jobs_with_their_candidates_and_filters(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
) -> None:
    recruiter = _recruiter(app, client, tenant)
    r = recruiter.get("/jobs")
    assert r.status_code == 200
    assert "No jobs yet" in text_of(r.text) and 'href="/jobs/new"' in r.text

    go = api.job(title="Go Developer", department="Platform", location="Berlin")
    api.job(title="Designer", status="paused")
    for i in range(3):
        api.candidate(first_name=f"Cand{i}", job_id=go["id"])
    text = text_of(recruiter.get("/jobs").text)
    assert "Go Developer Platform Berlin active 3" in text
    assert "Designer" in text and "paused" in text
    page = recruiter.get("/jobs").text
    assert f'href="/pipeline?job={go["id"]}"' in page and f'href="/jobs/{go["id"]}"' in page

    text = text_of(recruiter.get("/jobs?status=paused").text)
    assert "Designer" in text and "Go Developer" not in text
    text = text_of(recruiter.get("/jobs?q=develop").text)
    assert "Go Developer" in text and "Designer" not in text
    assert "No job matches" in text_of(recruiter.get("/jobs?q=nothing-like-it").text)


def test_create_edit_and_close_through_the_forms(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle, db: Database
) -> None:
    recruiter = _recruiter(app, client, tenant)
    assert "Create job" in text_of(recruiter.get("/jobs/new").text)
    r = recruiter.post(
        "/jobs",
        {
            "title": "Staff Go Engineer",
            "department": "Platform",
            "location": "Remote",
            "employment_type": "full-time",
            "status": "draft",
            "description": "Go and Kubernetes.",
        },
    )
    assert r.status_code == 303, r.text
    job_id = r.headers["location"].removeprefix("/jobs/")
    job = api.get(f"/api/v1/jobs/{job_id}").json()
    assert job["title"] == "Staff Go Engineer" and job["status"] == "draft"
    assert job["location"] == "Remote" and job["employment_type"] == "full-time"

    page = recruiter.get(f"/jobs/{job_id}")
    assert page.status_code == 200
    assert "Staff Go Engineer" in text_of(page.text) and "Save job" in page.text

    # Edit: a field left empty clears it, like null in the API.
    r = recruiter.post(
        f"/jobs/{job_id}",
        {
            "title": "Principal Go Engineer",
            "department": "",
            "location": "Lisbon",
            "status": "active",
        },
    )
    assert r.status_code == 303 and r.headers["location"] == f"/jobs/{job_id}"
    job = api.get(f"/api/v1/jobs/{job_id}").json()
    assert job["title"] == "Principal Go Engineer" and job["department"] is None
    assert job["location"] == "Lisbon" and job["status"] == "active"

    r = recruiter.post(f"/jobs/{job_id}/close", {})
    assert r.status_code == 303
    assert api.get(f"/api/v1/jobs/{job_id}").json()["status"] == "closed"
    assert _event_types(db, tenant) == ["job.created", "job.updated", "job.updated", "job.closed"]
    assert "This job is closed" in text_of(recruiter.get(f"/jobs/{job_id}").text)


def test_an_invalid_form_comes_back_with_what_was_typed(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
) -> None:
    recruiter = _recruiter(app, client, tenant)
    long_text = "A long description that must survive.\nSecond line."
    r = recruiter.post("/jobs", {"title": "  ", "department": "Platform", "description": long_text})
    assert r.status_code == 422
    assert "Title is required." in text_of(r.text)
    assert 'value="Platform"' in r.text and "A long description that must survive." in r.text
    assert api.get("/api/v1/jobs").json()["pagination"]["total"] == 0

    job = api.job(title="Go Engineer")
    r = recruiter.post(f"/jobs/{job['id']}", {"title": "x" * 301, "location": "Porto"})
    assert r.status_code == 422
    assert "Title can have at most 300 characters." in text_of(r.text)
    assert 'value="Porto"' in r.text
    r = recruiter.post(f"/jobs/{job['id']}", {"title": "Go", "status": "open"})
    assert r.status_code == 422 and "Status must be one of" in text_of(r.text)
    assert api.get(f"/api/v1/jobs/{job['id']}").json() == job


def test_delete_is_refused_while_candidates_refer_to_the_job(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
) -> None:
    recruiter = _recruiter(app, client, tenant)
    busy = api.job(title="Busy")
    api.candidate(job_id=busy["id"])
    r = recruiter.post(f"/jobs/{busy['id']}/delete", {})
    assert r.status_code == 303 and r.headers["location"] == f"/jobs/{busy['id']}"
    flash = r.headers["set-cookie"].split("pl_flash=")[1].split(";")[0]
    page = client.get(
        r.headers["location"],
        headers={"Cookie": f"pl_session={recruiter.person.cookie}; pl_flash={flash}"},
    )
    assert "still refer to this job; close it instead" in text_of(page.text)
    assert api.get(f"/api/v1/jobs/{busy['id']}").status_code == 200

    free = api.job(title="Free")
    r = recruiter.post(f"/jobs/{free['id']}/delete", {})
    assert r.status_code == 303 and r.headers["location"] == "/jobs"
    assert api.get(f"/api/v1/jobs/{free['id']}").status_code == 404


def test_bad_and_foreign_ids_are_404_pages(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle, other_tenant: TenantHandle
) -> None:
    job = api.job()
    stranger = Visitor(client, other_tenant.new_person("admin", app.state.runtime.secret_key))
    for path in (f"/jobs/{job['id']}", "/jobs/job-nonsense", "/jobs/tpl-1"):
        r = stranger.get(path)
        assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    r = stranger.post(f"/jobs/{job['id']}/close", {})
    assert r.status_code == 404
    assert api.get(f"/api/v1/jobs/{job['id']}").json()["status"] == "active"
