"""SCIM test helpers: a tenant's SCIM token and a client that sends it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.factories import Api, TenantHandle

SCIM = "/scim/v2"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"


@dataclass
class Scim:
    client: TestClient
    token: str

    def call(self, method: str, path: str, body: Any = None, **kw: Any) -> Any:
        headers = {"Authorization": f"Bearer {self.token}", **kw.pop("headers", {})}
        if body is not None:
            headers.setdefault("Content-Type", "application/scim+json")
            kw["json"] = body
        return self.client.request(method, SCIM + path, headers=headers, **kw)


def scim_token(api: Api) -> str:
    r = api.post("/api/v1/api-keys", json={"name": "okta", "scopes": ["scim"]})
    assert r.status_code == 201, r.text
    body = r.json()
    return str(body.get("key") or body.get("secret") or body["token"])


@pytest.fixture
def scim(client: TestClient, api: Api) -> Scim:
    return Scim(client, scim_token(api))


@pytest.fixture
def other_scim(client: TestClient, other_api: Api) -> Scim:
    return Scim(client, scim_token(other_api))


def assert_scim_error(r: Any, status: int, scim_type: str | None = None) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/scim+json")
    body: dict[str, Any] = r.json()
    assert body["schemas"] == [ERROR]
    assert body["status"] == str(status)
    assert body["detail"]
    if scim_type is not None:
        assert body.get("scimType") == scim_type, body
    return body


__all__ = ["TenantHandle"]
