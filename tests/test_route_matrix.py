"""Every API route, five ways by key — no key, revoked key, another tenant's key, too small a
scope, own — and once per role of a signed-in person: admin, recruiter, an interviewer with
nothing assigned and (where the route admits interviewers) one with the object assigned, plus
a cookie without its CSRF token (spec §6).

``CASES`` must name every route the app serves under ``/api``; ``test_every_route_is_covered``
fails when a new route arrives without its case, so no endpoint can skip these checks.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute

from peoplelens.boundary.route import ApiRoute, TokenRoute
from tests.factories import Api, Person, TenantHandle, run_tasks, run_webhooks, unique_email

T = TypeVar("T")
SSO_SETTINGS = {"issuer": "https://idp.example.com", "client_id": "c", "client_secret": "s"}


@dataclass
class Call:
    method: str
    path: str
    json: Any = None
    params: dict[str, Any] | None = None
    # A multipart body (uploads): {"file": (name, bytes, content type)}.
    files: dict[str, Any] | None = None
    # Ids of the owner's objects this call touches: another tenant must get 404 for them.
    foreign: bool = True
    scope: str = "write"
    # A list filtered by a foreign id answers as for an unknown id: 200 with no rows.
    foreign_is_filter: bool = False
    # Answers signed-in people only (a key, whatever its scope, gets 404).
    people_only: bool = False


@dataclass
class World:
    """Objects of the owning tenant, made on demand."""

    api: Api
    tenant: TenantHandle | None = None
    server_secret: bytes = b""
    cache: dict[str, Any] = field(default_factory=dict)

    def person(self, role: str) -> Person:
        assert self.tenant is not None
        tenant = self.tenant
        return self._once(f"person:{role}", lambda: tenant.new_person(role, self.server_secret))

    @property
    def interviewer(self) -> Person:
        return self.person("interviewer")

    @property
    def user(self) -> dict[str, Any]:
        def make() -> dict[str, Any]:
            r = self.api.post("/api/v1/users", json={"email": unique_email("usr")})
            assert r.status_code == 201, r.text
            return dict(r.json())

        return self._once("user", make)

    def _once(self, name: str, make: Callable[[], T]) -> T:
        if name not in self.cache:
            self.cache[name] = make()
        made: T = self.cache[name]
        return made

    @property
    def job(self) -> dict[str, Any]:
        return self._once("job", lambda: self.api.job())

    @property
    def free_job(self) -> dict[str, Any]:
        return self._once("free_job", lambda: self.api.job(title="Unreferenced"))

    @property
    def candidate(self) -> dict[str, Any]:
        return self._once("candidate", lambda: self.api.candidate(job_id=self.job["id"]))

    @property
    def event_id(self) -> str:
        """An event of the owner's (its candidate's creation), from the feed."""

        def make() -> str:
            assert self.candidate
            for _ in range(500):  # PostgreSQL: shown once older transactions have ended
                r = self.api.get(f"{V1}/events", params={"types": "candidate.created"})
                assert r.status_code == 200, r.text
                if r.json()["data"]:
                    return str(r.json()["data"][0]["id"])
                time.sleep(0.02)
            raise AssertionError("the candidate's creation never reached the event feed")

        return self._once("event_id", make)

    @property
    def template(self) -> dict[str, Any]:
        return self._once("template", lambda: self.api.template())

    @property
    def free_template(self) -> dict[str, Any]:
        return self._once("free_template", lambda: self.api.template(title="Unused"))

    @property
    def plan(self) -> dict[str, Any]:
        return self._once(
            "plan", lambda: self.api.invite(self.candidate["id"], self.template["id"])
        )

    @property
    def finished(self) -> dict[str, Any]:
        def make() -> dict[str, Any]:
            done = self.api.complete_interview()
            run_tasks(self.api.client)
            plan = self.api.get(f"/api/v1/interviews/{done['invite']['plan_id']}").json()
            return {"plan_id": plan["id"], "step_id": plan["steps"][0]["id"]}

        return dict(self._once("finished", make))

    @property
    def sso(self) -> dict[str, Any]:
        """A stored, disabled SSO configuration (disabled: no provider is asked)."""

        def make() -> dict[str, Any]:
            r = self.api.put("/api/v1/sso", json={**SSO_SETTINGS, "enabled": False})
            assert r.status_code == 200, r.text
            made: dict[str, Any] = r.json()
            return made

        return self._once("sso", make)

    @property
    def webhook(self) -> dict[str, Any]:
        def make() -> dict[str, Any]:
            r = self.api.post(
                "/api/v1/webhooks", json={"url": "http://127.0.0.1:9/hook", "enabled": False}
            )
            assert r.status_code == 201, r.text
            endpoint = r.json()
            test = self.api.post(f"/api/v1/webhooks/{endpoint['id']}/test").json()
            run_webhooks(self.api.client)
            return {**endpoint, "delivery_id": test["delivery_ids"][0]}

        return dict(self._once("webhook", make))

    @property
    def email(self) -> dict[str, Any]:
        """A queued invitation e-mail of the candidate (no SMTP in tests: it stays queued)."""

        def make() -> dict[str, Any]:
            invite = {"candidate_id": self.candidate["id"], "template_id": self.template["id"]}
            r = self.api.post("/api/v1/interviews/invite", json={**invite, "send_email": True})
            assert r.status_code == 201, r.text
            found = self.api.get(
                "/api/v1/emails", params={"candidate_id": self.candidate["id"]}
            ).json()
            made: dict[str, Any] = found["data"][0]
            return made

        return dict(self._once("email", make))

    @property
    def human_step(self) -> dict[str, Any]:
        def make() -> dict[str, Any]:
            r = self.api.post(
                "/api/v1/interviews/invite",
                json={
                    "candidate_id": self.candidate["id"],
                    # No interviewer yet: the matrix's interviewer must start unassigned.
                    "steps": [{"title": "Panel", "type": "human_interview"}],
                },
            )
            assert r.status_code == 201, r.text
            out = {"plan_id": r.json()["plan_id"], "step_id": r.json()["steps"][0]["id"]}
            return out | {"url": r.json()["booking_link"]["url"]}

        return dict(self._once("human_step", make))

    @property
    def booked_step(self) -> dict[str, Any]:
        """A human step scheduled by the team (it has an invite)."""

        def make() -> dict[str, Any]:
            step = self.human_step
            r = self.api.post(
                f"/api/v1/interviews/{step['plan_id']}/schedule",
                json={"step_id": step["step_id"], "start_time": "2030-01-01T10:00:00Z"},
            )
            assert r.status_code == 200, r.text
            return step

        return dict(self._once("booked_step", make))

    @property
    def document(self) -> dict[str, Any]:
        def make() -> dict[str, Any]:
            r = self.api.post(
                f"/api/v1/candidates/{self.candidate['id']}/documents",
                files={"file": ("cv.txt", RESUME, "text/plain")},
            )
            assert r.status_code == 201, r.text
            return dict(r.json())

        return self._once("document", make)

    @property
    def candidate_import(self) -> dict[str, Any]:
        def make() -> dict[str, Any]:
            r = self.api.post(
                f"{V1}/candidates/import", files={"file": ("c.csv", import_csv(), "text/csv")}
            )
            assert r.status_code == 202, r.text
            return dict(r.json())

        return self._once("candidate_import", make)

    @property
    def parsed_document(self) -> dict[str, Any]:
        def make() -> dict[str, Any]:
            made = self.document
            run_tasks(self.api.client)
            return made

        return self._once("parsed_document", make)

    @property
    def key_id(self) -> str:
        def make() -> str:
            r = self.api.post("/api/v1/api-keys", json={"name": "spare"})
            assert r.status_code == 201, r.text
            return str(r.json()["id"])

        return str(self._once("key", make))


V1 = "/api/v1"


def import_csv() -> bytes:
    return f"first_name,last_name,email\r\nAda,Example,{unique_email()}\r\n".encode()


RESUME = b"Ada Example\nada@example.com\n\nSkills\nPython, Go\n"
CASES: dict[tuple[str, str], Callable[[World], Call]] = {
    ("GET", "/api/v1/candidates"): lambda w: Call(
        "GET",
        f"{V1}/candidates",
        params={"email": w.candidate["email"]},
        foreign=False,
        scope="read",
    ),
    ("POST", "/api/v1/candidates"): lambda w: Call(
        "POST",
        f"{V1}/candidates",
        json={"first_name": "A", "last_name": "B", "email": unique_email()},
        foreign=False,
    ),
    ("POST", "/api/v1/candidates/bulk"): lambda w: Call(
        "POST",
        f"{V1}/candidates/bulk",
        json={
            "candidates": [
                {
                    "first_name": "A",
                    "last_name": "B",
                    "email": unique_email(),
                    "job_id": w.job["id"],
                }
            ]
        },
    ),
    ("GET", "/api/v1/candidates/{id}"): lambda w: Call(
        "GET", f"{V1}/candidates/{w.candidate['id']}", scope="read"
    ),
    ("PATCH", "/api/v1/candidates/{id}"): lambda w: Call(
        "PATCH", f"{V1}/candidates/{w.candidate['id']}", json={"first_name": "Changed"}
    ),
    ("DELETE", "/api/v1/candidates/{id}"): lambda w: Call(
        "DELETE", f"{V1}/candidates/{w.candidate['id']}"
    ),
    ("GET", "/api/v1/candidates/{id}/documents"): lambda w: Call(
        "GET", f"{V1}/candidates/{w.candidate['id']}/documents", scope="read"
    ),
    ("POST", "/api/v1/candidates/{id}/documents"): lambda w: Call(
        "POST",
        f"{V1}/candidates/{w.candidate['id']}/documents",
        files={"file": ("cv.txt", RESUME, "text/plain")},
    ),
    ("GET", "/api/v1/candidates/{id}/documents/parsed"): lambda w: Call(
        "GET",
        f"{V1}/candidates/{w.parsed_document['candidate_id']}/documents/parsed",
        scope="read",
    ),
    ("DELETE", "/api/v1/candidates/{id}/documents/{doc_id}"): lambda w: Call(
        "DELETE", f"{V1}/candidates/{w.candidate['id']}/documents/{w.document['id']}"
    ),
    ("POST", "/api/v1/candidates/import"): lambda w: Call(
        "POST",
        f"{V1}/candidates/import",
        files={"file": ("c.csv", import_csv(), "text/csv")},
        foreign=False,
    ),
    ("GET", "/api/v1/candidates/imports/{id}"): lambda w: Call(
        "GET", f"{V1}/candidates/imports/{w.candidate_import['id']}", scope="read"
    ),
    ("GET", "/api/v1/candidates/{id}/status"): lambda w: Call(
        "GET", f"{V1}/candidates/{w.candidate['id']}/status", scope="read"
    ),
    ("GET", "/api/v1/jobs"): lambda w: Call(
        "GET", f"{V1}/jobs", params={"q": w.job["title"]}, foreign=False, scope="read"
    ),
    ("POST", "/api/v1/jobs"): lambda w: Call(
        "POST", f"{V1}/jobs", json={"title": "New"}, foreign=False
    ),
    ("POST", "/api/v1/jobs/bulk"): lambda w: Call(
        "POST", f"{V1}/jobs/bulk", json={"jobs": [{"title": "One"}]}, foreign=False
    ),
    ("GET", "/api/v1/jobs/{id}"): lambda w: Call("GET", f"{V1}/jobs/{w.job['id']}", scope="read"),
    ("PUT", "/api/v1/jobs/{id}"): lambda w: Call(
        "PUT", f"{V1}/jobs/{w.job['id']}", json={"title": "Renamed"}
    ),
    ("DELETE", "/api/v1/jobs/{id}"): lambda w: Call("DELETE", f"{V1}/jobs/{w.free_job['id']}"),
    ("POST", "/api/v1/jobs/{id}/applicants"): lambda w: Call(
        "POST",
        f"{V1}/jobs/{w.free_job['id']}/applicants",
        json={"candidate_id": w.candidate["id"]},
    ),
    ("GET", "/api/v1/templates"): lambda w: Call(
        "GET", f"{V1}/templates", foreign=False, scope="read"
    ),
    ("POST", "/api/v1/templates"): lambda w: Call(
        "POST", f"{V1}/templates", json={"title": "T"}, foreign=False
    ),
    ("GET", "/api/v1/templates/{id}"): lambda w: Call(
        "GET", f"{V1}/templates/{w.template['id']}", scope="read"
    ),
    ("PUT", "/api/v1/templates/{id}"): lambda w: Call(
        "PUT", f"{V1}/templates/{w.template['id']}", json={"description": "d"}
    ),
    ("DELETE", "/api/v1/templates/{id}"): lambda w: Call(
        "DELETE", f"{V1}/templates/{w.free_template['id']}"
    ),
    ("POST", "/api/v1/interviews/invite"): lambda w: Call(
        "POST",
        f"{V1}/interviews/invite",
        json={"candidate_id": w.candidate["id"], "template_id": w.template["id"]},
    ),
    ("GET", "/api/v1/interviews"): lambda w: Call(
        "GET",
        f"{V1}/interviews",
        params={"candidate_id": w.plan and w.candidate["id"]},
        scope="read",
        foreign_is_filter=True,
    ),
    # The links' URLs are the candidates' credentials: a read-only key gets none (issue 11).
    ("GET", "/api/v1/interviews/booking-links"): lambda w: Call(
        "GET",
        f"{V1}/interviews/booking-links",
        params={"candidate_id": w.plan and w.candidate["id"]},
        scope="write",
    ),
    ("GET", "/api/v1/interviews/{id}"): lambda w: Call(
        "GET", f"{V1}/interviews/{w.plan['plan_id']}", scope="read"
    ),
    ("POST", "/api/v1/interviews/{id}/cancel"): lambda w: Call(
        "POST", f"{V1}/interviews/{w.plan['plan_id']}/cancel"
    ),
    ("POST", "/api/v1/interviews/{id}/decision"): lambda w: Call(
        "POST",
        f"{V1}/interviews/{w.plan['plan_id']}/decision",
        json={"status": "advance", "stage": "interview"},
    ),
    ("GET", "/api/v1/interviews/{id}/scorecard"): lambda w: Call(
        "GET", f"{V1}/interviews/{w.finished['plan_id']}/scorecard", scope="read"
    ),
    ("GET", "/api/v1/interviews/{id}/transcript"): lambda w: Call(
        "GET", f"{V1}/interviews/{w.finished['plan_id']}/transcript", scope="read"
    ),
    ("POST", "/api/v1/interviews/{id}/steps/{step_id}/scorecard"): lambda w: Call(
        "POST",
        f"{V1}/interviews/{w.human_step['plan_id']}/steps/{w.human_step['step_id']}/scorecard",
        json={"interviewer_id": w.interviewer.id, "overall_score": 70, "recommendation": "hire"},
    ),
    ("POST", "/api/v1/interviews/{id}/steps/{step_id}/complete"): lambda w: Call(
        "POST",
        f"{V1}/interviews/{w.human_step['plan_id']}/steps/{w.human_step['step_id']}/complete",
    ),
    ("POST", "/api/v1/interviews/{id}/steps/{step_id}/cancel"): lambda w: Call(
        "POST",
        f"{V1}/interviews/{w.human_step['plan_id']}/steps/{w.human_step['step_id']}/cancel",
    ),
    ("GET", "/api/v1/interviews/{id}/steps/{step_id}/invite.ics"): lambda w: Call(
        "GET",
        f"{V1}/interviews/{w.booked_step['plan_id']}/steps/{w.booked_step['step_id']}/invite.ics",
        scope="read",
    ),
    ("POST", "/api/v1/interviews/{id}/steps/{step_id}/reassess"): lambda w: Call(
        "POST", f"{V1}/interviews/{w.finished['plan_id']}/steps/{w.finished['step_id']}/reassess"
    ),
    ("POST", "/api/v1/templates/generate"): lambda w: Call(
        "POST",
        f"{V1}/templates/generate",
        json={"job_description": "Backend engineer: Go services on Kubernetes."},
        foreign=False,
    ),
    ("GET", "/api/v1/avatars"): lambda w: Call("GET", f"{V1}/avatars", foreign=False, scope="read"),
    ("POST", "/api/v1/interviews/{id}/schedule"): lambda w: Call(
        "POST",
        f"{V1}/interviews/{w.human_step['plan_id']}/schedule",
        json={"step_id": w.human_step["step_id"], "start_time": "2030-01-01T10:00:00Z"},
    ),
    ("GET", "/api/v1/webhooks/event-types"): lambda w: Call(
        "GET", f"{V1}/webhooks/event-types", foreign=False, scope="read"
    ),
    ("GET", "/api/v1/webhooks"): lambda w: Call(
        "GET", f"{V1}/webhooks", foreign=False, scope="admin"
    ),
    ("POST", "/api/v1/webhooks"): lambda w: Call(
        "POST",
        f"{V1}/webhooks",
        json={"url": "https://example.com/hook"},
        foreign=False,
        scope="admin",
    ),
    ("GET", "/api/v1/webhooks/{id}"): lambda w: Call(
        "GET", f"{V1}/webhooks/{w.webhook['id']}", scope="admin"
    ),
    ("PATCH", "/api/v1/webhooks/{id}"): lambda w: Call(
        "PATCH", f"{V1}/webhooks/{w.webhook['id']}", json={"description": "x"}, scope="admin"
    ),
    ("DELETE", "/api/v1/webhooks/{id}"): lambda w: Call(
        "DELETE", f"{V1}/webhooks/{w.webhook['id']}", scope="admin"
    ),
    ("POST", "/api/v1/webhooks/{id}/rotate-secret"): lambda w: Call(
        "POST", f"{V1}/webhooks/{w.webhook['id']}/rotate-secret", scope="admin"
    ),
    ("POST", "/api/v1/webhooks/{id}/test"): lambda w: Call(
        "POST", f"{V1}/webhooks/{w.webhook['id']}/test", scope="admin"
    ),
    ("GET", "/api/v1/webhooks/{id}/deliveries"): lambda w: Call(
        "GET", f"{V1}/webhooks/{w.webhook['id']}/deliveries", scope="admin"
    ),
    ("POST", "/api/v1/webhooks/{id}/deliveries/{delivery_id}/retry"): lambda w: Call(
        "POST",
        f"{V1}/webhooks/{w.webhook['id']}/deliveries/{w.webhook['delivery_id']}/retry",
        scope="admin",
    ),
    ("POST", "/api/v1/webhooks/{id}/replay"): lambda w: Call(
        "POST",
        f"{V1}/webhooks/{w.webhook['id']}/replay",
        json={"since": "2020-01-01T00:00:00Z"},
        scope="admin",
    ),
    ("GET", "/api/v1/audit-logs"): lambda w: Call(
        "GET", f"{V1}/audit-logs", foreign=False, scope="admin"
    ),
    ("GET", "/api/v1/events"): lambda w: Call(
        "GET", f"{V1}/events", params={"starting_after": w.event_id}, scope="read"
    ),
    ("GET", "/api/v1/emails"): lambda w: Call(
        "GET",
        f"{V1}/emails",
        params={"candidate_id": w.email["candidate_id"]},
        scope="read",
        foreign_is_filter=True,
    ),
    ("GET", "/api/v1/emails/{id}"): lambda w: Call(
        "GET", f"{V1}/emails/{w.email['id']}", scope="read"
    ),
    ("GET", "/api/v1/settings/email"): lambda w: Call(
        "GET", f"{V1}/settings/email", foreign=False, scope="admin"
    ),
    ("PATCH", "/api/v1/settings/email"): lambda w: Call(
        "PATCH", f"{V1}/settings/email", json={"from_name": "Acme"}, foreign=False, scope="admin"
    ),
    ("GET", "/api/v1/sso"): lambda w: (
        w.sso,
        Call("GET", f"{V1}/sso", foreign=False, scope="admin"),
    )[1],
    ("PUT", "/api/v1/sso"): lambda w: Call(
        "PUT", f"{V1}/sso", json={**SSO_SETTINGS, "enabled": False}, foreign=False, scope="admin"
    ),
    ("DELETE", "/api/v1/sso"): lambda w: (
        w.sso,
        Call("DELETE", f"{V1}/sso", foreign=False, scope="admin"),
    )[1],
    ("GET", "/api/v1/api-keys"): lambda w: Call(
        "GET", f"{V1}/api-keys", foreign=False, scope="admin"
    ),
    ("POST", "/api/v1/api-keys"): lambda w: Call(
        "POST", f"{V1}/api-keys", json={"name": "k"}, foreign=False, scope="admin"
    ),
    ("DELETE", "/api/v1/api-keys/{id}"): lambda w: Call(
        "DELETE", f"{V1}/api-keys/{w.key_id}", scope="admin"
    ),
    ("GET", "/api/v1/users"): lambda w: Call(
        "GET", f"{V1}/users", params={"email": w.user["email"]}, foreign=False, scope="admin"
    ),
    ("POST", "/api/v1/users"): lambda w: Call(
        "POST", f"{V1}/users", json={"email": unique_email("new")}, foreign=False, scope="admin"
    ),
    ("GET", "/api/v1/users/me"): lambda w: Call(
        "GET", f"{V1}/users/me", foreign=False, scope="read", people_only=True
    ),
    ("GET", "/api/v1/users/{id}"): lambda w: Call(
        "GET", f"{V1}/users/{w.user['id']}", scope="admin"
    ),
    ("PATCH", "/api/v1/users/{id}"): lambda w: Call(
        "PATCH", f"{V1}/users/{w.user['id']}", json={"first_name": "Changed"}, scope="admin"
    ),
    ("DELETE", "/api/v1/users/{id}"): lambda w: Call(
        "DELETE", f"{V1}/users/{w.user['id']}", scope="admin"
    ),
    ("POST", "/api/v1/users/{id}/invitation"): lambda w: Call(
        "POST", f"{V1}/users/{w.user['id']}/invitation", scope="admin"
    ),
    # Only an `inbound` key may call it (never implied by admin): see the checks below.
    ("POST", "/api/v1/inbound/{provider}"): lambda w: Call(
        "POST",
        f"{V1}/inbound/generic",
        json={
            "candidate": {
                "external_id": unique_email("ats"),
                "first_name": "A",
                "last_name": "B",
                "email": unique_email(),
            }
        },
        foreign=False,
        scope="inbound",
    ),
    ("GET", "/api/users"): lambda w: Call(
        "GET", "/api/users", params={"search": w.user["email"]}, foreign=False, scope="admin"
    ),
    ("POST", "/api/users"): lambda w: Call(
        "POST",
        "/api/users",
        json={"email": unique_email("new"), "first_name": "A", "last_name": "B", "role": "User"},
        foreign=False,
        scope="admin",
    ),
    ("GET", "/api/users/{id}"): lambda w: Call("GET", f"/api/users/{w.user['id']}", scope="admin"),
    ("PATCH", "/api/users/{id}"): lambda w: Call(
        "PATCH", f"/api/users/{w.user['id']}", json={"role": "Admin"}, scope="admin"
    ),
    ("DELETE", "/api/users/{id}"): lambda w: Call(
        "DELETE", f"/api/users/{w.user['id']}", scope="admin"
    ),
}


def _walk(routes: list[Any]) -> list[Any]:
    out = []
    for route in routes:
        nested = getattr(route, "original_router", None)  # FastAPI keeps included routers
        out.extend(_walk(nested.routes) if nested is not None else [route])
    return out


# Routes whose credential is in the link (no key): the candidate's link token
# (tests/interviews/test_sessions.py) and a document's signed URL (tests/documents).
TOKEN_ROUTES = {
    ("GET", "/api/v1/interview-sessions/{token}"),
    ("POST", "/api/v1/interview-sessions/{token}/consent"),
    ("POST", "/api/v1/interview-sessions/{token}/messages"),
    ("GET", "/api/v1/interview-sessions/{token}/slots"),
    ("POST", "/api/v1/interview-sessions/{token}/booking"),
    ("POST", "/api/v1/interview-sessions/{token}/booking/cancel"),
    ("GET", "/api/v1/documents/{id}/download"),
}


def api_routes(app: FastAPI) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for route in _walk(list(app.routes)):
        if isinstance(route, APIRoute) and route.path.startswith("/api"):
            assert isinstance(route, ApiRoute), f"{route.path} bypasses ApiRoute (auth, tx)"
            found.update((method, route.path) for method in route.methods or ())
    # Cross-check against the published document, which lists every operation.
    published = {
        (method.upper(), path)
        for path, ops in app.openapi()["paths"].items()
        if path.startswith("/api")
        for method in ops
    }
    assert published == found
    token = {r for r in found if isinstance(_route(app, r), TokenRoute)}
    assert token == TOKEN_ROUTES, "token routes changed: cover them and list them here"
    return found - token


def _route(app: FastAPI, key: tuple[str, str]) -> Any:
    return next(
        r
        for r in _walk(list(app.routes))
        if isinstance(r, APIRoute) and r.path == key[1] and key[0] in (r.methods or ())
    )


def test_every_route_is_covered(app: FastAPI) -> None:
    routes = api_routes(app)
    assert routes - set(CASES) == set(), "routes without an auth/isolation case"
    assert set(CASES) - routes == set(), "cases for routes that no longer exist"


def _send(api: Api, call: Call, key: str | None) -> Any:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return api.client.request(
        call.method,
        call.path,
        json=call.json,
        params=call.params,
        files=call.files,
        headers=headers,
    )


def _audit_count(api: Api) -> int:
    r = api.get("/api/v1/audit-logs", params={"limit": 1})
    assert r.status_code == 200
    return int(r.json()["pagination"]["total"])


@pytest.mark.parametrize("route", sorted(CASES), ids=lambda r: f"{r[0]} {r[1]}")
def test_route_auth_and_isolation(
    route: tuple[str, str], app: FastAPI, api: Api, other_api: Api, tenant: TenantHandle
) -> None:
    world = World(api, tenant, app.state.runtime.secret_key)
    call = CASES[route](world)
    revoked_id, revoked = tenant.new_key()
    assert api.delete(f"/api/v1/api-keys/key-{revoked_id}").status_code == 200
    _, read_key = tenant.new_key(["read"])
    _, write_key = tenant.new_key(["write"])
    _, inbound_key = tenant.new_key(["inbound"])
    before = _audit_count(api)

    # No key, malformed header, unknown key: 401 with the envelope.
    r = _send(api, call, None)
    assert r.status_code == 401, r.text
    assert r.json()["error"]["type"] == "authentication_error"
    assert r.headers["www-authenticate"].startswith("Bearer")
    r = api.client.request(
        call.method,
        call.path,
        json=call.json,
        params=call.params,
        files=call.files,
        headers={"Authorization": "Basic abc"},
    )
    assert r.status_code == 401
    assert _send(api, call, "pl_live_" + "x" * 43).status_code == 401
    # A key in the query string is no credential (only the inbound route reads one, and the
    # owner's ordinary key lacks its scope there).
    r = api.client.request(
        call.method,
        call.path,
        json=call.json,
        params={**(call.params or {}), "api_token": api.key},
        files=call.files,
    )
    assert r.status_code == (403 if call.scope == "inbound" else 401), r.text
    assert api.key not in r.text

    # Revoked key: 401 on the very next request.
    r = _send(api, call, revoked)
    assert r.status_code == 401, r.text

    # Too small a scope: 403 (reads pass with a read key).
    r = _send(api, call, read_key)
    if call.scope == "read":
        assert r.status_code == (404 if call.people_only else 200), r.text
    else:
        assert r.status_code == 403, r.text
        assert r.json()["error"]["code"] == "insufficient_scope"
    if call.scope in ("admin", "inbound"):
        assert _send(api, call, write_key).status_code == 403
    owner_key = api.key
    if call.scope == "inbound":  # a key of its own: the owner's read/write/admin key is refused
        r = _send(api, call, api.key)
        assert r.status_code == 403 and r.json()["error"]["code"] == "insufficient_scope"
        owner_key = inbound_key
    else:  # an inbound key can do nothing else
        assert _send(api, call, inbound_key).status_code == 403

    # Another tenant, with this tenant's ids: exactly like a missing id.
    if call.foreign and call.foreign_is_filter:
        r = _send(other_api, call, other_api.key)
        assert r.status_code == 200, r.text
        assert r.json()["data"] == []
        assert r.json()["pagination"]["total"] == 0
    elif call.foreign:
        r = _send(other_api, call, other_api.key)
        assert r.status_code == 404, r.text
        err = r.json()["error"]
        assert err["type"] == "not_found_error"
        assert api.key not in r.text

    # Lists seen by another tenant never show this tenant's objects.
    if call.method == "GET":
        r = _send(other_api, call, other_api.key)
        owned = [
            str(v.get("id") or v.get("plan_id"))
            for v in world.cache.values()
            if isinstance(v, dict)
        ] + [str(tenant.id)]
        assert r.status_code in (200, 404)
        if r.status_code == 200:
            assert not any(i in r.text for i in owned), r.text

    # None of the refused calls changed anything.
    assert _audit_count(api) == before

    # The owner: success (a route for people only: 404 to any key).
    r = _send(api, call, owner_key)
    if call.people_only:
        assert r.status_code == 404, r.text
    else:
        assert 200 <= r.status_code < 300, r.text


def _as(api: Api, call: Call, person: Person, *, csrf: bool = True) -> Any:
    return api.client.request(
        call.method,
        call.path,
        json=call.json,
        params=call.params,
        files=call.files,
        headers=person.headers(csrf=csrf),
    )


def _assign(world: World, interviewer: Person, path: str) -> None:
    """Assigns ``interviewer`` to every step of the plans the path names, or of the world's
    plan for a candidate path (as scheduling a human step with them does)."""
    from sqlalchemy import update

    from peoplelens.kit.ids import try_parse
    from peoplelens.models import InterviewStep

    parts = path.split("/")
    plan_ids = [p for p in (try_parse("plan", part) for part in parts) if p]
    if not plan_ids:
        plan_ids = [p for p in [try_parse("plan", world.plan["plan_id"])] if p]
    assert world.tenant is not None
    with world.tenant.db.write_session() as session:
        session.execute(
            update(InterviewStep)
            .where(InterviewStep.plan_id.in_(plan_ids))
            .values(interviewer_user_id=try_parse("usr", interviewer.id))
        )
        session.commit()


@pytest.mark.parametrize("route", sorted(CASES), ids=lambda r: f"{r[0]} {r[1]}")
def test_route_roles(
    route: tuple[str, str], app: FastAPI, api: Api, tenant: TenantHandle, other_tenant: TenantHandle
) -> None:
    """Spec §6: admin — everything; recruiter — what a write key may do; interviewer — only
    the plans assigned to them (404 for others, 403 for routes that are not theirs); a cookie
    write needs its CSRF token; a person of another tenant is refused like a foreign key."""
    world = World(api, tenant, app.state.runtime.secret_key)
    call = CASES[route](world)
    admits = _route(app, route).admits_interviewer
    recruiter, interviewer = world.person("recruiter"), world.person("interviewer")
    admin = world.person("admin")
    before = _audit_count(api)

    # Recruiters: refused on admin routes.
    if call.scope == "admin":
        r = _as(api, call, recruiter)
        assert r.status_code == 403, r.text
        assert r.json()["error"]["code"] == "insufficient_role"

    # An interviewer with nothing assigned: 403 where the route is not theirs; otherwise they
    # see nothing of this plan or candidate (404), an empty list, or themselves.
    r = _as(api, call, interviewer)
    if not admits:
        assert r.status_code == 403, r.text
        assert r.json()["error"]["code"] == "insufficient_role"
    elif call.people_only:
        assert r.status_code == 200, r.text
    elif call.method == "GET" and "{id}" not in route[1]:
        assert r.status_code == 200, r.text
        assert r.json()["data"] == []
    else:
        assert r.status_code == 404, r.text
        assert r.json()["error"]["type"] == "not_found_error"

    # A cookie write without the session's CSRF token.
    if call.method != "GET":
        r = _as(api, call, admin, csrf=False)
        assert r.status_code == 403, r.text
        assert r.json()["error"]["code"] == "csrf_token_invalid"

    # A person of another tenant, with this tenant's ids: like a missing id.
    if call.foreign and not call.foreign_is_filter:
        stranger = other_tenant.new_person("admin", app.state.runtime.secret_key)
        r = _as(api, call, stranger)
        assert r.status_code == 404, r.text

    assert _audit_count(api) == before

    if call.scope == "inbound":  # no person's role grants it: only an ATS's key calls it
        r = _as(api, call, admin)
        assert r.status_code == 403 and r.json()["error"]["code"] == "insufficient_role"
        return

    # Success for the least role that may: an assigned interviewer where the route admits
    # them, else a recruiter, else an admin.
    if admits and not call.people_only:
        _assign(world, interviewer, call.path)
        person = interviewer
    elif admits:
        person = interviewer
    else:
        person = admin if call.scope == "admin" else recruiter
    r = _as(api, call, person)
    assert 200 <= r.status_code < 300, r.text
