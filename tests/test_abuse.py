"""Abuse limits: oversized and hostile input get a clear 4xx and change nothing; bursts are
cut off with 429 per key without touching other tenants; secrets are stored hashed and never
logged."""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from peoplelens.kit.crypto import sha256_hex
from tests.factories import (
    Api,
    TenantHandle,
    make_tenant,
    run_tasks,
    run_webhooks,
    token_of,
    unique_email,
)
from tests.webhooks.receiver import Receiver

JSON = {"Content-Type": "application/json"}


def _count(api: Api) -> int:
    return int(api.get("/api/v1/candidates", params={"limit": 1}).json()["pagination"]["total"])


def _assert_envelope(r: Any, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text[:300]
    error = r.json()["error"]
    assert error["message"] and error["type"] and error["code"]
    return dict(error)


def test_a_10_mb_name_is_refused_before_parsing(api: Api) -> None:
    before = _count(api)
    body = {"first_name": "x" * (10 * 1024 * 1024), "last_name": "B", "email": unique_email()}
    r = api.post("/api/v1/candidates", content=json.dumps(body).encode(), headers=JSON)
    assert _assert_envelope(r, 413)["code"] == "payload_too_large"
    assert _count(api) == before


def test_a_long_name_within_the_body_limit_is_a_field_error(api: Api) -> None:
    body = {"first_name": "x" * 500_000, "last_name": "B", "email": unique_email()}
    r = api.post("/api/v1/candidates", json=body)
    assert _assert_envelope(r, 422)["param"] == "first_name"


def test_a_100k_item_bulk_is_refused_whole(api: Api) -> None:
    before = _count(api)
    items = [
        {"first_name": "A", "last_name": str(i), "email": f"b{i}@x.io"} for i in range(100_000)
    ]
    r = api.post("/api/v1/candidates/bulk", json={"candidates": items})
    assert r.status_code in (413, 422)
    _assert_envelope(r, r.status_code)
    # Under the byte limit but over the item limit: a 422 naming the list.
    few = [{"first_name": "A", "last_name": "B", "email": f"{i}@x.io"} for i in range(1001)]
    r = api.post("/api/v1/candidates/bulk", json={"candidates": few})
    assert _assert_envelope(r, 422)["param"] == "candidates"
    assert _count(api) == before


@pytest.mark.parametrize("depth", [33, 10_000, 200_000])
def test_deeply_nested_json_is_a_4xx(api: Api, depth: int) -> None:
    nested = "[" * depth + "]" * depth
    person = f'"first_name":"A","last_name":"B","email":"{unique_email()}"'
    raw = f'{{{person},"metadata":{{"a":{nested}}}}}'
    r = api.post("/api/v1/candidates", content=raw.encode(), headers=JSON)
    assert 400 <= r.status_code < 500, r.text[:300]
    _assert_envelope(r, r.status_code)


def test_a_burst_is_cut_at_the_key_limit_and_spares_other_tenants(
    client: TestClient, db: Any, other_api: Api
) -> None:
    limited = make_tenant(db, rate_limit=25)
    headers = {"Authorization": f"Bearer {limited.key}"}
    answers: list[Any] = []
    lock = threading.Lock()

    def fire() -> None:
        for _ in range(8):
            r = client.get("/api/v1/candidates", headers=headers)
            with lock:
                answers.append(r)

    threads = [threading.Thread(target=fire) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    codes = [r.status_code for r in answers]
    assert len(codes) == 80 and set(codes) <= {200, 429}
    assert codes.count(200) == 25
    for r in answers:
        assert r.headers["RateLimit-Limit"] == "25"
        if r.status_code == 429:
            assert int(r.headers["Retry-After"]) >= 1
            assert r.json()["error"]["type"] == "rate_limit_error"
    assert other_api.get("/api/v1/candidates").status_code == 200


def test_api_keys_are_stored_only_as_hashes(db: Any, tenant: TenantHandle) -> None:
    _key_id, secret = tenant.new_key()
    with db.engine.connect() as conn:
        rows = conn.execute(text("SELECT * FROM api_keys")).mappings().all()
    dumped = json.dumps([dict(r) for r in rows], default=str)
    assert secret not in dumped and secret[8:40] not in dumped
    assert sha256_hex(secret) in dumped


def test_no_secret_is_ever_logged(
    api: Api, client: TestClient, tenant: TenantHandle, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secrets: list[str] = [api.key]
    key = api.post("/api/v1/api-keys", json={"name": "logged?"}).json()
    secrets.append(key["key"])
    # Receivers often put a secret in their URL (Slack-style); delivering must not log it.
    receiver = Receiver()
    url_secret = "urlsecret" + uuid.uuid4().hex
    hook = api.post(
        "/api/v1/webhooks", json={"url": f"{receiver.url}/{url_secret}", "events": ["*"]}
    ).json()
    secrets += [hook["secret"], url_secret]
    candidate = api.candidate()
    template = api.template()
    invite = api.invite(candidate["id"], template["id"])
    secrets.append(token_of(invite))
    # Failures log too: a wrong key, a malformed header, a bad body, a 404 with the token.
    client.get("/api/v1/candidates", headers={"Authorization": f"Bearer {api.key}x"})
    client.get("/api/v1/candidates", headers={"Authorization": api.key})
    api.post("/api/v1/candidates", json={"first_name": 1})
    client.get(f"/api/v1/interview-sessions/{token_of(invite)}x")
    client.get(f"/api/v1/interview-sessions/{token_of(invite)}")
    run_tasks(api.client)  # the worker and the webhook deliverer log per task / delivery
    try:
        deadline = time.monotonic() + 20  # other tests' backlog may be ahead of ours
        while not receiver.received and time.monotonic() < deadline:
            run_webhooks(api.client)
        assert receiver.received, "no delivery: the URL secret was never exercised"
    finally:
        receiver.close()
    # The test's own HTTP client logs the URLs it calls; that is the caller's log, not ours.
    ours = [
        r
        for r in caplog.records
        if not r.getMessage().startswith("HTTP Request: ") or "testserver" not in r.getMessage()
    ]
    logged = "".join(r.getMessage() + json.dumps(r.__dict__, default=str) for r in ours)
    assert any(r.name.startswith("peoplelens") for r in ours), "nothing of ours was logged"
    for secret in secrets:
        assert secret not in logged


def test_nul_characters_are_refused_on_both_databases(api: Api) -> None:
    """Found by fuzzing on PostgreSQL (whose text type cannot hold U+0000): a 500 before."""
    r = api.post("/api/v1/jobs/bulk", json={"jobs": [{"title": "a\u0000b"}]})
    assert _assert_envelope(r, 422)["code"] == "invalid_body"
    body = {
        "first_name": "A",
        "last_name": "B",
        "email": unique_email(),
        "metadata": {"k\u0000": 1},
    }
    assert api.post("/api/v1/candidates", json=body).status_code == 422
    r = api.get("/api/v1/candidates", params={"q": "a\u0000"})
    assert _assert_envelope(r, 422)["code"] == "invalid_character"
