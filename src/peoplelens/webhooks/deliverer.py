"""The worker's webhook service: a pipeline in which no delivery waits for another's.

Three parts, each on its own thread:

* **claiming** (the worker's loop calls :meth:`Deliverer.run_round`): claims as many due
  deliveries as there are free slots, prepares them in one read, hands them to the loop and
  returns — it never waits for an answer;
* **sending** (an asyncio event loop): every delivery is its own coroutine under a hard total
  deadline (``sending.py``), so a slow receiver holds one slot for at most the deadline and
  nothing else;
* **recording**: results are written as they come, a micro-batch per transaction (whatever
  finished since the last write), and each slot is freed once its result is committed.

There is no round that waits for its slowest member. Slots are bounded three ways: in flight
per worker (``webhook_concurrency``), per endpoint across every worker
(``webhook_per_endpoint_concurrency``, counted from the leases in the database), and endpoints
in a failure streak share at most half of a worker's slots — so however many receivers are
slow, a healthy endpoint always finds a free slot.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
import time
import uuid
from dataclasses import dataclass

from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.kit.metrics import WEBHOOK_ATTEMPT_SECONDS, WEBHOOK_DELIVERIES
from peoplelens.webhooks.delivery import (
    Claimed,
    Outgoing,
    claim_due,
    lease_for,
    outcome_label,
    prepare_many,
    record_many,
    refused,
    release,
    renew,
)
from peoplelens.webhooks.sending import Client, Outcome, post

log = logging.getLogger("peoplelens.webhooks")

MICRO_BATCH = 200  # results written in one transaction at most
SLOT_WAIT_SECONDS = 0.1  # how long a round with nothing to claim waits for a result


@dataclass
class _Slot:
    claim: Claimed
    since: float  # monotonic time of the claim or the last lease renewal


class Deliverer:
    """Claims due deliveries into free slots; sends them from an event loop; records results
    as they complete (see the module docstring)."""

    def __init__(self, db: Database, settings: Settings, server_secret: bytes) -> None:
        self.db = db
        self.settings = settings
        self.server_secret = server_secret
        self.deadline = settings.webhook_deadline_seconds
        self.lease = lease_for(settings)
        self.capacity = settings.webhook_concurrency
        self.failing_capacity = max(1, self.capacity // 2)
        self._slots: dict[uuid.UUID, _Slot] = {}
        self._finished = 0  # results committed since the last round
        self._changed = threading.Condition()
        self._results: queue.Queue[tuple[Outgoing, Outcome] | None] = queue.Queue()
        self._tasks: set[asyncio.Task[None]] = set()
        self._loop = asyncio.new_event_loop()
        self._client: Client | None = None
        started = threading.Event()
        self._sender = threading.Thread(
            target=self._run_loop, args=(started,), name="webhook-send", daemon=True
        )
        self._sender.start()
        started.wait()
        self._recorder = threading.Thread(target=self._record_loop, name="webhook-record")
        self._recorder.daemon = True
        self._recorder.start()

    # -- claiming (the worker's thread) ---------------------------------------------------

    def run_round(self) -> int:
        """Fills free slots; returns how much happened (claims + results written since the
        last round), so the worker's loop keeps calling while deliveries flow. With nothing to
        claim but deliveries in flight, it waits a moment for one to finish: the next claim
        then follows the freed slot at once, instead of after the loop's idle sleep."""
        self._renew_old_leases()
        claimed = self._claim()
        with self._changed:
            if not claimed and self._slots and not self._finished:
                self._changed.wait(SLOT_WAIT_SECONDS)
            finished, self._finished = self._finished, 0
        return claimed + finished

    def _claim(self) -> int:
        with self._changed:
            free = self.capacity - len(self._slots)
            failing = sum(1 for s in self._slots.values() if s.claim.failing)
        claims = claim_due(
            self.db,
            limit=free,
            failing_limit=self.failing_capacity - failing,
            per_endpoint=self.settings.webhook_per_endpoint_concurrency,
            lease=self.lease,
        )
        if not claims:
            return 0
        now = time.monotonic()
        with self._changed:
            for claim in claims:
                self._slots[claim.delivery_id] = _Slot(claim, now)
        try:
            with self.db.read_session() as session:
                ids = [c.delivery_id for c in claims]
                items = prepare_many(session, self.settings, self.server_secret, ids)
        except Exception:
            self._release([c.delivery_id for c in claims])  # their leases run out
            raise
        prepared = {item.delivery_id for item in items}
        self._release([c.delivery_id for c in claims if c.delivery_id not in prepared])
        self._loop.call_soon_threadsafe(self._spawn, items)
        return len(claims)

    def _renew_old_leases(self) -> None:
        """A slot whose result is not written by half the lease (the database was slow to
        take it) gets a fresh lease, so nobody resends what this worker is still holding."""
        horizon = time.monotonic() - self.lease.total_seconds() / 2
        with self._changed:
            old = [i for i, s in self._slots.items() if s.since < horizon]
        if old:
            renew(self.db, old, self.lease)
            now = time.monotonic()
            with self._changed:
                for delivery_id in old:
                    if delivery_id in self._slots:
                        self._slots[delivery_id].since = now

    def _release(self, ids: list[uuid.UUID]) -> None:
        with self._changed:
            for delivery_id in ids:
                self._slots.pop(delivery_id, None)
            self._changed.notify_all()

    # -- sending (the event loop's thread) -------------------------------------------------

    def _run_loop(self, started: threading.Event) -> None:
        asyncio.set_event_loop(self._loop)
        self._client = self._loop.run_until_complete(self._open_client())
        started.set()
        self._loop.run_forever()

    async def _open_client(self) -> Client:
        """On the loop: aiohttp's pool belongs to the loop that made it."""
        return Client.open(
            connections=self.capacity,
            idle_seconds=self.settings.webhook_timeout_seconds,
            allow_private=self.settings.webhook_allow_private_urls,
        )

    def _spawn(self, items: list[Outgoing]) -> None:
        for item in items:
            task = self._loop.create_task(self._attempt(item))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _attempt(self, item: Outgoing) -> None:
        assert self._client is not None
        if item.refusal is not None:
            outcome = refused(item)
        else:
            outcome = await post(
                self._client, item.url, item.body, item.headers, deadline=self.deadline
            )
        self._results.put((item, outcome))

    # -- recording (its own thread) --------------------------------------------------------

    def _record_loop(self) -> None:
        while True:
            first = self._results.get()
            if first is None:
                return
            batch = [first]
            while len(batch) < MICRO_BATCH:
                try:
                    more = self._results.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._results.put(None)  # stop after this batch
                    break
                batch.append(more)
            self._write(batch)

    def _write(self, batch: list[tuple[Outgoing, Outcome]]) -> None:
        try:
            with self.db.write_session() as session:
                statuses = record_many(session, self.settings, batch)
                session.commit()
        except Exception:
            # Not written: the lease runs out and another round resends (at-least-once).
            log.exception("webhook.record_error", extra={"deliveries": len(batch)})
            statuses = []
        for (item, outcome), status in zip(batch, statuses, strict=False):
            WEBHOOK_DELIVERIES.labels(outcome=outcome_label(item, outcome, status)).inc()
            WEBHOOK_ATTEMPT_SECONDS.observe(outcome.latency_ms / 1000)
        with self._changed:
            for item, _ in batch:
                self._slots.pop(item.delivery_id, None)
            self._finished += len(batch)
            self._changed.notify_all()

    # -- the service's life ----------------------------------------------------------------

    def idle(self) -> bool:
        """Nothing in flight: every claimed delivery's result is written."""
        with self._changed:
            return not self._slots

    def wait_idle(self, timeout: float) -> bool:
        """Waits until nothing is in flight (tests, benches, shutdown)."""
        end = time.monotonic() + timeout
        with self._changed:
            while self._slots:
                left = end - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(left)
            return True

    def close(self) -> None:
        """Finishes what is in flight (each attempt ends by its deadline), then stops; what is
        still unrecorded past that wait (the database refused the results) is given back."""
        self.wait_idle(self.deadline + 5)
        self._results.put(None)
        self._recorder.join(timeout=5)

        async def shut() -> None:
            for task in list(self._tasks):  # past the wait: given back below
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
            if self._client is not None:
                await self._client.close()

        if self._loop.is_running():
            asyncio.run_coroutine_threadsafe(shut(), self._loop).result(timeout=5)
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._sender.join(timeout=5)
        if not self._loop.is_running():
            self._loop.close()
        with self._changed:
            left = list(self._slots)
            self._slots.clear()
        if left:
            try:
                release(self.db, left)
            except Exception:  # their leases run out instead
                log.exception("webhook.release_error", extra={"deliveries": len(left)})
