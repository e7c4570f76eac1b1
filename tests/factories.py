"""Plain factory functions: tenants with keys, and API calls that create objects."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import httpx2 as httpx
from fastapi.testclient import TestClient

from peoplelens.auth.keys import create_key
from peoplelens.auth.principal import Principal
from peoplelens.db import Database
from peoplelens.tenants.service import create_tenant
from peoplelens.users.schemas import UserCreate
from peoplelens.users.service import create_user
from peoplelens.users.sessions import COOKIE, csrf_token, start_session


@dataclass
class Person:
    """A signed-in user of a tenant: their id, session cookie and its CSRF token."""

    id: str
    role: str
    email: str
    cookie: str
    csrf: str

    def headers(self, *, csrf: bool = True) -> dict[str, str]:
        out = {"Cookie": f"{COOKIE}={self.cookie}"}
        if csrf:
            out["X-CSRF-Token"] = self.csrf
        return out


@dataclass
class TenantHandle:
    id: uuid.UUID
    slug: str
    key: str
    db: Database

    def new_key(self, scopes: list[str] | None = None) -> tuple[uuid.UUID, str]:
        with self.db.write_session() as session:
            row, secret = create_key(session, Principal.system(self.id), name="test", scopes=scopes)
            session.commit()
            return row.id, secret

    def new_person(self, role: str, server_secret: bytes, email: str | None = None) -> Person:
        """A user with ``role`` and a fresh signed-in session (as a sign-in would leave it)."""
        email = email or unique_email(role)
        with self.db.write_session() as session:
            principal = Principal.system(self.id)
            user = create_user(session, principal, UserCreate(email=email, role=role))
            cookie = start_session(session, principal, user, method="password")
            session.commit()
            return Person(f"usr-{user.id}", role, email, cookie, csrf_token(server_secret, cookie))


def make_tenant(
    db: Database,
    *,
    candidate_quota: int | None = None,
    rate_limit: int | None = None,
    name: str | None = None,
) -> TenantHandle:
    slug = f"t-{uuid.uuid4().hex[:12]}"
    with db.write_session() as session:
        tenant = create_tenant(
            session,
            slug,
            name or f"Tenant {slug}",
            candidate_quota=candidate_quota,
            rate_limit_per_minute=rate_limit,
        )
        _, key = create_key(session, Principal.system(tenant.id), name="admin")
        session.commit()
        return TenantHandle(tenant.id, slug, key, db)


def browser_client(app: Any, **kwargs: Any) -> TestClient:
    """Another client of a running ``app`` (its own cookie jar: one browser), on the event loop
    the app runs on. A TestClient outside ``with`` starts a loop per request, and the async
    database lanes' connections belong to the loop that opened them: on PostgreSQL a request
    on another loop can wait forever."""
    client = TestClient(app, **kwargs)
    portal = getattr(app.state, "test_portal", None)
    assert portal is not None, "start the app first (with TestClient(app) as client: ...)"
    client.portal = portal
    return client


def run_tasks(client: TestClient) -> int:
    """Run the queued background work now, as the worker would."""
    from peoplelens.worker.runner import run_pending

    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    return run_pending(runtime.db, runtime.task_context())


def run_webhooks(client: TestClient, rounds: int = 50) -> int:
    """Fan out new events and send due deliveries, as the worker would, until idle."""
    from peoplelens.webhooks.deliverer import Deliverer
    from peoplelens.webhooks.dispatch import fan_out

    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    deliverer = Deliverer(runtime.db, runtime.settings, runtime.secret_key)
    done = 0
    try:
        for _ in range(rounds):
            step = fan_out(runtime.db) + deliverer.run_round()
            done += step
            if not step:
                if deliverer.idle():
                    break
                deliverer.wait_idle(runtime.settings.webhook_deadline_seconds + 5)
    finally:
        deliverer.close()
    return done


def token_of(invite: dict[str, Any]) -> str:
    return str(invite["booking_link"]["url"]).rsplit("/", 1)[1]


def unique_email(prefix: str = "cand") -> str:
    return f"{prefix}.{uuid.uuid4().hex[:10]}@example.com"


class Api:
    """A client bound to one API key; every helper asserts the call succeeded."""

    def __init__(self, client: TestClient, key: str) -> None:
        self.client = client
        self.key = key

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}", **(extra or {})}

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = self.headers(kwargs.pop("headers", None))
        return self.client.request(method, path, headers=headers, **kwargs)

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("PATCH", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("PUT", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", path, **kwargs)

    # -- creators ------------------------------------------------------------------------
    def _created(self, response: httpx.Response) -> dict[str, Any]:
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body

    def job(self, **fields: Any) -> dict[str, Any]:
        return self._created(self.post("/api/v1/jobs", json={"title": "Go Engineer", **fields}))

    def candidate(self, **fields: Any) -> dict[str, Any]:
        body = {"first_name": "Ada", "last_name": "Lovelace", "email": unique_email(), **fields}
        return self._created(self.post("/api/v1/candidates", json=body))

    def template(self, **fields: Any) -> dict[str, Any]:
        body = {
            "title": "Screening",
            "initial_message": "Hello!",
            "ending_message": "Thanks!",
            "structure_template": [
                {"text": "Tell me about a Go service you built.", "type": "technical"},
                {"text": "Describe a conflict you resolved.", "type": "behavioral"},
            ],
            **fields,
        }
        return self._created(self.post("/api/v1/templates", json=body))

    def complete_interview(
        self, answers: list[str] | None = None, **template: Any
    ) -> dict[str, Any]:
        """Invite a candidate and answer every question through the conversation API."""
        cand = self.candidate()
        tpl = self.template(**template)
        invite = self.invite(cand["id"], tpl["id"])
        token = token_of(invite)
        base = f"/api/v1/interview-sessions/{token}"
        state = self.client.post(f"{base}/consent", json={"consent": True}).json()
        replies = iter(answers or [])
        turn = 0
        while state["state"] == "in_progress":
            turn += 1
            text = next(replies, None) or (
                f"({turn}) At my last job I built a Go service that handled 5,000 requests per "
                "second. I profiled it with pprof, fixed a goroutine leak and cut p99 latency "
                "from 900 ms to 120 ms, and I wrote table-driven tests for every handler."
            )
            r = self.client.post(f"{base}/messages", json={"text": text})
            assert r.status_code == 200, r.text
            state = r.json()
        return {
            "candidate": cand,
            "template": tpl,
            "invite": invite,
            "token": token,
            "state": state,
        }

    def invite(self, candidate_id: str, template_id: str, **fields: Any) -> dict[str, Any]:
        body = {"candidate_id": candidate_id, "template_id": template_id, **fields}
        return self._created(self.post("/api/v1/interviews/invite", json=body))
