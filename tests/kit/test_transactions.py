"""A crash in the middle of a request commits nothing and answers with the envelope."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from peoplelens.audit.repository import AuditRepository
from tests.factories import Api, TenantHandle, unique_email


@pytest.fixture
def quiet_client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def test_crash_after_flush_rolls_back(
    quiet_client: TestClient, tenant: TenantHandle, api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire at /var/lib/secret.db")

    email = unique_email()
    # The candidate row is flushed, then the audit write fails: nothing may survive.
    monkeypatch.setattr(AuditRepository, "record", boom)
    crashed = Api(quiet_client, tenant.key).post(
        "/api/v1/candidates", json={"first_name": "A", "last_name": "B", "email": email}
    )
    monkeypatch.undo()
    assert crashed.status_code == 500
    err = crashed.json()["error"]
    assert err["type"] == "api_error" and err["request_id"] == crashed.headers["x-request-id"]
    assert "disk on fire" not in crashed.text and "Traceback" not in crashed.text
    assert api.get("/api/v1/candidates", params={"email": email}).json()["data"] == []
    # The same request now succeeds: no half-written row blocks the e-mail.
    ok = api.post("/api/v1/candidates", json={"first_name": "A", "last_name": "B", "email": email})
    assert ok.status_code == 201


def test_json_log_line_carries_request_id() -> None:
    import json
    import logging

    from peoplelens.kit.context import request_id_var
    from peoplelens.kit.logs import JsonFormatter

    token = request_id_var.set("req_abc")
    try:
        record = logging.makeLogRecord(
            {"msg": "webhook.delivered", "levelname": "INFO", "name": "peoplelens.x", "ms": 12}
        )
        line = json.loads(JsonFormatter().format(record))
    finally:
        request_id_var.reset(token)
    assert line["event"] == "webhook.delivered" and line["ms"] == 12
    assert line["request_id"] == "req_abc"
