"""Webhook delivery throughput to a local receiver.

    .venv/bin/python bench/webhook_throughput.py [--events 2000] [--database-url URL]
    .venv/bin/python bench/webhook_throughput.py --workers 1,2 --events 10000 \
        --database-url postgresql://postgres@127.0.0.1:5432/bench

In-process (the default): a fresh SQLite database (or the URL given), N ``candidate.created``
events through the bulk API, then the deliverer's rounds in this process against the test
receiver, and events/s.

``--workers 1,2``: real ``peoplelens worker`` processes (PostgreSQL) against a raw-asyncio
receiver in its own process (``bench/fast_receiver.py``: never the bottleneck). For each count:
new tenants (``--endpoints``, one endpoint each) and N events created while no worker runs;
then the workers start, and the rate is counted from the first delivery recorded
``succeeded`` to the last (worker start-up excluded) — fan-out, claim, sign, POST, record.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from tests.factories import Api, make_tenant
from tests.webhooks.receiver import Receiver

from peoplelens.app import create_app
from peoplelens.config import Settings
from peoplelens.migrate import upgrade
from peoplelens.models import WebhookDelivery
from peoplelens.webhooks.deliverer import Deliverer
from peoplelens.webhooks.dispatch import fan_out

BIN = Path(sys.executable).parent / "peoplelens"


def _create_events(api: Api, n: int) -> None:
    for start in range(0, n, 1000):
        items = [
            {"first_name": "B", "last_name": str(i), "email": f"b{i}.{uuid.uuid4().hex}@ex.com"}
            for i in range(min(1000, n - start))
        ]
        assert api.post("/api/v1/candidates/bulk", json={"candidates": items}).status_code == 201


def _succeeded(client: TestClient, endpoint_ids: list[uuid.UUID]) -> int:
    db = client.app.state.runtime.db  # type: ignore[attr-defined]
    with db.read_session() as s:
        stmt = select(func.count()).where(
            WebhookDelivery.endpoint_id.in_(endpoint_ids), WebhookDelivery.status == "succeeded"
        )
        return int(s.scalar(stmt) or 0)


def processes(args: argparse.Namespace) -> None:
    url = args.database_url
    if not url or not url.startswith("postgres"):
        raise SystemExit("--workers needs --database-url postgresql://…")
    tmp = Path(tempfile.mkdtemp())
    upgrade(url)
    settings = Settings(
        database_url=url,
        secret_key="bench-" + "x" * 40,
        env="test",
        embedded_worker=False,
        webhook_allow_private_urls=True,
        rate_limit_per_minute=10**9,
        secret_key_file=tmp / "secret",
    )
    receiver = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("fast_receiver.py"))],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert receiver.stdout is not None
    hook = f"http://127.0.0.1:{receiver.stdout.readline().strip()}/hook"
    env = {
        **os.environ,
        "PEOPLELENS_DATABASE_URL": url,
        "PEOPLELENS_SECRET_KEY": settings.secret_key or "",
        "PEOPLELENS_WEBHOOK_ALLOW_PRIVATE_URLS": "true",
        "PEOPLELENS_AI_ENCODER": "lexical",
    }
    rates: dict[int, float] = {}
    app = create_app(settings)
    logging.getLogger("peoplelens").setLevel(logging.WARNING)
    try:
        with TestClient(app) as client:
            for count in [int(c) for c in args.workers.split(",")]:
                endpoint_ids = []
                for _ in range(args.endpoints):
                    api = Api(client, make_tenant(app.state.runtime.db).key)
                    r = api.post("/api/v1/webhooks", json={"url": hook, "events": ["*"]})
                    endpoint_ids.append(uuid.UUID(r.json()["id"].removeprefix("whe-")))
                    _create_events(api, args.events // args.endpoints)
                total = args.events // args.endpoints * args.endpoints
                workers = [
                    subprocess.Popen(
                        [str(BIN), "worker"],
                        env=env,
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                    )
                    for _ in range(count)
                ]
                try:
                    while (first := _succeeded(client, endpoint_ids)) == 0:
                        time.sleep(0.02)
                    started = time.perf_counter()
                    while (done := _succeeded(client, endpoint_ids)) < total:
                        time.sleep(0.1)
                    elapsed = time.perf_counter() - started
                finally:
                    for w in workers:
                        w.terminate()
                    for w in workers:
                        w.wait(timeout=60)
                rates[count] = (done - first) / elapsed
                print(
                    f"PostgreSQL, {count} worker process(es), {args.endpoints} endpoints: "
                    f"{done - first} deliveries in {elapsed:.2f} s = {rates[count]:.0f} events/s"
                )
    finally:
        receiver.terminate()
        receiver.wait()
    if 1 in rates:
        for count, rate in rates.items():
            if count != 1:
                print(f"{count} workers / 1 worker: {rate / rates[1]:.2f}x")
    print(
        f"(this machine: {os.cpu_count()} cores, shared by the workers, PostgreSQL, the receiver)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--workers", default=None, help="e.g. 1,2: real worker processes")
    parser.add_argument("--endpoints", type=int, default=4, help="with --workers")
    args = parser.parse_args()
    if args.workers:
        processes(args)
        return
    tmp = Path(tempfile.mkdtemp())
    url = args.database_url or f"sqlite:///{tmp / 'bench.db'}"
    upgrade(url)
    settings = Settings(
        database_url=url,
        secret_key="bench-" + "x" * 40,
        env="test",
        embedded_worker=False,
        webhook_allow_private_urls=True,
        rate_limit_per_minute=10**9,
        secret_key_file=tmp / "secret",
    )
    app = create_app(settings)
    logging.getLogger("peoplelens").setLevel(logging.WARNING)  # one line per delivery is noise here
    receiver = Receiver()
    with TestClient(app) as client:
        runtime = app.state.runtime
        api = Api(client, make_tenant(runtime.db).key)
        api.post("/api/v1/webhooks", json={"url": receiver.url})
        for start in range(0, args.events, 1000):
            n = min(1000, args.events - start)
            items = [
                {
                    "first_name": "B",
                    "last_name": str(i),
                    "email": f"b{start + i}.{uuid.uuid4().hex[:6]}@example.com",
                }
                for i in range(n)
            ]
            assert (
                api.post("/api/v1/candidates/bulk", json={"candidates": items}).status_code == 201
            )
        deliverer = Deliverer(runtime.db, runtime.settings, runtime.secret_key)
        started = time.perf_counter()
        while len(receiver.received) < args.events or not deliverer.idle():
            if not (fan_out(runtime.db) + deliverer.run_round()):
                time.sleep(0.01)
        elapsed = time.perf_counter() - started
        deliverer.close()
    receiver.close()
    db = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    print(
        f"{db}: {args.events} webhook deliveries in {elapsed:.2f} s = "
        f"{args.events / elapsed:.0f} events/s (concurrency {settings.webhook_concurrency})"
    )


if __name__ == "__main__":
    main()
