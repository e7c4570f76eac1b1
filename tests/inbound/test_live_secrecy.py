"""A real `peoplelens serve`: the `?api_token=` an ATS sends never reaches a log line, an error
message, the metrics, the audit log, an event, the idempotency store or the inbound records."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx2 as httpx
import pytest
from sqlalchemy import select

from peoplelens.db import Database
from peoplelens.models import AuditEntry, Event, IdempotencyRecord, InboundEvent, Tenant
from tests.factories import unique_email
from tests.inbound.payloads import recruitee_candidate, recruitee_event, recruitee_offer
from tests.live_server import cli, free_port, server_env, start_server

pytestmark = pytest.mark.slow


def test_token_is_never_written_down(database_url: str, db: Database, tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = server_env(database_url, tmp_path, base, PEOPLELENS_METRICS_TOKEN="metrics-" + "m" * 32)
    slug = f"t-{uuid.uuid4().hex[:12]}"
    assert cli(env, "tenants", "create", slug, "--name", "Live ATS").returncode == 0
    made = cli(env, "api-keys", "create", "--tenant", slug, "--scope", "inbound")
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip().splitlines()[-1]
    assert "(inbound)" in made.stdout
    proc = start_server(env, tmp_path, port)
    try:
        url = f"{base}/api/v1/inbound/recruitee"
        person = recruitee_candidate(4242, unique_email())
        event = recruitee_event("new_candidate", person, recruitee_offer(17))
        ok = httpx.post(url, params={"api_token": token}, json=event, timeout=10)
        assert ok.status_code == 200 and ok.json()["outcome"] == "created", ok.text
        # Failing calls: a clash (the same e-mail under another Recruitee id), a malformed
        # payload, an idempotent retry, a key in the query of another route, a bad token.
        twin = recruitee_event("new_candidate", {**person, "id": 4343})
        clash = httpx.post(url, params={"api_token": token}, json=twin, timeout=10)
        assert clash.status_code == 409, clash.text
        bad = httpx.post(url, params={"api_token": token}, json={"id": 1}, timeout=10)
        assert bad.status_code == 422
        keyed = httpx.post(
            url,
            params={"api_token": token, "note": "x"},
            json={"test": True},
            headers={"Idempotency-Key": "k-1"},
            timeout=10,
        )
        assert keyed.status_code == 200
        elsewhere = httpx.get(f"{base}/api/v1/candidates", params={"api_token": token}, timeout=10)
        assert elsewhere.status_code == 401
        wrong = httpx.post(url, params={"api_token": token + "x"}, json=event, timeout=10)
        assert wrong.status_code == 401
        for answer in (ok, clash, bad, keyed, elsewhere, wrong):
            assert token not in answer.text
        metrics = httpx.get(
            f"{base}/metrics",
            headers={"Authorization": "Bearer metrics-" + "m" * 32},
            timeout=10,
        )
        assert metrics.status_code == 200 and "/api/v1/inbound/{provider}" in metrics.text
        assert token not in metrics.text
    finally:
        proc.terminate()
        proc.wait(timeout=20)

    log = (tmp_path / "server.log").read_text()
    # The log is really captured: the calls above are in it, by their events.
    assert "inbound.received" in log and "inbound.rejected" in log
    assert token not in log and token[8:] not in log

    with db.read_session() as s:
        tenant_id = s.scalars(select(Tenant.id).where(Tenant.slug == slug)).one()
        stored = [
            *(
                repr(d)
                for d in s.scalars(
                    select(AuditEntry.details).where(AuditEntry.tenant_id == tenant_id)
                )
            ),
            *(
                repr(p)
                for p in s.scalars(select(Event.payload).where(Event.tenant_id == tenant_id))
            ),
            *(
                repr(r.__dict__)
                for r in s.scalars(
                    select(IdempotencyRecord).where(IdempotencyRecord.tenant_id == tenant_id)
                )
            ),
            *(
                repr(r.__dict__)
                for r in s.scalars(select(InboundEvent).where(InboundEvent.tenant_id == tenant_id))
            ),
        ]
    assert len(stored) > 5  # the calls left their rows
    assert not [row for row in stored if token in row or token[8:] in row]
