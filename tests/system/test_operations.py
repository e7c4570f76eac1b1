"""Operating it (spec §11): /healthz is liveness only, /readyz names the failing check, and
/metrics is protected, labels by route template and reports the queues."""

from __future__ import annotations

import re
import socket
import sqlite3
import subprocess
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx2 as httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import delete

from peoplelens.app import create_app
from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.kit.ids import new_uuid
from peoplelens.kit.time import utcnow
from peoplelens.migrate import upgrade
from peoplelens.models import Task
from peoplelens.system.metrics import QUEUES
from peoplelens.worker.runner import run_task
from tests.databases import POSTGRES_ADMIN_URL
from tests.factories import TenantHandle
from tests.live_server import BIN, free_port, server_env, start_server

TOKEN = "metrics-" + "t" * 32


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def sample(text: str, name: str, **labels: str) -> float | None:
    """One sample's value in a Prometheus text exposition (None: absent)."""
    wanted = ",".join(f'{k}="{v}"' for k, v in labels.items())
    pattern = re.escape(name) + (r"\{" + re.escape(wanted) + r"\}" if labels else "") + r" (\S+)"
    found = re.search("^" + pattern + "$", text, re.MULTILINE)
    return float(found.group(1)) if found else None


@pytest.fixture
def scraping(settings: Settings, db: Database) -> Iterator[TestClient]:
    """An app with a metrics token, on the suite's database; the suite's app's queue
    statistics are bound back afterwards."""
    app = create_app(settings.model_copy(update={"metrics_token": SecretStr(TOKEN)}))
    with TestClient(app) as client:
        yield client
    QUEUES.bind(db)


class TestHealth:
    def test_liveness_does_not_touch_the_database(self, tmp_path: Path) -> None:
        # A database nobody can reach: alive, not ready, and the check that failed is named.
        broken = Settings(
            env="test",
            database_url=f"postgresql://nobody@127.0.0.1:{free_port()}/none",
            secret_key="s" * 40,
            embedded_worker=False,
            ai_encoder="lexical",
            storage_url=f"file://{tmp_path}",
        )
        app: FastAPI = create_app(broken)
        try:
            with TestClient(app) as client:
                assert client.get("/healthz").json() == {"status": "ok"}
                r = client.get("/readyz")
                assert r.status_code == 503
                body = r.json()
                assert body["status"] == "not_ready"
                assert body["checks"]["database"].startswith("unreachable")
                assert "nobody" not in r.text  # no URL, no credentials
        finally:
            QUEUES.bind(app.state.runtime.db)  # rebound below by other fixtures

    def test_ready_names_migrations_and_redis(self, client: TestClient, tmp_path: Path) -> None:
        r = client.get("/readyz")
        assert r.status_code == 200, r.text
        assert r.json() == {
            "status": "ready",
            "checks": {"database": "ok", "migrations": "ok", "redis": "not configured"},
        }
        # A database one migration behind: not ready, and which revision it is at.
        url = f"sqlite:///{tmp_path / 'behind.db'}"
        upgrade(url, "0010")
        base = dict(env="test", secret_key="s" * 40, embedded_worker=False, ai_encoder="lexical")
        behind = Settings(database_url=url, storage_url=f"file://{tmp_path}", **base)  # type: ignore[arg-type]
        app = create_app(behind)
        with TestClient(app) as other:
            r = other.get("/readyz")
            assert r.status_code == 503
            assert r.json()["checks"]["migrations"].startswith("at 0010, expected ")
        # A rolling deploy: the next release has migrated (a revision this code does not
        # know). The old processes stay ready: expand/contract keeps them working on it.
        upgrade(url)
        with sqlite3.connect(tmp_path / "behind.db") as conn:
            (head,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            conn.execute("UPDATE alembic_version SET version_num = '9999_next_release'")
        with TestClient(create_app(behind)) as other:
            r = other.get("/readyz")
            assert r.status_code == 200 and r.json()["checks"]["migrations"] == "ok", r.text
        with sqlite3.connect(tmp_path / "behind.db") as conn:
            conn.execute("UPDATE alembic_version SET version_num = ?", (head,))
        # Redis: nothing listening, then the machine's own when it runs one (a ping only).
        cases = [(f"redis://127.0.0.1:{free_port()}/0", False)]
        if _redis_answers():
            cases.append(("redis://127.0.0.1:6379/0", True))
        for redis_url, ready in cases:
            app = create_app(behind.model_copy(update={"redis_url": redis_url}))
            with TestClient(app) as other:
                r = other.get("/readyz")
                assert (r.status_code == 200) is ready, r.text
                assert r.json()["checks"]["redis"] == (
                    "ok" if ready else "unreachable (ConnectionError)"
                )
        QUEUES.bind(client.app.state.runtime.db)  # type: ignore[attr-defined]


class TestMetrics:
    def test_without_a_token_there_are_no_metrics(self, client: TestClient) -> None:
        r = client.get("/metrics")
        assert r.status_code == 404 and r.json()["error"]["code"] == "route_not_found"
        r = client.get("/metrics", headers={"Authorization": "Bearer anything"})
        assert r.status_code == 404

    def test_token_template_labels_queues_and_tasks(
        self, scraping: TestClient, db: Database, tenant: TenantHandle
    ) -> None:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
            r = scraping.get("/metrics", headers=headers)
            assert r.status_code == 401, headers
            assert r.json()["error"]["type"] == "authentication_error"
        # Traffic: a templated route (an unknown id: its template, not its path), no route.
        odd = f"/no/such/{uuid.uuid4().hex}"
        assert scraping.get(f"/api/v1/candidates/can-{uuid.uuid4()}").status_code == 401
        assert scraping.get(odd).status_code == 404
        # A queued task of a kind nobody handles, due two minutes ago.
        kind = f"ops-test-{uuid.uuid4().hex[:8]}"
        task_id = new_uuid()
        due = utcnow() - timedelta(seconds=120)
        with db.write_session() as session:
            session.add(
                Task(
                    id=task_id,
                    tenant_id=tenant.id,
                    kind=kind,
                    payload={},
                    status="queued",
                    attempts=0,
                    run_after=due,
                    created_at=due,
                    updated_at=due,
                )
            )
            session.commit()
        try:
            text = self.scrape(scraping)
            assert sample(text, "peoplelens_tasks_queued", kind=kind) == 1
            age = sample(text, "peoplelens_tasks_oldest_due_seconds", kind=kind)
            assert age is not None and 120 <= age < 600
            assert sample(text, "peoplelens_queue_stats_up") == 1
            assert sample(text, "peoplelens_webhook_deliveries_pending") is not None
            assert sample(text, "peoplelens_emails_oldest_due_seconds") is not None
            # Registered kinds are reported even when idle.
            assert sample(text, "peoplelens_tasks_queued", kind="assess_step") is not None
            # Running it fails (no handler): counted as a retry, with its duration.
            with db.write_session() as session:
                row = session.get(Task, task_id)
                assert row is not None
                row.status, row.attempts = "running", 1
                session.commit()
            assert run_task(db, task_id, scraping.app.state.runtime.task_context()) == "queued"  # type: ignore[attr-defined]
            text = self.scrape(scraping)
            assert sample(text, "peoplelens_tasks_total", kind=kind, outcome="retrying") == 1
            assert sample(text, "peoplelens_task_seconds_count", kind=kind) == 1
        finally:
            with db.write_session() as session:
                session.execute(delete(Task).where(Task.id == task_id))
                session.commit()
        # HTTP: by template and status class; the raw paths appear nowhere.
        template = "/api/v1/candidates/{id}"
        assert (
            sample(
                text, "peoplelens_http_requests_total", method="GET", route=template, status="4xx"
            )
            or 0
        ) >= 1
        assert (
            sample(
                text,
                "peoplelens_http_requests_total",
                method="GET",
                route="unmatched",
                status="4xx",
            )
            or 0
        ) >= 1
        assert (
            sample(text, "peoplelens_http_request_seconds_count", method="GET", route="/metrics")
            or 0
        ) >= 1
        assert odd not in text and "can-" not in text

    @staticmethod
    def scrape(client: TestClient) -> str:
        r = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("text/plain")
        return r.text


@pytest.mark.slow
@pytest.mark.skipif(not POSTGRES_ADMIN_URL, reason="serve --workers needs PostgreSQL")
def test_two_processes_count_into_one_scrape(database_url: str, tmp_path: Path) -> None:
    """`serve --workers 2`: every request is counted once whichever process took it, seen by
    the in-app /metrics and by the metrics port — a listener in the supervising process, which
    serves no request itself, so what it reports comes from the workers' shared files; and a
    `peoplelens worker` serves its own on its own port."""
    port = free_port()
    server_port = free_port()
    base = f"http://127.0.0.1:{server_port}"
    env = server_env(
        database_url,
        tmp_path,
        base,
        PEOPLELENS_METRICS_TOKEN=TOKEN,
        PEOPLELENS_METRICS_PORT=str(port),
        PEOPLELENS_EMBEDDED_WORKER="false",
    )
    server = start_server(env, tmp_path, server_port, "--workers", "2")
    try:
        sent = 30
        for _ in range(sent):  # a new connection each: the kernel spreads them over both
            assert httpx.get(f"{base}/readyz", headers={"Connection": "close"}).status_code == 200
        listener = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=10).text
        labels = {"method": "GET", "route": "/readyz", "status": "2xx"}
        assert sample(listener, "peoplelens_http_requests_total", **labels) == sent
        for _ in range(3):
            r = httpx.get(f"{base}/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
            assert r.status_code == 200
            assert sample(r.text, "peoplelens_http_requests_total", **labels) == sent
        assert sample(listener, "peoplelens_queue_stats_up") == 1
        # A `peoplelens worker` serves its own metrics on its own port (loopback).
        worker_port = free_port()
        log = (tmp_path / "worker.log").open("wb")
        worker = subprocess.Popen(
            [str(BIN), "worker"],
            env={**env, "PEOPLELENS_METRICS_PORT": str(worker_port)},
            cwd=tmp_path,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    text = httpx.get(f"http://127.0.0.1:{worker_port}/metrics", timeout=2).text
                    break
                except httpx.HTTPError:
                    assert worker.poll() is None and time.monotonic() < deadline, (
                        tmp_path / "worker.log"
                    ).read_text()
                    time.sleep(0.2)
            assert sample(text, "peoplelens_queue_stats_up") == 1
            assert sample(text, "peoplelens_tasks_queued", kind="assess_step") is not None
        finally:
            worker.terminate()
            worker.wait(timeout=20)
            log.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
