"""Every refusal under /scim/v2 is a SCIM error (schema, status, scimType), never our envelope
nor a 500; and every SCIM route refuses a missing key, a key without the scim scope and
another tenant's ids."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.factories import Api
from tests.scim.conftest import PATCH, SCIM, Scim, assert_scim_error

ROUTES = [
    ("GET", "/ServiceProviderConfig"),
    ("GET", "/ResourceTypes"),
    ("GET", "/ResourceTypes/User"),
    ("GET", "/Schemas"),
    ("GET", "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User"),
    ("POST", "/.search"),
    ("GET", "/Users"),
    ("POST", "/Users"),
    ("POST", "/Users/.search"),
    ("GET", "/Users/{user}"),
    ("PUT", "/Users/{user}"),
    ("PATCH", "/Users/{user}"),
    ("DELETE", "/Users/{user}"),
    ("GET", "/Groups"),
    ("POST", "/Groups"),
    ("POST", "/Groups/.search"),
    ("GET", "/Groups/{group}"),
    ("PUT", "/Groups/{group}"),
    ("PATCH", "/Groups/{group}"),
    ("DELETE", "/Groups/{group}"),
]


def test_every_scim_route_is_listed(app: FastAPI) -> None:
    routes, stack = [], list(app.routes)
    while stack:
        route = stack.pop()
        nested = getattr(route, "original_router", None)
        stack.extend(nested.routes if nested is not None else [])
        routes.append(route)
    served = {
        (m, str(getattr(r, "path", "")).removeprefix(SCIM))
        for r in routes
        if getattr(r, "path", "").startswith(SCIM)
        for m in getattr(r, "methods", ())
    }
    listed = {
        (m, p.replace("{user}", "{user_id}").replace("{group}", "{group_id}")) for m, p in ROUTES
    }
    listed = {
        (m, p.replace("User", "{type_id}", 1) if p == "/ResourceTypes/User" else p)
        for m, p in listed
    }
    listed = {(m, "/Schemas/{schema_id}" if p.startswith("/Schemas/") else p) for m, p in listed}
    assert served == listed


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_isolation(
    method: str, path: str, scim: Scim, other_scim: Scim, api: Api, client: TestClient
) -> None:
    user = other_scim.call("POST", "/Users", {"userName": f"{method}{len(path)}x@example.com"})
    group = other_scim.call("POST", "/Groups", {"displayName": f"g-{method}-{path}"})
    url = path.format(user=user.json()["id"], group=group.json()["id"])
    body: dict[str, Any] = (
        {"Operations": []} if method == "PATCH" else {"userName": "n@example.com"}
    )
    sent = body if method in ("POST", "PUT", "PATCH") else None
    r = client.request(method, SCIM + url, json=sent)
    assert_scim_error(r, 401)
    assert r.headers["www-authenticate"].startswith("Bearer")
    r = client.request(
        method, SCIM + url, headers={"Authorization": "Bearer pl_live_nope"}, json=sent
    )
    assert_scim_error(r, 401)
    r = client.request(
        method, SCIM + url, headers={"Authorization": f"Bearer {api.key}"}, json=sent
    )
    assert_scim_error(r, 403)
    if "{" in path:
        assert_scim_error(scim.call(method, url, sent), 404)


def test_bad_filter(scim: Scim) -> None:
    for bad in (
        "userName eq",
        'userName xx "a"',
        '(userName eq "a"',
        'nickName eq "a"',
        "userName eq a",
    ):
        assert_scim_error(scim.call("GET", "/Users", params={"filter": bad}), 400, "invalidFilter")


def test_unknown_path_and_readonly(scim: Scim) -> None:
    uid = scim.call("POST", "/Users", {"userName": "path@example.com"}).json()["id"]
    for path, kind in (
        ("favouriteColour", "invalidPath"),
        ("name.middle", "invalidPath"),
        ("emails[type eq", "invalidPath"),
        ("id", "mutability"),
    ):
        r = scim.call(
            "PATCH",
            f"/Users/{uid}",
            {"schemas": [PATCH], "Operations": [{"op": "replace", "path": path, "value": "x"}]},
        )
        assert_scim_error(r, 400, kind)
    r = scim.call("PATCH", f"/Users/{uid}", {"Operations": [{"op": "remove"}]})
    assert_scim_error(r, 400, "noTarget")
    r = scim.call("PATCH", f"/Users/{uid}", {"Operations": [{"op": "move", "path": "title"}]})
    assert_scim_error(r, 400, "invalidSyntax")
    r = scim.call(
        "PATCH",
        f"/Users/{uid}",
        {"Operations": [{"op": "replace", "path": "active", "value": "maybe"}]},
    )
    assert_scim_error(r, 400, "invalidValue")


def test_duplicate_user_name(scim: Scim) -> None:
    assert scim.call("POST", "/Users", {"userName": "dup@example.com"}).status_code == 201
    assert_scim_error(
        scim.call("POST", "/Users", {"userName": "DUP@example.com"}), 409, "uniqueness"
    )
    assert scim.call("POST", "/Groups", {"displayName": "Admins"}).status_code == 201
    assert_scim_error(scim.call("POST", "/Groups", {"displayName": "admins"}), 409, "uniqueness")


def test_malformed_bodies(scim: Scim, client: TestClient) -> None:
    headers = {"Authorization": f"Bearer {scim.token}", "Content-Type": "application/scim+json"}
    r = client.post(f"{SCIM}/Users", content=b'{"userName": ', headers=headers)
    assert_scim_error(r, 400, "invalidSyntax")
    r = client.post(f"{SCIM}/Users", content=b"[1]", headers=headers)
    assert_scim_error(r, 400, "invalidSyntax")
    r = client.post(f"{SCIM}/Users", content=b'{"userName": "not an e-mail"}', headers=headers)
    assert_scim_error(r, 400, "invalidValue")
    r = client.post(f"{SCIM}/Users", content=b"x" * (2 * 1024 * 1024), headers=headers)
    assert_scim_error(r, 413)
    r = client.post(
        f"{SCIM}/Users", content=b"userName=x", headers={**headers, "Content-Type": "text/plain"}
    )
    assert_scim_error(r, 415)
    assert_scim_error(scim.call("GET", "/Nope"), 404)
    assert_scim_error(scim.call("GET", "/Users?startIndex=abc"), 400, "invalidValue")
    assert_scim_error(scim.call("GET", "/ResourceTypes/Nope"), 404)


def test_a_session_cookie_is_no_scim_credential(scim: Scim, client: TestClient) -> None:
    r = client.get(f"{SCIM}/Users", headers={"Cookie": "pl_session=whatever"})
    assert_scim_error(r, 401)


def test_scim_is_not_in_the_api_document(client: TestClient) -> None:
    assert not any(p.startswith(SCIM) for p in client.get("/openapi.json").json()["paths"])


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/Users?startIndex=99999999999999999999999", None),
        ("GET", "/Users?count=-99999999999999999999999", None),
        ("GET", '/Users?filter=userName eq "a\\u0000b"', None),
        ("POST", "/Groups", {"displayName": "a\u0000"}),
        ("POST", "/Users", {"userName": "nul@example.com", "externalId": "\u0000"}),
        ("POST", "/Users", {"userName": "nul2@example.com", "name": {"givenName": "a\u0000"}}),
    ],
)
def test_bad_values_are_400s_never_500s(
    scim: Scim, method: str, path: str, body: dict[str, Any] | None
) -> None:
    r = scim.call(method, path, body)
    assert r.status_code == 400, r.text
    assert r.json()["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
