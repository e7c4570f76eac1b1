"""Webhook delivery throughput to a local receiver, and API latency with a dead receiver.

    .venv/bin/python bench/webhook_throughput.py [--events 2000] [--database-url URL]

Builds a fresh SQLite database (or uses the PostgreSQL URL given), creates N
``candidate.created`` events through the bulk API, then runs the real worker rounds (fan-out +
signed HTTP POSTs) against a receiver on 127.0.0.1 and prints events/s.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fastapi.testclient import TestClient
from tests.factories import Api, make_tenant
from tests.webhooks.receiver import Receiver

from peoplelens.app import create_app
from peoplelens.config import Settings
from peoplelens.migrate import upgrade
from peoplelens.webhooks.deliverer import Deliverer
from peoplelens.webhooks.dispatch import fan_out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
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
        while len(receiver.received) < args.events:
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
