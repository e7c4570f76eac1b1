"""A crash in the middle of a request commits nothing and answers with the envelope."""

from __future__ import annotations

import inspect
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from peoplelens.audit.repository import AuditLog
from tests.factories import Api, TenantHandle, unique_email


@pytest.fixture
def quiet_client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize(
    ("path", "target", "method"),
    [
        # The write lane (raw driver, one transaction on the event loop).
        ("/api/v1/candidates", AuditLog, "record"),
        # The ORM session path.
        ("/api/v1/candidates/bulk", AuditLog, "record_many"),
    ],
)
def test_crash_after_flush_rolls_back(
    quiet_client: TestClient,
    tenant: TenantHandle,
    api: Api,
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    target: type,
    method: str,
) -> None:
    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire at /var/lib/secret.db")

    async def async_boom(*_args: object, **_kwargs: object) -> None:
        boom()

    email = unique_email()
    person = {"first_name": "A", "last_name": "B", "email": email}
    body = person if path.endswith("candidates") else {"candidates": [person]}
    count_before = api.get("/api/v1/candidates").json()["pagination"]["total"]
    # The candidate row is written, then the audit write fails: nothing may survive.
    is_async = inspect.iscoroutinefunction(getattr(target, method))
    monkeypatch.setattr(target, method, async_boom if is_async else boom)
    crashed = Api(quiet_client, tenant.key).post(path, json=body)
    monkeypatch.undo()
    assert crashed.status_code == 500
    err = crashed.json()["error"]
    assert err["type"] == "api_error" and err["request_id"] == crashed.headers["x-request-id"]
    assert "disk on fire" not in crashed.text and "Traceback" not in crashed.text
    assert api.get("/api/v1/candidates", params={"email": email}).json()["data"] == []
    assert api.get("/api/v1/candidates").json()["pagination"]["total"] == count_before
    # The same request now succeeds: no half-written row blocks the e-mail.
    ok = api.post(path, json=body)
    assert ok.status_code == 201
    assert api.get("/api/v1/candidates").json()["pagination"]["total"] == count_before + 1


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
