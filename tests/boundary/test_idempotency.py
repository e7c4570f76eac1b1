"""Idempotency-Key across callers (spec §1): a stored answer belongs to the caller that made it.

Another key of the same tenant sending the same ``Idempotency-Key`` gets its own answer — or
its own 403, because the route's scope is checked before any replay — never the first
caller's. No stored answer keeps a secret in clear.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import select, update

from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.kit.time import utcnow
from peoplelens.models import IdempotencyRecord
from peoplelens.retention.tasks import sweep
from tests.factories import Api, TenantHandle, token_of
from tests.scan import scan
from tests.test_route_matrix import CASES, World

Secret = Callable[[dict[str, Any]], str]


def _webhook(api: Api) -> str:
    r = api.post("/api/v1/webhooks", json={"url": "http://127.0.0.1:9/hook", "enabled": False})
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


# Every POST whose answer carries a secret shown once: (path, body, where the secret is).
SECRET_POSTS: dict[str, tuple[Callable[[Api], str], Callable[[Api], Any], Secret]] = {
    "api-keys": (lambda a: "/api/v1/api-keys", lambda a: {"name": "ci"}, lambda b: b["key"]),
    "webhooks": (
        lambda a: "/api/v1/webhooks",
        lambda a: {"url": "http://127.0.0.1:9/hook"},
        lambda b: b["secret"],
    ),
    "rotate-secret": (
        lambda a: f"/api/v1/webhooks/{_webhook(a)}/rotate-secret",
        lambda a: None,
        lambda b: b["secret"],
    ),
    "invite": (
        lambda a: "/api/v1/interviews/invite",
        lambda a: {"candidate_id": a.candidate()["id"], "template_id": a.template()["id"]},
        lambda b: token_of(b),
    ),
}


@pytest.mark.parametrize("name", sorted(SECRET_POSTS))
def test_a_secret_answer_is_only_ever_its_callers(
    name: str, api: Api, tenant: TenantHandle, db: Database
) -> None:
    path_of, body_of, secret_of = SECRET_POSTS[name]
    path, body = path_of(api), body_of(api)
    key = f"k-{uuid.uuid4().hex}"
    headers = {"Idempotency-Key": key}

    first = api.post(path, json=body, headers=headers)
    assert first.status_code in (200, 201), first.text
    secret = secret_of(first.json())
    again = api.post(path, json=body, headers=headers)
    assert again.headers.get("idempotent-replayed") == "true"
    assert secret_of(again.json()) == secret  # the caller itself gets its answer back

    # A read key of the same tenant, same key and body: refused before any replay.
    _, read_key = tenant.new_key(["read"])
    refused = Api(api.client, read_key).post(path, json=body, headers=headers)
    assert refused.status_code == 403, refused.text
    assert refused.json()["error"]["code"] == "insufficient_scope"
    assert secret not in refused.text and "idempotent-replayed" not in refused.headers

    # Another admin key, same key and body: a request of its own, with its own answer.
    _, other_admin = tenant.new_key()
    own = Api(api.client, other_admin).post(path, json=body, headers=headers)
    assert "idempotent-replayed" not in own.headers
    assert secret not in own.text

    # Nothing anywhere in the database holds the secret (or the other caller's) in clear.
    needles = [secret] + ([secret_of(own.json())] if own.status_code in (200, 201) else [])
    with db.read_session() as session:
        assert scan(session, needles) == []
        rows = session.scalars(select(IdempotencyRecord).where(IdempotencyRecord.key == key)).all()
    assert {r.caller for r in rows} >= {f"key-{_key_id(api, tenant)}"}
    assert all(r.sealed_body.startswith("v1:") for r in rows)


def _key_id(api: Api, tenant: TenantHandle) -> uuid.UUID:
    """The id of the tenant's first (admin) key, the one ``api`` uses."""
    keys = api.get("/api/v1/api-keys").json()["data"]
    return uuid.UUID(str(keys[-1]["id"]).removeprefix("key-"))


POSTS = sorted(route for route in CASES if route[0] == "POST")


@pytest.mark.parametrize("route", POSTS, ids=lambda r: r[1])
def test_every_post_checks_the_scope_before_a_replay(
    route: tuple[str, str], app: FastAPI, api: Api, tenant: TenantHandle
) -> None:
    """Every POST: the owner's answer is never replayed to a key the route refuses, and
    another key allowed by the route gets an answer of its own."""
    call = CASES[route](World(api, tenant, app.state.runtime.secret_key))
    key = f"k-{uuid.uuid4().hex}"
    owner = api
    if call.scope == "inbound":  # only an ATS's own key may call it (its owner's is refused)
        owner = Api(api.client, tenant.new_key(["inbound"])[1])
    first = owner.post(
        call.path,
        json=call.json,
        params=call.params,
        files=call.files,
        headers={"Idempotency-Key": key},
    )
    assert 200 <= first.status_code < 300, first.text
    _, read_key = tenant.new_key(["read"])
    r = Api(api.client, read_key).post(
        call.path,
        json=call.json,
        params=call.params,
        files=call.files,
        headers={"Idempotency-Key": key},
    )
    assert r.status_code == 403 and "idempotent-replayed" not in r.headers, r.text
    if call.scope == "admin":
        _, write_key = tenant.new_key(["write"])
        r = Api(api.client, write_key).post(
            call.path,
            json=call.json,
            params=call.params,
            files=call.files,
            headers={"Idempotency-Key": key},
        )
        assert r.status_code == 403 and "idempotent-replayed" not in r.headers, r.text
    _, other = tenant.new_key(["inbound"] if call.scope == "inbound" else None)
    r = Api(api.client, other).post(
        call.path,
        json=call.json,
        params=call.params,
        files=call.files,
        headers={"Idempotency-Key": key},
    )
    assert "idempotent-replayed" not in r.headers, r.text
    # A signed-in person is a caller of their own: never handed the key's answer.
    person = tenant.new_person("admin", app.state.runtime.secret_key)
    r = api.client.post(
        call.path,
        json=call.json,
        params=call.params,
        files=call.files,
        headers={"Idempotency-Key": key, **person.headers()},
    )
    assert "idempotent-replayed" not in r.headers, r.text
    replay = owner.post(
        call.path,
        json=call.json,
        params=call.params,
        files=call.files,
        headers={"Idempotency-Key": key},
    )
    assert replay.headers.get("idempotent-replayed") == "true"
    assert (replay.status_code, replay.content) == (first.status_code, first.content)


def test_records_older_than_the_window_are_purged(
    api: Api, db: Database, settings: Settings
) -> None:
    old_key, fresh_key = f"old-{uuid.uuid4().hex}", f"fresh-{uuid.uuid4().hex}"
    for key in (old_key, fresh_key):
        r = api.post("/api/v1/jobs", json={"title": "Kept"}, headers={"Idempotency-Key": key})
        assert r.status_code == 201
    with db.write_session() as session:
        session.execute(
            update(IdempotencyRecord)
            .where(IdempotencyRecord.key == old_key)
            .values(created_at=utcnow() - timedelta(hours=25))
        )
        session.commit()
    assert sweep(db, settings)["idempotency_records"] >= 1
    with db.read_session() as session:
        left = set(session.scalars(select(IdempotencyRecord.key)).all())
    assert old_key not in left and fresh_key in left
    # The purged key is free again: the request runs anew.
    r = api.post("/api/v1/jobs", json={"title": "Kept"}, headers={"Idempotency-Key": old_key})
    assert r.status_code == 201 and "idempotent-replayed" not in r.headers


def test_concurrent_same_key_on_a_session_route_runs_once(api: Api) -> None:
    """The placeholder holds the key before the endpoint runs, on a session route too: eight
    simultaneous cancels of one plan with one key all get the first answer (200), not the
    "already cancelled" 409 a second run would compute once the first has committed."""
    plan = api.invite(api.candidate()["id"], api.template()["id"])
    key = f"k-{uuid.uuid4().hex}"
    results: list[Any] = []
    barrier = threading.Barrier(8)

    def go() -> None:
        barrier.wait()
        results.append(
            api.post(
                f"/api/v1/interviews/{plan['plan_id']}/cancel", headers={"Idempotency-Key": key}
            )
        )

    threads = [threading.Thread(target=go) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.status_code for r in results] == [200] * 8, [r.text for r in results]
    assert sum(1 for r in results if "idempotent-replayed" not in r.headers) == 1
    assert len({r.content for r in results}) == 1
