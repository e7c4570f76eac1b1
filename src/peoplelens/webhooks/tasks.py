"""The webhooks' background work, run by every worker each round: fan-out, then delivery."""

from __future__ import annotations

import time

from peoplelens.db import Database
from peoplelens.webhooks.deliverer import Deliverer
from peoplelens.webhooks.dispatch import fan_out
from peoplelens.worker.registry import TaskContext, WorkerService, service


class FanOut:
    """New outbox events → one delivery per subscribed endpoint (``dispatch.py``)."""

    # After an empty look at the outbox, the next one waits this long (not every few ms).
    IDLE_LOOK_SECONDS = 0.05

    def __init__(self, db: Database) -> None:
        self.db = db
        self._next_look = 0.0

    def run_round(self) -> int:
        if time.monotonic() < self._next_look:
            return 0
        created = fan_out(self.db)
        if not created:
            self._next_look = time.monotonic() + self.IDLE_LOOK_SECONDS
        return created

    def close(self) -> None:
        """Nothing held between rounds."""


@service("webhooks.fan_out")
def _fan_out(db: Database, ctx: TaskContext) -> WorkerService:
    return FanOut(db)


@service("webhooks.deliver")
def _deliver(db: Database, ctx: TaskContext) -> WorkerService:
    return Deliverer(db, ctx.settings, ctx.server_secret)
