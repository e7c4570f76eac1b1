"""People for the sign-in tests: a user with a password, and a browser-like client that signs
in through the real form (its CSRF cookie and token included)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

import httpx2 as httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient

from peoplelens.auth.principal import Principal
from peoplelens.models import User
from peoplelens.users import passwords
from peoplelens.users.schemas import UserCreate
from peoplelens.users.service import create_user, set_password_link
from peoplelens.users.signin import hasher_of
from tests.factories import browser_client

PASSWORD = "correct horse battery staple"
_HIDDEN = re.compile(r'name="csrf_token" value="([^"]+)"')
_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


@dataclass
class Person:
    id: uuid.UUID
    tenant_id: uuid.UUID
    email: str
    role: str


def make_person(
    app: FastAPI,
    tenant_id: uuid.UUID,
    *,
    role: str = "recruiter",
    password: str | None = PASSWORD,
    email: str | None = None,
) -> Person:
    runtime = app.state.runtime
    email = email or f"Person.{uuid.uuid4().hex[:10]}@Example.com"
    with runtime.db.write_session() as session:
        user = create_user(
            session,
            Principal.system(tenant_id),
            UserCreate(email=email, first_name="Grace", last_name="Hopper", role=role),
        )
        if password is not None:
            user.password_hash = passwords.hash_password(hasher_of(runtime.settings), password)
        session.commit()
        return Person(user.id, tenant_id, user.email, user.role)


def link_for(app: FastAPI, person: Person) -> str:
    """A fresh set-password link's path (``/set-password/<token>``)."""
    runtime = app.state.runtime
    with runtime.db.write_session() as session:
        user = session.get(User, person.id)
        assert user is not None
        url = set_password_link(
            session, Principal.system(person.tenant_id), user, public_url="", hours=72
        )
        session.commit()
    return url


def browser(
    app: FastAPI, address: str = "testclient", base_url: str = "http://testserver"
) -> TestClient:
    """A client of its own (its own cookie jar), not following redirects, like one browser."""
    return browser_client(app, base_url=base_url, follow_redirects=False, client=(address, 50000))


def form_csrf(client: TestClient, path: str = "/login") -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = _HIDDEN.search(page.text)
    assert found is not None, page.text
    return found.group(1)


def sign_in(
    client: TestClient, workspace: str, email: str, password: str = PASSWORD, **headers: str
) -> httpx.Response:
    token = form_csrf(client)
    return client.post(
        "/login",
        data={"workspace": workspace, "email": email, "password": password, "csrf_token": token},
        headers=headers,
    )


def page_csrf(client: TestClient) -> str:
    """The signed-in page's CSRF token (its ``<meta name="csrf-token">``)."""
    page = client.get("/me")
    assert page.status_code == 200, page.text
    found = _META.search(page.text)
    assert found is not None, page.text
    return found.group(1)


def audit(client: TestClient, key: str, action: str) -> list[dict[str, Any]]:
    """The tenant's audit entries of ``action``, newest first, through the API."""
    r = client.get(
        "/api/v1/audit-logs",
        params={"action": action, "limit": 100},
        headers={"Authorization": f"Bearer {key}"},
    )
    assert r.status_code == 200, r.text
    rows: list[dict[str, Any]] = r.json()["data"]
    return rows
