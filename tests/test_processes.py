"""Past one machine (spec §11). On SQLite: what it supports (one `serve` process, one worker
loop per database file) is enforced, and what it does not is refused with the reason."""

from __future__ import annotations

import subprocess
import time
import uuid
from pathlib import Path
from typing import Any, cast

import httpx2 as httpx
import pytest

from tests.databases import POSTGRES_ADMIN_URL, throwaway_database
from tests.factories import Api, unique_email
from tests.live_server import BIN, cli, free_port, server_env, start_server
from tests.webhooks.receiver import Receiver


@pytest.mark.slow
def test_sqlite_refuses_what_it_cannot_run(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'one.db'}"
    env = server_env(url, tmp_path, None)
    several = cli(env, "serve", "--workers", "2", "--port", str(free_port()))
    assert several.returncode != 0
    assert "--workers needs PostgreSQL" in several.stderr

    proc = start_server(env, tmp_path, free_port())  # with its embedded worker
    try:
        second = cli(env, "serve", "--port", str(free_port()))
        assert second.returncode != 0
        assert "already running on the SQLite database" in second.stderr
        assert f"process {proc.pid}" in second.stderr
        assert "use PostgreSQL" in second.stderr
        worker = cli(env, "worker")
        assert worker.returncode != 0
        assert "a worker" in worker.stderr and "already running" in worker.stderr
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    # The lock went with the process: a worker may start now, and stops on SIGTERM, cleanly.
    worker_proc = subprocess.Popen(
        [str(BIN), "worker"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        out = b""
        assert worker_proc.stdout is not None
        while b"worker.started" not in out:
            line = worker_proc.stdout.readline()
            assert line, out.decode()
            out += line
        worker_proc.terminate()
        assert worker_proc.wait(timeout=30) == 0
        assert b"worker.stopped" in worker_proc.stdout.read()
    finally:
        if worker_proc.poll() is None:
            worker_proc.kill()


REDIS_DB = 11  # this test's own Redis database (the shared-state tests use 9 and 10)


def _redis_url() -> str:
    return f"redis://127.0.0.1:6379/{REDIS_DB}"


def _flush_redis() -> None:
    import redis

    redis.Redis.from_url(_redis_url()).flushdb()


def _spawn_worker(env: dict[str, str], workdir: Path, n: int) -> subprocess.Popen[bytes]:
    log = (workdir / f"worker-{n}.log").open("ab")
    return subprocess.Popen(
        [str(BIN), "worker"], env=env, cwd=workdir, stdout=log, stderr=subprocess.STDOUT
    )


def _new_key(env: dict[str, str], slug: str, *extra: str) -> str:
    assert cli(env, "tenants", "create", slug, "--name", slug, *extra).returncode == 0
    made = cli(env, "api-keys", "create", "--tenant", slug)
    assert made.returncode == 0, made.stderr
    return made.stdout.strip().splitlines()[-1]


@pytest.mark.slow
@pytest.mark.skipif(not POSTGRES_ADMIN_URL, reason="several processes need PostgreSQL")
def test_two_servers_and_two_workers_share_one_postgres_and_redis(tmp_path: Path) -> None:
    """2 `serve` processes (one of them `--workers 2`) + 2 `worker` processes on one
    PostgreSQL and one Redis: the rate limit is exact across them, every event reaches every
    endpoint once, every interview is scored once."""
    _flush_redis()
    with throwaway_database(tmp_path) as url:
        ports = [free_port(), free_port()]
        bases = [f"http://127.0.0.1:{p}" for p in ports]
        env = server_env(
            url,
            tmp_path,
            bases[0],
            PEOPLELENS_REDIS_URL=_redis_url(),
            PEOPLELENS_WEBHOOK_ALLOW_PRIVATE_URLS="true",
            PEOPLELENS_EMBEDDED_WORKER="false",
        )
        limited = _new_key(env, "limited", "--rate-limit", "60")
        busy = _new_key(env, "busy")
        receivers = [Receiver(), Receiver()]
        procs: list[subprocess.Popen[bytes]] = []
        try:
            procs.append(start_server(env, tmp_path, ports[0], log_name="serve-a.log"))
            procs.append(
                start_server(env, tmp_path, ports[1], "--workers", "2", log_name="serve-b.log")
            )
            procs += [_spawn_worker(env, tmp_path, n) for n in (1, 2)]
            clients = [
                httpx.Client(base_url=b, headers={"Authorization": f"Bearer {limited}"})
                for b in bases
            ]

            # The limit is one budget, whichever process answers.
            answers = [clients[i % 2].get("/api/v1/jobs") for i in range(90)]
            ok = [r for r in answers if r.status_code == 200]
            assert len(ok) == 60
            assert {r.status_code for r in answers} == {200, 429}
            assert sorted(int(r.headers["RateLimit-Remaining"]) for r in ok) == list(range(60))

            api_a = Api(cast(Any, httpx.Client(base_url=bases[0])), busy)
            api_b = Api(cast(Any, httpx.Client(base_url=bases[1])), busy)
            for receiver in receivers:
                api_a.post(
                    "/api/v1/webhooks",
                    json={
                        "url": receiver.url,
                        "events": ["candidate.created", "scorecard.generated"],
                    },
                ).raise_for_status()
            for batch in range(4):
                items = [
                    {"first_name": "M", "last_name": f"{batch}-{i}", "email": unique_email("mp")}
                    for i in range(100)
                ]
                (api_a if batch % 2 else api_b).post(
                    "/api/v1/candidates/bulk", json={"candidates": items}
                ).raise_for_status()
            interviews = [(api_a if n % 2 else api_b).complete_interview() for n in range(3)]
            expected = 400 + 3 + 3  # bulk candidates, the interviews' candidates, 3 scorecards

            plans = [i["invite"]["plan_id"] for i in interviews]
            deadline = time.monotonic() + 90
            while True:
                cards = [api_a.get(f"/api/v1/interviews/{p}/scorecard").json() for p in plans]
                scored = all(c["assessments"] and c["assessments"][0]["scorecard"] for c in cards)
                counts = [len({r.headers["webhook-id"] for r in x.received}) for x in receivers]
                if scored and min(counts) >= expected:
                    break
                assert time.monotonic() < deadline, (counts, expected, scored)
                time.sleep(0.5)
            time.sleep(2.0)  # a duplicate would be sent within this (leases are ~30 s: none)
            for receiver in receivers:
                ids = [r.headers["webhook-id"] for r in receiver.received]
                assert len(ids) == len(set(ids)) == expected
                names = [r.event["event"] for r in receiver.received]
                assert names.count("scorecard.generated") == 3
            # Scored once each: one assessment, one scorecard.generated per plan.
            assert all(len(c["assessments"]) == 1 for c in cards)
        finally:
            for proc in procs:
                proc.terminate()
            for proc in procs:
                assert proc.wait(timeout=60) == 0
            for receiver in receivers:
                receiver.close()
            _flush_redis()


@pytest.mark.skipif(not POSTGRES_ADMIN_URL, reason="concurrent migrations: PostgreSQL")
def test_processes_starting_at_once_migrate_once(tmp_path: Path) -> None:
    """A rolling deploy starts several processes together; each migrates first. They queue on
    an advisory lock: all succeed and the schema is applied once."""
    import psycopg

    assert POSTGRES_ADMIN_URL
    name = f"pltest_mig_{uuid.uuid4().hex[:8]}"
    admin = POSTGRES_ADMIN_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        env = server_env(admin.rsplit("/", 1)[0] + f"/{name}", tmp_path, None)
        procs = [
            subprocess.Popen(
                [str(BIN), "migrate"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
            for _ in range(3)
        ]
        results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else b"") for p in procs]
        assert [code for code, _ in results] == [0, 0, 0], results
        with psycopg.connect(admin.rsplit("/", 1)[0] + f"/{name}") as conn:
            versions = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        assert len(versions) == 1
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
