"""Crash safety: `peoplelens worker` processes killed with SIGKILL at random moments while
thousands of events flow. After a clean restart every event has been delivered at least once,
and any duplicate carries the same webhook-id and body. Two workers share the queue on
PostgreSQL; one at a time on SQLite."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from peoplelens.db import Database
from peoplelens.models import Event
from tests.factories import Api, TenantHandle
from tests.live_server import BIN
from tests.webhooks.receiver import Receiver

EVENTS = int(os.environ.get("PL_CRASH_EVENTS", "2000"))


def _spawn(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(BIN), "worker"], env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT
    )


@pytest.mark.slow
def test_sigkill_loses_nothing(
    api: Api,
    client: TestClient,
    db: Database,
    tenant: TenantHandle,
    database_url: str,
    tmp_path: Path,
) -> None:
    receiver = Receiver()
    r = api.post("/api/v1/webhooks", json={"url": receiver.url, "events": ["candidate.created"]})
    assert r.status_code == 201
    for batch in range(max(1, EVENTS // 1000)):
        items = [
            {
                "first_name": "W",
                "last_name": f"{batch}-{i}",
                "email": f"w{batch}.{i}.{uuid.uuid4().hex[:6]}@example.com",
            }
            for i in range(min(EVENTS, 1000))
        ]
        assert api.post("/api/v1/candidates/bulk", json={"candidates": items}).status_code == 201
    with db.read_session() as s:
        expected = {
            f"evt-{i}"
            for i in s.scalars(
                select(Event.id).where(
                    Event.tenant_id == tenant.id, Event.type == "candidate.created"
                )
            )
        }
    assert len(expected) == EVENTS

    settings = client.app.state.runtime.settings  # type: ignore[attr-defined]
    env = {
        **os.environ,
        "PEOPLELENS_DATABASE_URL": database_url,
        "PEOPLELENS_SECRET_KEY": settings.secret_key,
        "PEOPLELENS_WEBHOOK_ALLOW_PRIVATE_URLS": "true",
        "PEOPLELENS_AI_ENCODER": "lexical",
    }
    parallel = 1 if database_url.startswith("sqlite") else 2
    rng = random.Random(7)
    log = tmp_path / "workers.log"
    workers: list[subprocess.Popen[bytes]] = []
    kills = 0
    started = time.monotonic()
    try:
        # Chaos: keep `parallel` workers running, SIGKILL one at a random moment, repeat.
        while time.monotonic() - started < 25:
            while len(workers) < parallel:
                workers.append(_spawn(env, log))
            time.sleep(rng.uniform(0.3, 1.5))
            victim = workers.pop(rng.randrange(len(workers)))
            victim.send_signal(signal.SIGKILL)
            victim.wait()
            kills += 1
            if {e["id"] for e in receiver.events()} >= expected:
                break
        delivered_under_chaos = len({e["id"] for e in receiver.events()} & expected)
        # Restart cleanly; leases of killed workers expire and their deliveries resume.
        while len(workers) < parallel:
            workers.append(_spawn(env, log))
        deadline = time.monotonic() + 120
        while {e["id"] for e in receiver.events()} < expected:
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.5)
    finally:
        for w in workers:
            w.terminate()
            w.wait(timeout=30)
        receiver.close()

    by_id: dict[str, set[bytes]] = {}
    for item in receiver.received:
        by_id.setdefault(item.headers["webhook-id"], set()).add(item.body)
        assert item.event["id"] == item.headers["webhook-id"]
    assert set(by_id) >= expected
    assert all(len(bodies) == 1 for bodies in by_id.values()), "a duplicate differed"
    duplicates = len(receiver.received) - len(by_id)
    print(
        f"{EVENTS} events, {kills} SIGKILLs, {parallel} worker(s): "
        f"{delivered_under_chaos} delivered during the chaos, all after restart; "
        f"{duplicates} duplicate deliveries (same webhook-id)"
    )
