"""People over REST (spec §6), both shapes: the unversioned `/api/users…` of the published
users tab and `/api/v1/users…`; roles and their aliases; deactivation and deletion; the checks
on `interviewer_id`; what an interviewer sees; `user_id` on changes by signed-in people."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from peoplelens.config import Settings
from peoplelens.kit.ids import try_parse
from peoplelens.models import InterviewStep
from tests.factories import Api, Person, TenantHandle, unique_email


def api_db(api: Api) -> Any:
    return api.client.app.state.runtime.db  # type: ignore[attr-defined]


def _person(app: FastAPI, tenant: TenantHandle, role: str) -> Person:
    return tenant.new_person(role, app.state.runtime.secret_key)


def _as(client: TestClient, person: Person, method: str, path: str, **kw: Any) -> Any:
    return client.request(method, path, headers=person.headers(), **kw)


def test_unversioned_shapes(api: Api) -> None:
    email = unique_email("Ada")
    r = api.post(
        "/api/users",
        json={
            "email": email.upper(),
            "first_name": "Ada",
            "last_name": "Lovelace",
            "role": "Admin",
            "external_id": "okta-123",
        },
    )
    assert r.status_code == 201, r.text
    body = r.json()
    user = body["user"]
    assert user["id"].startswith("usr-")
    # The address as given (its domain folded, as e-mail domains are case-blind).
    local, _, domain = email.upper().partition("@")
    assert (user["first_name"], user["last_name"], user["email"]) == (
        "Ada",
        "Lovelace",
        f"{local}@{domain.lower()}",
    )
    assert user["role"] == "admin" and user["company_role"] == "Admin"
    assert user["user_preferences"] == [{"role": "admin"}]
    assert user["is_enabled"] is True and user["external_id"] == "okta-123"
    assert body["invitation_url"].startswith("http://testserver/set-password/")

    got = api.get(f"/api/users/{user['id']}")
    assert got.status_code == 200
    assert set(got.json()) == {"user"}
    by_email = api.get("/api/users", params={"email": email.lower()}).json()
    assert [u["id"] for u in by_email["users"]] == [user["id"]]
    # Every id form of the published examples.
    bare = user["id"].removeprefix("usr-")
    assert api.get(f"/api/users/{bare}").json()["user"]["id"] == user["id"]
    assert api.get(f"/api/users/usr_{bare}").json()["user"]["id"] == user["id"]

    r = api.patch(
        f"/api/users/{user['id']}",
        json={"first_name": "Augusta", "role": "User", "is_enabled": False},
    )
    assert r.status_code == 200 and r.json() == {"success": True}
    after = api.get(f"/api/users/{user['id']}").json()["user"]
    assert after["first_name"] == "Augusta" and after["role"] == "recruiter"
    assert after["company_role"] == "User" and after["is_enabled"] is False

    listed = api.get("/api/users", params={"search": "augusta", "role": "User"}).json()
    assert [u["id"] for u in listed["users"]] == [user["id"]]
    assert listed["pagination"]["total"] == 1
    assert (
        api.get("/api/users", params={"search": "augusta", "role": "admin"}).json()["users"] == []
    )

    r = api.delete(f"/api/users/{user['id']}")
    assert r.status_code == 200 and r.json() == {"success": True}


def test_v1_shapes_and_email_filter(api: Api) -> None:
    email = unique_email("grace")
    made = api.post("/api/v1/users", json={"email": email, "role": "interviewer"})
    assert made.status_code == 201, made.text
    user = made.json()
    assert user["role"] == "interviewer" and user["invitation_url"]
    page = api.get("/api/v1/users", params={"email": email.upper()}).json()
    assert [u["id"] for u in page["data"]] == [user["id"]]
    assert page["pagination"] == {"total": 1, "limit": 20, "offset": 0, "next_cursor": None}
    one = api.get(f"/api/v1/users/{user['id']}").json()
    assert one["email"] == email and "invitation_url" not in one

    gone = api.delete(f"/api/v1/users/{user['id']}")
    assert gone.status_code == 200 and gone.json()["is_enabled"] is False
    # v1 lists active people only, unless asked.
    assert api.get("/api/v1/users", params={"email": email}).json()["data"] == []
    everyone = api.get("/api/v1/users", params={"email": email, "include_deactivated": True})
    assert [u["id"] for u in everyone.json()["data"]] == [user["id"]]
    # A deactivated person gets no new link.
    r = api.post(f"/api/v1/users/{user['id']}/invitation")
    assert r.status_code == 409 and r.json()["error"]["code"] == "user_deactivated"


def test_email_is_unique_per_tenant_in_any_case(api: Api, other_api: Api) -> None:
    email = unique_email("dup")
    assert api.post("/api/users", json={"email": email}).status_code == 201
    r = api.post("/api/users", json={"email": email.upper()})
    assert r.status_code == 409 and r.json()["error"]["code"] == "email_taken"
    assert r.json()["error"]["param"] == "email"
    # Another tenant may have the same person.
    assert other_api.post("/api/users", json={"email": email}).status_code == 201
    r = api.post("/api/v1/users", json={"email": unique_email(), "external_id": "x-1"})
    assert r.status_code == 201
    r = api.post("/api/v1/users", json={"email": unique_email(), "external_id": "x-1"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "external_id_taken"


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"email": "not-an-address"}, "email"),
        ({"email": "a@example.com", "role": "boss"}, "role"),
        ({"email": "a@example.com", "time_zone": "Mars/Olympus"}, "time_zone"),
        ({"email": "a@example.com", "working_hours": {"mon": [["18:00", "09:00"]]}}, None),
        ({"email": "a@example.com", "working_hours": {"someday": []}}, None),
        ({"email": "a@example.com", "password": "hunter22"}, "password"),
        ({"first_name": "No address"}, "email"),
    ],
)
def test_bad_input_is_a_clear_422(api: Api, body: dict[str, Any], param: str | None) -> None:
    r = api.post("/api/users", json=body)
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["type"] == "invalid_request_error" and error["message"]
    if param:
        assert param in (error["param"] or "")


def test_patch_refuses_nulls_and_unknown_roles(api: Api) -> None:
    user = api.post("/api/v1/users", json={"email": unique_email()}).json()
    for body in ({"first_name": None}, {"role": "owner"}, {"is_enabled": "maybe"}):
        r = api.patch(f"/api/users/{user['id']}", json=body)
        assert r.status_code == 422, (body, r.text)
    r = api.patch(
        f"/api/v1/users/{user['id']}",
        json={"time_zone": "Europe/Berlin", "working_hours": {"mon": [["09:00", "17:00"]]}},
    )
    assert r.status_code == 200
    assert r.json()["time_zone"] == "Europe/Berlin"
    assert r.json()["working_hours"] == {"mon": [["09:00", "17:00"]]}


def test_deactivation_ends_sessions_at_once(app: FastAPI, api: Api, tenant: TenantHandle) -> None:
    person = _person(app, tenant, "recruiter")
    assert _as(api.client, person, "GET", "/api/v1/candidates").status_code == 200
    me = _as(api.client, person, "GET", "/api/v1/users/me").json()
    assert me["id"] == person.id and me["role"] == "recruiter"
    assert api.patch(f"/api/users/{person.id}", json={"is_enabled": False}).json() == {
        "success": True
    }
    r = _as(api.client, person, "GET", "/api/v1/candidates")
    assert r.status_code == 401 and r.json()["error"]["code"] == "session_expired"
    # Enabling them again does not bring the old session back.
    api.patch(f"/api/users/{person.id}", json={"is_enabled": True})
    assert _as(api.client, person, "GET", "/api/v1/candidates").status_code == 401


def test_changes_by_people_carry_their_user_id(
    app: FastAPI, api: Api, tenant: TenantHandle
) -> None:
    admin = _person(app, tenant, "admin")
    r = _as(
        api.client,
        admin,
        "POST",
        "/api/v1/candidates",
        json={"first_name": "A", "last_name": "B", "email": unique_email()},
    )
    assert r.status_code == 201, r.text
    entry = api.get("/api/v1/audit-logs", params={"action": "CANDIDATE_CREATED"}).json()["data"][0]
    assert entry["entity_id"] == r.json()["id"] and entry["user_id"] == admin.id
    made = api.post("/api/v1/users", json={"email": unique_email()}).json()
    entry = api.get("/api/v1/audit-logs", params={"action": "USER_CREATED"}).json()["data"][0]
    assert entry["entity_id"] == made["id"] and entry["user_id"] is None
    assert entry["details"]["key_id"].startswith("key-")
    api.patch(f"/api/users/{made['id']}", json={"last_name": "Changed"})
    api.delete(f"/api/v1/users/{made['id']}")
    actions = [e["action"] for e in api.get("/api/v1/audit-logs").json()["data"][:2]]
    assert actions == ["USER_DEACTIVATED", "USER_UPDATED"]


def _human_step(api: Api) -> tuple[dict[str, Any], dict[str, Any]]:
    cand = api.candidate()
    plan = api.post(
        "/api/v1/interviews/invite",
        json={"candidate_id": cand["id"], "steps": [{"title": "Panel", "type": "human_interview"}]},
    ).json()
    return cand, plan


def test_interviewer_id_names_a_real_enabled_user(app: FastAPI, api: Api, other_api: Api) -> None:
    _, plan = _human_step(api)
    url = f"/api/v1/interviews/{plan['plan_id']}/schedule"
    step_id = plan["steps"][0]["id"]
    body = {"step_id": step_id, "start_time": "2030-01-01T10:00:00Z"}
    for bad in ("usr-8a2bf-44ff", "anna@example.com"):
        r = api.post(url, json={**body, "interviewer_id": bad})
        assert r.status_code == 422 and r.json()["error"]["param"] == "interviewer_id", r.text
        assert r.json()["error"]["code"] == "unknown_user"
    foreign = other_api.post("/api/v1/users", json={"email": unique_email()}).json()
    r = api.post(url, json={**body, "interviewer_id": foreign["id"]})
    assert r.status_code == 422 and r.json()["error"]["code"] == "unknown_user"
    off = api.post("/api/v1/users", json={"email": unique_email(), "is_enabled": False}).json()
    r = api.post(url, json={**body, "interviewer_id": off["id"]})
    assert r.status_code == 409 and r.json()["error"]["code"] == "user_deactivated"
    ok = api.post("/api/v1/users", json={"email": unique_email(), "role": "interviewer"}).json()
    r = api.post(url, json={**body, "interviewer_id": ok["id"].removeprefix("usr-")})
    assert r.status_code == 200, r.text
    assert r.json()["event"]["interviewer_id"] == ok["id"]  # the canonical form


def test_an_interviewer_sees_only_their_plans(
    app: FastAPI, api: Api, tenant: TenantHandle, db: Any
) -> None:
    interviewer = _person(app, tenant, "interviewer")
    mine_cand, mine = _human_step(api)
    other_cand, other = _human_step(api)
    r = api.post(
        f"/api/v1/interviews/{mine['plan_id']}/schedule",
        json={
            "step_id": mine["steps"][0]["id"],
            "start_time": "2030-01-01T10:00:00Z",
            "interviewer_id": interviewer.id,
        },
    )
    assert r.status_code == 200, r.text
    client = api.client
    listed = _as(client, interviewer, "GET", "/api/v1/interviews").json()
    assert [p["id"] for p in listed["data"]] == [mine["plan_id"]]
    assert (
        _as(client, interviewer, "GET", f"/api/v1/interviews/{mine['plan_id']}").status_code == 200
    )
    assert (
        _as(client, interviewer, "GET", f"/api/v1/interviews/{other['plan_id']}").status_code == 404
    )
    assert (
        _as(client, interviewer, "GET", f"/api/v1/candidates/{mine_cand['id']}").status_code == 200
    )
    assert (
        _as(client, interviewer, "GET", f"/api/v1/candidates/{other_cand['id']}").status_code == 404
    )
    for path in ("/api/v1/candidates", "/api/v1/jobs", "/api/v1/templates", "/api/users"):
        r = _as(client, interviewer, "GET", path)
        assert r.status_code == 403 and r.json()["error"]["code"] == "insufficient_role", path
    # Their own scorecard: interviewer_id defaults to them; another person's id is refused.
    url = f"/api/v1/interviews/{mine['plan_id']}/steps/{mine['steps'][0]['id']}/scorecard"
    score = {"overall_score": 75, "recommendation": "hire"}
    r = _as(client, interviewer, "POST", url, json=score)
    assert r.status_code == 201 and r.json()["interviewer_id"] == interviewer.id, r.text
    someone = api.post("/api/v1/users", json={"email": unique_email()}).json()
    r = _as(client, interviewer, "POST", url, json={**score, "interviewer_id": someone["id"]})
    assert r.status_code == 403
    other_url = f"/api/v1/interviews/{other['plan_id']}/steps/{other['steps'][0]['id']}/scorecard"
    assert _as(client, interviewer, "POST", other_url, json=score).status_code == 404

    # Deleting the interviewer unassigns the step; its schedule keeps the history.
    assert api.delete(f"/api/users/{interviewer.id}").json() == {"success": True}
    with db.read_session() as s:
        step = s.scalars(
            select(InterviewStep).where(
                InterviewStep.id == try_parse("step", mine["steps"][0]["id"])
            )
        ).one()
        assert step.interviewer_user_id is None
        assert step.schedule["interviewer_id"] == interviewer.id
    r = _as(client, interviewer, "GET", "/api/v1/interviews")
    assert r.status_code == 401


@pytest.fixture
def subdomain_client(settings: Settings) -> Any:
    from peoplelens.app import create_app

    app = create_app(settings.model_copy(update={"base_domain": "peoplelens.test"}))
    with TestClient(app) as client:
        yield client


def test_tenant_by_subdomain(
    subdomain_client: TestClient, app: FastAPI, tenant: TenantHandle, other_tenant: TenantHandle
) -> None:
    """With PEOPLELENS_BASE_DOMAIN, `<slug>.<base>` names the tenant (spec §1): a key or a
    session of another tenant there is refused (401); the bare host and the key's own
    subdomain work."""
    key = {"Authorization": f"Bearer {tenant.key}"}
    own = f"http://{tenant.slug}.peoplelens.test/api/v1/candidates"
    other = f"http://{other_tenant.slug}.peoplelens.test/api/v1/candidates"
    assert subdomain_client.get(own, headers=key).status_code == 200
    assert (
        subdomain_client.get("http://peoplelens.test/api/v1/candidates", headers=key).status_code
        == 200
    )
    r = subdomain_client.get(other, headers=key)
    assert r.status_code == 401 and r.json()["error"]["code"] == "wrong_workspace"
    person = _person(app, tenant, "recruiter")
    assert subdomain_client.get(own, headers=person.headers()).status_code == 200
    assert subdomain_client.get(other, headers=person.headers()).status_code == 401


def test_a_deleted_person_can_be_provisioned_again(api: Api) -> None:
    email = unique_email("back")
    first = api.post("/api/users", json={"email": email, "role": "Admin"}).json()["user"]
    assert api.delete(f"/api/users/{first['id']}").json() == {"success": True}
    # Deleted is gone for reads, in both APIs (as for SCIM), and from the lists.
    assert api.get(f"/api/users/{first['id']}").status_code == 404
    assert api.get(f"/api/v1/users/{first['id']}").status_code == 404
    assert api.delete(f"/api/users/{first['id']}").status_code == 404
    listed = api.get("/api/v1/users", params={"email": email, "include_deactivated": "true"})
    assert listed.json()["data"] == []
    # Deactivated (not deleted): the address stays taken.
    other = api.post("/api/v1/users", json={"email": unique_email()}).json()
    api.delete(f"/api/v1/users/{other['id']}")
    assert api.post("/api/users", json={"email": other["email"]}).status_code == 409
    again = api.post("/api/users", json={"email": email.upper(), "first_name": "Back"})
    assert again.status_code == 201, again.text
    user = again.json()["user"]
    assert user["id"] == first["id"] and user["is_enabled"] is True
    assert user["role"] == "recruiter" and user["first_name"] == "Back"
    assert again.json()["invitation_url"]
    # Enabling a deleted person brings them back everywhere (SCIM included), not half-way.
    assert api.delete(f"/api/users/{first['id']}").status_code == 200
    assert api.patch(f"/api/users/{first['id']}", json={"is_enabled": True}).status_code == 200
    assert [u["id"] for u in api.get("/api/v1/users", params={"email": email}).json()["data"]] == [
        first["id"]
    ]
    from peoplelens.models import User

    with api_db(api).read_session() as s:
        row = s.get(User, try_parse("usr", first["id"]))
        assert row is not None and row.deleted_at is None
    entry = api.get("/api/v1/audit-logs", params={"action": "USER_CREATED"}).json()["data"][0]
    assert entry["details"]["reprovisioned"] is True


def test_invite_steps_name_their_interviewer(api: Api, other_api: Api) -> None:
    """Spec §5: a human_interview step names its interviewer, a user of the account; an unknown
    or foreign one is a 422 naming the step's field."""
    cand = api.candidate()
    ivr = api.post("/api/v1/users", json={"email": unique_email(), "role": "interviewer"}).json()
    foreign = other_api.post("/api/v1/users", json={"email": unique_email()}).json()

    def invite(step: dict[str, Any]) -> Any:
        return api.post(
            "/api/v1/interviews/invite",
            json={"candidate_id": cand["id"], "steps": [{"title": "Panel", **step}]},
        )

    for bad in (foreign["id"], "usr-8a2bf-44ff"):
        r = invite({"type": "human_interview", "interviewer_id": bad})
        assert r.status_code == 422, r.text
        assert r.json()["error"]["param"] == "steps[0].interviewer_id"
    tpl = api.template()
    r = invite({"type": "ai_interview", "template_id": tpl["id"], "interviewer_id": ivr["id"]})
    assert r.status_code == 422 and r.json()["error"]["param"] == "steps[0].interviewer_id"
    r = invite({"type": "human_interview", "interviewer_id": ivr["id"]})
    assert r.status_code == 201, r.text
    plan = r.json()
    assert plan["steps"][0]["interviewer_id"] == ivr["id"]
    assert (
        api.get(f"/api/v1/interviews/{plan['plan_id']}").json()["steps"][0]["interviewer_id"]
        == ivr["id"]
    )
    # Scheduling without naming anyone keeps the planned interviewer.
    r = api.post(
        f"/api/v1/interviews/{plan['plan_id']}/schedule",
        json={"step_id": plan["steps"][0]["id"], "start_time": "2030-01-01T10:00:00Z"},
    )
    assert r.status_code == 200 and r.json()["event"]["interviewer_id"] == ivr["id"]
    # Deleting the person unassigns the step.
    api.delete(f"/api/users/{ivr['id']}")
    step = api.get(f"/api/v1/interviews/{plan['plan_id']}").json()["steps"][0]
    assert step["interviewer_id"] is None
