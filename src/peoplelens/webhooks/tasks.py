"""The webhooks' background work, run by every worker each round: fan-out, then delivery."""

from __future__ import annotations

from peoplelens.db import Database
from peoplelens.webhooks.deliverer import Deliverer
from peoplelens.webhooks.dispatch import fan_out
from peoplelens.worker.registry import TaskContext, WorkerService, service


class FanOut:
    """New outbox events → one delivery per subscribed endpoint (``dispatch.py``)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def run_round(self) -> int:
        return fan_out(self.db)

    def close(self) -> None:
        """Nothing held between rounds."""


@service("webhooks.fan_out")
def _fan_out(db: Database, ctx: TaskContext) -> WorkerService:
    return FanOut(db)


@service("webhooks.deliver")
def _deliver(db: Database, ctx: TaskContext) -> WorkerService:
    return Deliverer(db, ctx.settings, ctx.server_secret)
