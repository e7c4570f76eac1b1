"""The candidate's pages: a new candidate from the form, the page's profile, documents and
resume, interview plans, invite and decision forms, the history, and deletion."""

from __future__ import annotations

import re

import httpx2 as httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.factories import Api, TenantHandle, run_tasks, unique_email
from tests.web.workspace.conftest import Visitor, text_of

RESUME = (
    b"Ada Example\nada.example@example.com | +44 20 7946 0321\n\nSummary\n"
    b"Backend engineer who builds payment systems.\n\nSkills\nPython, Go, PostgreSQL\n\n"
    b"Languages\nEnglish (native), French (B2)\n"
)


def _recruiter(app: FastAPI, client: TestClient, tenant: TenantHandle) -> Visitor:
    return Visitor(client, tenant.new_person("recruiter", app.state.runtime.secret_key))


def _flash_of(r: httpx.Response) -> str:
    return r.headers["set-cookie"].split("pl_flash=")[1].split(";")[0]


def _follow(visitor: Visitor, r: httpx.Response) -> httpx.Response:
    """The page a post redirected to, with the message it left."""
    assert r.status_code == 303, r.text
    cookie = f"pl_session={visitor.person.cookie}; pl_flash={_flash_of(r)}"
    return visitor.client.get(r.headers["location"], headers={"Cookie": cookie})


def _upload(visitor: Visitor, path: str, name: str, data: bytes) -> httpx.Response:
    return visitor.client.post(
        path,
        data={"csrf_token": visitor.person.csrf},
        files={"file": (name, data, "application/octet-stream")},
        headers={"Cookie": f"pl_session={visitor.person.cookie}"},
        follow_redirects=False,
    )


def test_a_candidate_is_created_from_the_form(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
) -> None:
    job = api.job(title="Payments Engineer")
    recruiter = _recruiter(app, client, tenant)
    r = recruiter.get(f"/candidates/new?job={job['id']}")
    assert r.status_code == 200, r.text
    assert f'<option value="{job["id"]}" selected>' in r.text
    email = unique_email("grace")
    r = recruiter.post(
        "/candidates",
        {
            "first_name": "Grace",
            "last_name": "Hopper",
            "email": email,
            "phone": "+1 555 0100",
            "linkedin_url": "",
            "job_id": job["id"],
            "stage": "",
        },
    )
    assert r.status_code == 303, r.text
    found = api.get("/api/v1/candidates", params={"email": email}).json()["data"]
    assert len(found) == 1
    cand = found[0]
    assert cand["job_id"] == job["id"] and cand["stage"] == "applied"
    assert cand["phone"] == "+1 555 0100" and cand["linkedin_url"] is None
    assert r.headers["location"] == f"/candidates/{cand['id']}"
    page = text_of(_follow(recruiter, r).text)
    assert "Added Grace Hopper." in page
    assert "Grace Hopper" in page and "Payments Engineer" in page


def test_a_bad_email_shows_the_form_again_with_what_was_typed(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
) -> None:
    recruiter = _recruiter(app, client, tenant)
    before = api.get("/api/v1/candidates", params={"limit": 1}).json()["pagination"]["total"]
    form = {"first_name": "Grace", "last_name": "Hopper", "email": "not-an-address"}
    r = recruiter.post("/candidates", form)
    assert r.status_code == 422, r.text
    assert 'value="Grace"' in r.text and 'value="not-an-address"' in r.text
    assert "E-mail:" in text_of(r.text)
    assert 'aria-invalid="true"' in r.text
    # A taken address: the API's 409 sentence, and the form kept.
    taken = api.candidate()
    r = recruiter.post("/candidates", {**form, "email": taken["email"].upper()})
    assert r.status_code == 409, r.text
    assert "already exists" in text_of(r.text) and 'value="Hopper"' in r.text
    after = api.get("/api/v1/candidates", params={"limit": 1}).json()["pagination"]["total"]
    assert after == before + 1  # only the one the API made


def test_the_profile_is_edited_and_the_history_lists_it(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
) -> None:
    job = api.job(title="Data Engineer")
    cand = api.candidate(first_name="Linus", phone="+1 555 0101")
    recruiter = _recruiter(app, client, tenant)
    page = recruiter.get(f"/candidates/{cand['id']}")
    assert page.status_code == 200, page.text
    assert "Linus Lovelace" in text_of(page.text)
    assert "No history yet" not in text_of(page.text)  # the creation is listed
    r = recruiter.post(
        f"/candidates/{cand['id']}",
        {
            "first_name": "Linus",
            "last_name": "Torvalds",
            "email": cand["email"],
            "phone": "",
            "linkedin_url": "https://www.linkedin.com/in/linus",
            "job_id": job["id"],
            "stage": "screening",
            "status": "active",
        },
    )
    assert r.status_code == 303, r.text
    got = api.get(f"/api/v1/candidates/{cand['id']}").json()
    assert got["last_name"] == "Torvalds" and got["phone"] is None
    assert got["job_id"] == job["id"] and got["stage"] == "screening"
    assert got["linkedin_url"] == "https://www.linkedin.com/in/linus"
    text = text_of(_follow(recruiter, r).text)
    assert "Saved the profile." in text
    assert "Candidate updated" in text and "last name" in text and "stage" in text
    assert "Candidate created" in text
    # A history newest first: the update before the creation.
    assert text.index("Candidate updated") < text.index("Candidate created")

    # A bad value: the page again with the sentence and what was typed; nothing saved.
    r = recruiter.post(
        f"/candidates/{cand['id']}",
        {
            "first_name": "Linus",
            "last_name": "Torvalds",
            "email": "broken@",
            "stage": "screening",
            "status": "active",
        },
    )
    assert r.status_code == 422, r.text
    assert 'value="broken@"' in r.text and "E-mail:" in text_of(r.text)
    assert api.get(f"/api/v1/candidates/{cand['id']}").json()["email"] == cand["email"]
    r = recruiter.post(
        f"/candidates/{cand['id']}",
        {
            "first_name": "Linus",
            "last_name": "T",
            "email": cand["email"],
            "stage": "nowhere",
            "status": "active",
        },
    )
    assert r.status_code == 422 and "pipeline stages" in text_of(r.text)


def test_a_resume_is_uploaded_listed_and_read(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
) -> None:
    cand = api.candidate(first_name="Ada", last_name="Example", email=unique_email("ada"))
    recruiter = _recruiter(app, client, tenant)
    text = text_of(recruiter.get(f"/candidates/{cand['id']}").text)
    assert "No documents yet" in text and "No resume yet" in text
    r = _upload(recruiter, f"/candidates/{cand['id']}/documents", "Ada CV.txt", RESUME)
    assert r.status_code == 303, r.text
    page = _follow(recruiter, r)
    text = text_of(page.text)
    assert "Uploaded Ada CV.txt" in text
    assert "Ada CV.txt" in text and "text/plain" in text and "being read" in text
    listed = api.get(f"/api/v1/candidates/{cand['id']}/documents").json()
    assert len(listed) == 1
    link = re.search(r'href="([^"]*/api/v1/documents/[^"]+)"', page.text)
    assert link is not None
    got = client.get(link.group(1).replace("&amp;", "&").split("://", 1)[1].split("/", 1)[1])
    assert got.status_code == 200 and got.content == RESUME

    run_tasks(client)
    text = text_of(recruiter.get(f"/candidates/{cand['id']}").text)
    assert "Backend engineer who builds payment systems." in text
    assert "Python" in text and "PostgreSQL" in text
    assert "French (B2)" in text
    assert "Document uploaded" in text  # in the history

    # Not a readable format: the service's sentence, nothing stored.
    r = _upload(recruiter, f"/candidates/{cand['id']}/documents", "x.pdf", b"\x7fELF\x02\x01" * 50)
    assert r.status_code == 303
    flash = text_of(_follow(recruiter, r).text)
    assert "PDF" in flash or "format" in flash or "read" in flash
    assert len(api.get(f"/api/v1/candidates/{cand['id']}/documents").json()) == 1
    # No file chosen.
    r = recruiter.post(f"/candidates/{cand['id']}/documents", {})
    assert "Choose a file" in text_of(_follow(recruiter, r).text)


def test_invite_shows_the_plan_and_its_link_then_a_hire_is_recorded(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
) -> None:
    cand = api.candidate(first_name="Katherine", last_name="Johnson")
    tpl = api.template(title="Orbital screening")
    recruiter = _recruiter(app, client, tenant)
    page = recruiter.get(f"/candidates/{cand['id']}")
    text = text_of(page.text)
    assert "No interviews yet" in text and "Orbital screening" in text
    assert "has none yet" in text  # no plan: no decision form
    r = recruiter.post(f"/candidates/{cand['id']}/decision", {"status": "hire"})
    assert "no interview plan" in text_of(_follow(recruiter, r).text)

    r = recruiter.post(
        f"/candidates/{cand['id']}/invite",
        {"template_id": tpl["id"], "expires_in_hours": "48"},
    )
    assert r.status_code == 303, r.text
    plans = api.get("/api/v1/interviews", params={"candidate_id": cand["id"]}).json()["data"]
    assert len(plans) == 1
    plan = plans[0]
    links = api.get("/api/v1/interviews/booking-links", params={"candidate_id": cand["id"]}).json()[
        "booking_links"
    ]
    url = links[0]["url"]
    page = _follow(recruiter, r)
    text = text_of(page.text)
    assert "The candidate's link is under Booking links below." in text
    assert url in page.text and 'data-copy="booking-1"' in page.text
    assert "AI interview" in text and "pending" in text
    assert f'href="/interviews/{plan["id"]}"' in page.text
    assert "Interview invited" in text  # the history

    r = recruiter.post(
        f"/candidates/{cand['id']}/decision", {"status": "hire", "notes": "Strong (1)"}
    )
    assert r.status_code == 303, r.text
    got = api.get(f"/api/v1/candidates/{cand['id']}").json()
    assert got["status"] == "hired"
    decided = api.get(f"/api/v1/interviews/{plan['id']}").json()
    assert decided["decision"] == "hire" and decided["decision_notes"] == "Strong (1)"
    actions = [e["action"] for e in api.get("/api/v1/audit-logs").json()["data"]]
    assert "INTERVIEW_DECISION" in actions
    text = text_of(_follow(recruiter, r).text)
    assert "Recorded the decision: hire." in text
    assert "Interview decision (decision: hire" in text
    assert "Strong (1)" in text
    # A hired candidate is not invited again: the service's sentence.
    r = recruiter.post(f"/candidates/{cand['id']}/invite", {"template_id": tpl["id"]})
    assert "only active candidates" in text_of(_follow(recruiter, r).text)


def test_delete_removes_the_candidate(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
) -> None:
    cand = api.candidate(first_name="Temp")
    recruiter = _recruiter(app, client, tenant)
    page = recruiter.get(f"/candidates/{cand['id']}")
    assert "data-confirm=" in page.text
    r = recruiter.post(f"/candidates/{cand['id']}/delete", {})
    assert r.status_code == 303 and r.headers["location"] == "/candidates"
    assert api.get(f"/api/v1/candidates/{cand['id']}").status_code == 404
    assert "Deleted Temp Lovelace" in text_of(_follow(recruiter, r).text)
    assert recruiter.get(f"/candidates/{cand['id']}").status_code == 404


def test_other_tenants_and_interviewers_cannot_open_the_page(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle, other_tenant: TenantHandle
) -> None:
    cand = api.candidate()
    secret = app.state.runtime.secret_key
    stranger = Visitor(client, other_tenant.new_person("admin", secret))
    r = stranger.get(f"/candidates/{cand['id']}")
    assert r.status_code == 404 and "Not found" in text_of(r.text)
    assert "<html" in r.text.lower()
    r = stranger.post(f"/candidates/{cand['id']}", {"first_name": "X"})
    assert r.status_code == 404
    interviewer = Visitor(client, tenant.new_person("interviewer", secret))
    assert interviewer.get(f"/candidates/{cand['id']}").status_code == 403
    assert interviewer.get("/candidates/new").status_code == 403
    recruiter = _recruiter(app, client, tenant)
    assert recruiter.get("/candidates/can-nonsense").status_code == 404
    assert api.get(f"/api/v1/candidates/{cand['id']}").json()["first_name"] == "Ada"


def test_a_file_over_the_limit_is_refused_with_a_page(
    app: FastAPI, client: TestClient, api: Api, tenant: TenantHandle
) -> None:
    cand = api.candidate()
    recruiter = _recruiter(app, client, tenant)
    big = b"a" * (app.state.runtime.settings.max_upload_bytes + 1)
    r = client.post(
        f"/candidates/{cand['id']}/documents",
        data={"csrf_token": recruiter.person.csrf},
        files={"file": ("big.txt", big, "text/plain")},
        headers={"Cookie": f"pl_session={recruiter.person.cookie}", "Accept": "text/html"},
        follow_redirects=False,
    )
    assert r.status_code == 413 and r.headers["content-type"].startswith("text/html")
    assert "larger than the" in text_of(r.text)
    assert api.get(f"/api/v1/candidates/{cand['id']}/documents").json() == []
