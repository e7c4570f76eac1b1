"""What the worker runs, registered by the domain that owns it; the worker imports no domain.

* **Tasks** — rows in the ``tasks`` table, queued in the transaction that needs them
  (``worker/queue.py``) and run once each: ``@task("assess_step")`` on a handler class
  (``interviews/scorecards/tasks.py``).
* **Services** — work the worker does every round (webhook fan-out and delivery, retention
  sweeps): ``@service("webhooks.deliver")`` on a factory that makes one per worker.

The composition root (``runtime.py``) imports the modules that register, in the order their
services should run in a round.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session

from peoplelens.ai.base import AIProvider
from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.kit.storage.base import FileStorage


@dataclass(frozen=True)
class TaskContext:
    settings: Settings
    provider: AIProvider
    server_secret: bytes = b""
    storage: FileStorage | None = None  # where documents are (None: a worker without files)


class TaskHandler(Protocol):
    def run(
        self, session: Session, tenant_id: uuid.UUID, payload: dict[str, Any], ctx: TaskContext
    ) -> None:
        """The task's work, in the transaction that also marks it done."""
        ...

    def on_give_up(
        self, session: Session, tenant_id: uuid.UUID, payload: dict[str, Any], error: str
    ) -> None:
        """Retries exhausted: record that honestly (in the transaction marking it failed)."""
        ...


class PreparedTask(TaskHandler, Protocol):
    """A task whose slow part (reading a file, parsing it, calling a model) runs *before* its
    write transaction, so SQLite's one writer is not held while it works. What ``prepare``
    returns reaches ``run`` as ``payload["prepared"]``; an exception in it counts as a failed
    attempt, like one in ``run``."""

    def prepare(
        self, db: Database, tenant_id: uuid.UUID, payload: dict[str, Any], ctx: TaskContext
    ) -> dict[str, Any]: ...


class WorkerService(Protocol):
    def run_round(self) -> int:
        """One round of work; how much was done (0: idle)."""
        ...

    def close(self) -> None: ...


ServiceFactory = Callable[[Database, TaskContext], WorkerService]
H = TypeVar("H", bound=type)
F = TypeVar("F", bound=ServiceFactory)

_TASKS: dict[str, TaskHandler] = {}
_SERVICES: dict[str, ServiceFactory] = {}


def task(kind: str) -> Callable[[H], H]:
    """Registers the decorated handler class for tasks of ``kind``."""

    def register(cls: H) -> H:
        if kind in _TASKS:
            raise RuntimeError(f"task kind {kind!r} is registered twice")
        _TASKS[kind] = cls()
        return cls

    return register


def service(name: str) -> Callable[[F], F]:
    """Registers the decorated factory of a service every worker runs each round."""

    def register(factory: F) -> F:
        if name in _SERVICES:
            raise RuntimeError(f"worker service {name!r} is registered twice")
        _SERVICES[name] = factory
        return factory

    return register


def handler_for(kind: str) -> TaskHandler | None:
    return _TASKS.get(kind)


def task_kinds() -> list[str]:
    """Every registered kind (the queue metrics report each, idle ones as 0)."""
    return sorted(_TASKS)


def services() -> list[tuple[str, ServiceFactory]]:
    return list(_SERVICES.items())
