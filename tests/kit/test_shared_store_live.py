"""Real `peoplelens serve` processes sharing rate limits and the revocation signal through
Redis, and one living through the loss of its Redis (README, "Rate limits")."""

from __future__ import annotations

import time
from pathlib import Path

import httpx2 as httpx
import pytest

from peoplelens.db import Database
from tests.databases import POSTGRES_ADMIN_URL
from tests.factories import make_tenant
from tests.live_server import free_port, live_server
from tests.redis_db import own_redis

JOBS = "/api/v1/jobs"
QUIET = {"PEOPLELENS_EMBEDDED_WORKER": "false", "PEOPLELENS_API_KEY_CACHE_SECONDS": "5"}


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.mark.slow
@pytest.mark.skipif(
    not POSTGRES_ADMIN_URL,
    reason="two `serve` processes writing one SQLite file is not a deployment we support; "
    "this runs in the PostgreSQL pass",
)
def test_two_serve_processes_count_one_budget_and_hear_a_revocation(
    database_url: str, db: Database, redis_url: str, tmp_path: Path
) -> None:
    tenant = make_tenant(db, rate_limit=10)
    key_id, key = tenant.new_key(["read"])
    env = {**QUIET, "PEOPLELENS_REDIS_URL": redis_url}
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    with (
        live_server(database_url, tmp_path / "a", public_url=True, **env) as (a, _),
        live_server(database_url, tmp_path / "b", public_url=True, **env) as (b, _),
        httpx.Client(timeout=10) as http,
    ):
        answers = [http.get((a, b)[i % 2] + JOBS, headers=bearer(key)) for i in range(14)]
        assert [r.status_code for r in answers] == [200] * 10 + [429] * 4
        assert [r.headers["ratelimit-remaining"] for r in answers] == [
            str(n) for n in range(9, -1, -1)
        ] + ["0"] * 4
        assert all(r.headers["ratelimit-limit"] == "10" for r in answers)
        # Revoked through A: B, which holds the key in its 5 s cache, refuses it now.
        revoked = http.delete(f"{a}/api/v1/api-keys/key-{key_id}", headers=bearer(tenant.key))
        assert revoked.status_code == 200, revoked.text
        assert http.get(b + JOBS, headers=bearer(key)).status_code == 401


@pytest.mark.slow
def test_a_server_lives_through_losing_its_redis_and_recovers(
    database_url: str, db: Database, tmp_path: Path
) -> None:
    """While Redis is away each process counts alone (the limit holds per process, never a
    500), a revocation still succeeds (the database is the truth), a warning is logged —
    not once per request — and the shared counting resumes when Redis is back."""
    tenant = make_tenant(db, rate_limit=3)
    other_id, other = tenant.new_key(["read"])
    _, admin = tenant.new_key()
    port = free_port()
    env = {**QUIET, "PEOPLELENS_REDIS_URL": f"redis://127.0.0.1:{port}/0"}
    with (
        own_redis(port, tmp_path) as redis_proc,
        live_server(database_url, tmp_path, public_url=True, **env) as (base, _),
        httpx.Client(timeout=10) as http,
    ):
        first = [http.get(base + JOBS, headers=bearer(tenant.key)) for _ in range(2)]
        assert [r.headers.get("ratelimit-remaining") for r in first] == ["2", "1"]

        redis_proc.kill()
        redis_proc.wait(timeout=10)
        away = [http.get(base + JOBS, headers=bearer(tenant.key)) for _ in range(6)]
        # This process's own window (a fresh one): 3 through, then refused.
        assert [r.status_code for r in away] == [200] * 3 + [429] * 3
        assert [r.headers["ratelimit-remaining"] for r in away[:3]] == ["2", "1", "0"]
        revoked = http.delete(f"{base}/api/v1/api-keys/key-{other_id}", headers=bearer(admin))
        assert revoked.status_code == 200, revoked.text
        assert http.get(base + JOBS, headers=bearer(other)).status_code == 401

        with own_redis(port, tmp_path):
            deadline = time.monotonic() + 10
            while True:
                r = http.get(base + JOBS, headers=bearer(tenant.key))
                assert r.status_code in (200, 429), r.text
                # This process's window is spent (429s): a 200 is Redis's fresh window.
                if r.status_code == 200 or time.monotonic() > deadline:
                    break
                time.sleep(0.2)
            # a fresh Redis: a fresh window, counted again
            assert r.status_code == 200 and r.headers["ratelimit-remaining"] == "2"
    log = (tmp_path / "server.log").read_text()
    assert 1 <= log.count("shared_store.unavailable") <= 3, log[-3000:]
    assert " 500" not in log and "Traceback" not in log, log[-3000:]
