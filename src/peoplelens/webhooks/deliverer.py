"""The worker's webhook service: rounds of claimed deliveries, sent concurrently in two lanes."""

from __future__ import annotations

import logging
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import httpx

from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.webhooks.delivery import (
    Outgoing,
    claim_due,
    prepare,
    record,
    send,
)

log = logging.getLogger("peoplelens.webhooks")


class Deliverer:
    """Claims due deliveries and sends them concurrently, in two lanes.

    Healthy endpoints go in batches: one read transaction to prepare, concurrent POSTs, one
    write transaction to record them all. Endpoints in a failure streak (slow, down) go to a
    separate pool whose deliveries record themselves one by one and are never waited for — so
    a dead receiver's 5-second timeouts cannot slow the others' rounds.
    """

    def __init__(self, db: Database, settings: Settings, server_secret: bytes) -> None:
        self.db = db
        self.settings = settings
        self.server_secret = server_secret
        self.lease = timedelta(seconds=settings.webhook_timeout_seconds * 3 + 5)
        self.client = httpx.Client(
            timeout=settings.webhook_timeout_seconds,
            follow_redirects=False,
            limits=httpx.Limits(max_connections=256, max_keepalive_connections=64),
        )
        self.pool = ThreadPoolExecutor(
            max_workers=settings.webhook_concurrency, thread_name_prefix="webhook"
        )
        self.slow_capacity = max(2, settings.webhook_concurrency // 2)
        self.slow_pool = ThreadPoolExecutor(
            max_workers=self.slow_capacity, thread_name_prefix="webhook-slow"
        )
        self._slow_inflight = 0
        self._lock = threading.Lock()

    def _prepare(self, ids: list[uuid.UUID]) -> list[Outgoing]:
        with self.db.read_session() as session:
            found = [prepare(session, self.settings, self.server_secret, d) for d in ids]
        return [p for p in found if p is not None]

    def run_round(self) -> int:
        healthy = claim_due(
            self.db, self.settings.webhook_concurrency * 2, failing=False, lease=self.lease
        )
        if healthy:
            results = list(self.pool.map(lambda p: send(self.client, p), self._prepare(healthy)))
            with self.db.write_session() as session:
                for item, outcome in results:
                    record(session, self.settings, item, outcome)
                session.commit()
        with self._lock:
            free = self.slow_capacity - self._slow_inflight
        slow = claim_due(self.db, free, failing=True, lease=self.lease)
        for item in self._prepare(slow):
            with self._lock:
                self._slow_inflight += 1
            self.slow_pool.submit(self._send_alone, item)
        return len(healthy) + len(slow)

    def _send_alone(self, item: Outgoing) -> None:
        try:
            _, outcome = send(self.client, item)
            with self.db.write_session() as session:
                record(session, self.settings, item, outcome)
                session.commit()
        except Exception:
            log.exception("webhook.slow_lane_error")
        finally:
            with self._lock:
                self._slow_inflight -= 1

    def idle(self) -> bool:
        with self._lock:
            return self._slow_inflight == 0

    def close(self) -> None:
        self.slow_pool.shutdown(wait=True)
        self.pool.shutdown(wait=True)
        self.client.close()
