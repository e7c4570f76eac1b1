"""The /metrics exposition (spec §11): what ``kit/metrics.py`` counts, plus the queues' state
read from the database at scrape time.

Protection: the in-app ``/metrics`` answers only a Bearer ``PEOPLELENS_METRICS_TOKEN``
(``endpoints.py``); ``PEOPLELENS_METRICS_PORT`` serves the same text on a listener of its own
(loopback unless ``PEOPLELENS_METRICS_HOST`` says otherwise). Neither set: nothing is served.

Several processes (``serve --workers N``, ``peoplelens worker`` beside it) share their counts
through prometheus_client's multiprocess mode: with ``PROMETHEUS_MULTIPROC_DIR`` set (``serve``
sets it itself for ``--workers`` > 1) every process writes its values there and any scrape
reads all of them.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable, Iterator
from datetime import datetime

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from peoplelens.config import Settings
from peoplelens.db import Database
from peoplelens.kit.time import utcnow
from peoplelens.system.repository import Backlog, delivery_backlog, email_backlog, task_backlogs
from peoplelens.worker.registry import task_kinds

log = logging.getLogger("peoplelens.system")

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"


def _age(oldest_due: datetime | None, now: datetime) -> float:
    if oldest_due is None:
        return 0.0
    return max(0.0, (now - oldest_due).total_seconds())


class QueueCollector(Collector):
    """Queue depth and the oldest due item's age, per task kind, for webhook deliveries and for
    the e-mail outbox: three cheap aggregate queries per scrape, in one read transaction."""

    def __init__(self) -> None:
        self.db: Database | None = None

    def bind(self, db: Database) -> None:
        """The database to read (the process's own; the last one bound wins)."""
        self.db = db

    def collect(self) -> Iterator[Metric]:
        db = self.db
        if db is None:
            return
        up = GaugeMetricFamily(
            "peoplelens_queue_stats_up", "1 when the queue statistics could be read."
        )
        try:
            with db.read_session() as session:
                tasks = task_backlogs(session)
                deliveries = delivery_backlog(session)
                emails = email_backlog(session)
        except Exception as exc:
            log.warning("metrics.queue_stats_failed", extra={"error": type(exc).__name__})
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        now = utcnow()
        depth = GaugeMetricFamily(
            "peoplelens_tasks_queued",
            "Background tasks queued (delayed ones too) or running, by kind.",
            labels=["kind"],
        )
        age = GaugeMetricFamily(
            "peoplelens_tasks_oldest_due_seconds",
            "How long the oldest due queued task has waited, by kind (0: none waiting).",
            labels=["kind"],
        )
        idle = Backlog(0, None)
        for kind in sorted(set(task_kinds()) | set(tasks)):
            backlog = tasks.get(kind, idle)
            depth.add_metric([kind], backlog.depth)
            age.add_metric([kind], _age(backlog.oldest_due, now))
        yield depth
        yield age
        yield from self._pair(
            "webhook_deliveries", "Webhook deliveries still owed", deliveries, now
        )
        yield from self._pair("emails", "E-mails not yet sent", emails, now)

    @staticmethod
    def _pair(name: str, what: str, backlog: Backlog, now: datetime) -> Iterable[Metric]:
        yield GaugeMetricFamily(
            f"peoplelens_{name}_pending", f"{what} (waiting or in progress).", value=backlog.depth
        )
        yield GaugeMetricFamily(
            f"peoplelens_{name}_oldest_due_seconds",
            f"{what}: how long the oldest due one has waited (0: none).",
            value=_age(backlog.oldest_due, now),
        )


QUEUES = QueueCollector()
REGISTRY.register(QUEUES)

_lock = threading.Lock()
_scrape_registry: CollectorRegistry | None = None


def multiprocess() -> bool:
    return bool(os.environ.get(MULTIPROC_ENV))


def scrape_registry() -> CollectorRegistry:
    """This process's registry; in multiprocess mode one that reads every process's values
    (and the queues once, not once per process)."""
    global _scrape_registry
    if not multiprocess():
        return REGISTRY
    with _lock:
        if _scrape_registry is None:
            registry = CollectorRegistry()
            MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
            registry.register(QUEUES)
            _scrape_registry = registry
        return _scrape_registry


def exposition() -> tuple[bytes, str]:
    """The metrics in Prometheus' text format, and its content type."""
    return generate_latest(scrape_registry()), CONTENT_TYPE_LATEST


def share_between_processes(workers: int) -> str | None:
    """Before ``serve`` starts ``workers`` processes: the directory their metrics share.

    The operator's ``PROMETHEUS_MULTIPROC_DIR`` when set (shared with ``peoplelens worker``
    processes on the same machine; emptied by whoever starts them), else, for more than one
    worker, a fresh directory removed when ``serve`` exits. One process needs none.
    """
    given = os.environ.get(MULTIPROC_ENV)
    if given:
        return given
    if workers <= 1:
        return None
    path = tempfile.mkdtemp(prefix="peoplelens-metrics-")
    os.environ[MULTIPROC_ENV] = path  # inherited by uvicorn's worker processes
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def start_listener(settings: Settings, db: Database | None = None) -> bool:
    """With ``PEOPLELENS_METRICS_PORT`` set, serve the metrics on their own listener (a daemon
    thread); ``db`` is what the queue statistics read (None: this process connects its own)."""
    if settings.metrics_port is None:
        return False
    from prometheus_client import start_http_server

    QUEUES.bind(db or Database.connect(settings.database_url))
    start_http_server(settings.metrics_port, addr=settings.metrics_host, registry=scrape_registry())
    log.info(
        "metrics.listening", extra={"host": settings.metrics_host, "port": settings.metrics_port}
    )
    return True
