"""Plain helpers of the SSO tests: people, the settings call, the two halves of a sign-in."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fastapi import FastAPI
from fastapi.testclient import TestClient

from peoplelens.auth.principal import Principal
from peoplelens.db import Database
from peoplelens.models import User
from peoplelens.users.schemas import UserCreate
from peoplelens.users.service import change_user, create_user
from tests.factories import Api, browser_client
from tests.sso.provider import CALLBACK, CLIENT_ID, CLIENT_SECRET, sign_in_at_provider


def make_user(
    db: Database, tenant_id: uuid.UUID, email: str, *, role: str = "recruiter", enabled: bool = True
) -> uuid.UUID:
    with db.write_session() as session:
        principal = Principal.system(tenant_id)
        user = create_user(session, principal, UserCreate(email=email, role=role))
        if not enabled:
            change_user(session, principal, user, {"is_enabled": False})
        session.commit()
        return user.id


def user_row(db: Database, user_id: uuid.UUID) -> User:
    with db.read_session() as session:
        row = session.get(User, user_id)
        assert row is not None
        return row


def configure(api: Api, issuer: str, **fields: Any) -> dict[str, Any]:
    body = {"issuer": issuer, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, **fields}
    response = api.put("/api/v1/sso", json=body)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def browser(app: FastAPI) -> TestClient:
    """A fresh browser: its own cookie jar, redirects not followed."""
    return browser_client(app, follow_redirects=False)


def start(client: TestClient, slug: str, **params: str) -> str:
    """``/auth/oidc/login``: the provider's authorization URL it redirects to."""
    response = client.get("/auth/oidc/login", params={"workspace": slug, **params})
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


def round_trip(client: TestClient, slug: str, login: str, **params: str) -> str:
    """Start, sign in at the provider as ``login``: the callback URL the provider gives back."""
    return sign_in_at_provider(start(client, slug, **params), login, CALLBACK)


def callback(client: TestClient, url: str) -> Any:
    parts = urlsplit(url)
    return client.get(f"{parts.path}?{parts.query}")


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def audit(api: Api, action: str) -> list[dict[str, Any]]:
    response = api.get("/api/v1/audit-logs", params={"action": action, "limit": 100})
    assert response.status_code == 200, response.text
    data: list[dict[str, Any]] = response.json()["data"]
    return data
